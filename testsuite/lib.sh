# SPDX-License-Identifier: GPL-2.0-only
#
# Assertions shared by the shell test runners (testsuite/tools/run.sh,
# testsuite/workflows/run.sh).  The caller sets $tmp and pass=0 fail=0
# skip=0, and prints "$pass passed, $fail failed[, $skip skipped]" last.

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/    /' "$tmp/err" | head -5; }
skipped() { skip=$((skip + 1)); echo "SKIP $1"; }

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
