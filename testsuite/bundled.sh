#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The bundled input: the reference implementation of the batched unmap
# path (must be clean under both engines) and its bug variants, one
# historical mistake each (each must be flagged by the check named in its
# patch's "Expect:" line).
#
#   bundled.sh demo   print the findings as a build log would show them
#   bundled.sh test   the same as tests: "N passed, N failed"
mode=${1:-demo}
top=$(cd "$(dirname "$0")/.." && pwd)
cli=$top/tools/ptebatch
ref=$top/testsuite/reference
pass=0 fail=0

say() { [ "$mode" = demo ] && printf '%s\n' "$*"; }
result() { # NAME OK
	if [ "$2" = 1 ]; then
		pass=$((pass + 1))
		[ "$mode" = test ] && echo "PASS $1"
	else
		fail=$((fail + 1))
		echo "FAIL $1"
	fi
}

# reference sources: every .c but generated variants
ref_sources=$(cd "$top" && find testsuite/reference -name '*.c' \
	-not -path '*/build/*' -not -path '*/bugs/*' | sort)
if [ -z "$ref_sources" ]; then
	echo "FAIL reference: no sources under testsuite/reference"
	echo "0 passed, 1 failed"
	exit 1
fi

cd "$top" || exit 2
say "== ptebatch $("$cli" --version | cut -d' ' -f2): reference implementation (expected: clean)"
say "\$ ptebatch check testsuite/reference/**/*.c"
# shellcheck disable=SC2086
"$cli" check $ref_sources >/tmp/ptebatch-bundled.$$ 2>&1
status=$?
if [ "$mode" = demo ]; then
	cat /tmp/ptebatch-bundled.$$
	[ $status -eq 0 ] && echo "clean: $(echo "$ref_sources" | wc -l) files, 0 findings"
elif [ $status -ne 0 ]; then
	sed 's/^/    /' /tmp/ptebatch-bundled.$$
fi
result "reference is clean under both engines (exit $status)" "$([ $status -eq 0 ] && echo 1)"

if [ -d "$ref/bugs" ] && ls "$ref"/bugs/*.patch >/dev/null 2>&1; then
	make -s -C "$ref" variants >/tmp/ptebatch-bundled.$$ 2>&1 ||
		{ cat /tmp/ptebatch-bundled.$$; result "variants build" 0; }
	for patch in "$ref"/bugs/*.patch; do
		name=$(basename "$patch" .patch)
		want=$(sed -n 's/^Expect: *//p' "$patch" | head -n 1)
		dir=$ref/build/variants/$name
		files=$(cd "$top" && find "testsuite/reference/build/variants/$name" -name '*.c' | sort)
		say ""
		say "== bug variant $name (expected: $want)"
		say "\$ ptebatch check testsuite/reference/build/variants/$name/..."
		# shellcheck disable=SC2086
		"$cli" check $files >/tmp/ptebatch-bundled.$$ 2>&1
		status=$?
		[ "$mode" = demo ] && cat /tmp/ptebatch-bundled.$$
		got=$(grep -c "\[ptebatch-$want\]" /tmp/ptebatch-bundled.$$)
		others=$(grep '\[ptebatch-' /tmp/ptebatch-bundled.$$ | grep -vc "\[ptebatch-$want\]")
		[ -d "$dir" ] || got=0
		result "variant $name flagged by $want ($got finding(s), $others other)" \
			"$([ $status -eq 1 ] && [ "$got" -ge 1 ] && [ "$others" -eq 0 ] && echo 1)"
	done
fi
rm -f /tmp/ptebatch-bundled.$$
[ "$mode" = demo ] && echo
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
