# SPDX-License-Identifier: GPL-2.0-only
#
# Assertions shared by the shell test runners (testsuite/tools/run.sh,
# testsuite/workflows/run.sh).  The caller sets $tmp and pass=0 fail=0
# skip=0, and prints "$pass passed, $fail failed[, $skip skipped]" last.

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/    /' "$tmp/err" | head -5; }
# skipped [-n N] REASON: N tests (default 1) that cannot run here, and why
skipped() {
	n=1
	[ "$1" = -n ] && { n=$2; shift 2; }
	skip=$((skip + n))
	echo "SKIP $1"
}

# A section of tests that is either run or skipped whole: its size is
# declared once, the skip counts it, and a run checks it, so a skip can
# never count fewer tests than a run does (and a run stopped early by a
# failure counts the tests it did not reach as failed).
#   section N NAME; ...tests...; end_section
#   skip_section N REASON
section() { sec_n=$1 sec_name=$2 sec_from=$((pass + fail)) sec_fail=$fail; }
end_section() {
	sec_ran=$((pass + fail - sec_from))
	[ "$sec_ran" -eq "$sec_n" ] && return 0
	if [ "$fail" -gt "$sec_fail" ] && [ "$sec_ran" -lt "$sec_n" ]; then
		echo "FAIL $sec_name: $((sec_n - sec_ran)) tests not reached after a failure"
		fail=$((fail + sec_n - sec_ran))
	else
		ko "$sec_name: ran $sec_ran tests, declared $sec_n (fix the section's count)"
	fi
}
skip_section() { skipped -n "$1" "$2"; }

# run NAME STATUS CMD...: exit status; stdout in $tmp/out, stderr in $tmp/err
run() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		ko "$name: exit $got, want $want"
		return 1
	fi
	if [ "$want" -eq 2 ] && { [ "$(wc -l <"$tmp/err")" -ne 1 ] ||
	   ! grep -q '^ptebatch: error: ' "$tmp/err"; }; then
		ko "$name: want one 'ptebatch: error:' line on stderr"
		return 1
	fi
	ok
}
has() { # NAME FILE PATTERN
	if grep -q -- "$3" "$2"; then ok; else ko "$1: '$3' not in $(basename "$2")"; sed 's/^/    | /' "$2" | head -8; fi
}
hasnt() { # NAME FILE PATTERN
	if grep -q -- "$3" "$2"; then ko "$1: '$3' in $(basename "$2")"; sed 's/^/    | /' "$2" | head -8; else ok; fi
}
lines() { # NAME FILE PATTERN COUNT
	n=$(grep -c -- "$3" "$2")
	if [ "$n" -eq "$4" ]; then ok; else ko "$1: $n lines match '$3', want $4"; sed 's/^/    | /' "$2" | head -8; fi
}
same() { # NAME FILE1 FILE2
	if cmp -s "$2" "$3"; then ok; else ko "$1: differ"; diff "$2" "$3" | head -10 | sed 's/^/    /'; fi
}
