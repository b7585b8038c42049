#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check: run every suite, show their failures, and close with the sum
# of their "N passed, N failed[, N skipped]" lines.  Each suite is a command
# that prints such a line last.  PTEBATCH_NO_SKIPS=1 (CI, which prepares
# every tree and tool first) makes every skipped test a failed one.
cd "$(dirname "$0")/.." || exit 2

log=$(mktemp -d /tmp/ptebatch-check.XXXXXX)
trap 'rm -rf "$log"' EXIT
# The findings cache (tools/cache.c) is off: every suite runs the engines
# it means to run; the cache's own tests, in the tools suite, turn it on
# in a directory of their own.  Nothing is written to the user's cache.
export PTEBATCH_FINDINGS_CACHE=0 XDG_CACHE_HOME="$log/cache"
total_p=0 total_f=0 total_s=0 broken=0 reasons=

suite() {
	name=$1
	shift
	start=$(date +%s)
	"$@" >"$log/$name" 2>&1
	status=$?
	last=$(grep -E '^[A-Za-z]*:? ?[0-9]+ passed, [0-9]+ failed' "$log/$name" | tail -n 1)
	p=$(echo "$last" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
	f=$(echo "$last" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	s=$(echo "$last" | sed -n 's/.* \([0-9][0-9]*\) skipped.*/\1/p')
	if [ -z "$p" ] || [ -z "$f" ]; then
		echo "$name: no closing line (exit $status); output:"
		tail -n 20 "$log/$name"
		broken=$((broken + 1))
		return
	fi
	grep -E '^(FAIL|not ok|ERROR)' "$log/$name" | sed "s/^/$name: /"
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "$name: exit $status with no failed test; output:"
		tail -n 20 "$log/$name"
		broken=$((broken + 1))
	fi
	echo "$name: $last ($(( $(date +%s) - start ))s)"
	# Why it skipped, once per reason, with the command that would run it.
	if [ "${s:-0}" -gt 0 ]; then
		why=$(sed -n 's/^SKIP:\{0,1\} //p' "$log/$name" | sort -u)
		if [ -z "$why" ]; then
			echo "$name: $s skipped without a SKIP line saying why"
			broken=$((broken + 1))
		fi
		printf '%s\n' "$why" | sed "s/^/$name: skipped: /"
		reasons="$reasons$(printf '%s\n' "$why" | sed "s/^/  $name: /")
"
	fi
	total_p=$((total_p + p))
	total_f=$((total_f + f))
	total_s=$((total_s + ${s:-0}))
}

suite rules sh testsuite/rules/run.sh
suite layers sh testsuite/layers/run.sh
suite cli sh testsuite/tools/run.sh
suite cross sh testsuite/cross/run.sh
suite cases testsuite/run-tests
suite fuzz-replay sh testsuite/fuzz/run.sh replay
suite robust sh testsuite/robust/run.sh
suite bundled sh testsuite/bundled.sh test
[ -f testsuite/reference/Makefile ] && suite reference make -s -C testsuite/reference test
[ -f testsuite/cocci-patch/run.sh ] && suite cocci-patch sh testsuite/cocci-patch/run.sh
[ -f testsuite/coccicheck/run.sh ] && suite coccicheck sh testsuite/coccicheck/run.sh
[ -f testsuite/workflows/run.sh ] && suite workflows sh testsuite/workflows/run.sh
[ -f testsuite/bot/run.sh ] && suite bot sh testsuite/bot/run.sh

total_f=$((total_f + broken))
echo
if [ "$total_s" -gt 0 ]; then
	echo "skipped, and why:"
	printf '%s' "$reasons"
	# CI provides every tree and tool the suites need (.ci/run): there a
	# skip hides a test that should have run, and fails.
	if [ -n "${PTEBATCH_NO_SKIPS:-}" ]; then
		echo "FAIL $total_s tests skipped with PTEBATCH_NO_SKIPS set: what they need should be here"
		total_f=$((total_f + total_s))
	fi
fi
echo "$total_p passed, $total_f failed, $total_s skipped"
[ "$total_f" -eq 0 ]
