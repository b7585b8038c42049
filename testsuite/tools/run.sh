#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# CLI contract tests for 'ptebatch check' (docs/interfaces.md): exit
# statuses, one-line errors, formats, merging, install, plugin options.
# Closing line: "N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
cli=$top/tools/ptebatch
files=$top/testsuite/tools/files
tmp=$(mktemp -d /tmp/ptebatch-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $1"; [ -f "$tmp/err" ] && sed 's/^/    /' "$tmp/err" | head -5; }

# expect_status NAME STATUS CMD...: exit status and, for 2, exactly one
# line on stderr that starts with "ptebatch: error:".
expect_status() {
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

expect_grep() { # NAME FILE PATTERN
	if grep -q -- "$3" "$2"; then ok; else ko "$1: '$3' not in $2"; cat "$2" | head -5; fi
}

cd "$tmp" || exit 2

expect_status version 0 "$cli" --version && expect_grep version-text "$tmp/out" '^ptebatch [0-9]'
expect_status help 0 "$cli" --help && expect_grep help-text "$tmp/out" 'ptebatch check'
expect_status clean 0 "$cli" check "$files/clean.c"
[ -s "$tmp/out" ] && ko "clean: printed something" || ok
expect_status finding 1 "$cli" check "$files/bug.c"
expect_grep finding-text "$tmp/out" "bug.c:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]"
expect_status missing-file 2 "$cli" check "$tmp/nope.c" && expect_grep missing-file-name "$tmp/err" 'nope.c'
expect_status compile-error 2 "$cli" check "$files/broken.c" && expect_grep compile-error-why "$tmp/err" 'does not compile'
expect_status unknown-check 2 "$cli" check --checks=vm-bug,no-such-check "$files/bug.c" && expect_grep unknown-check-id "$tmp/err" 'no-such-check'
expect_status unknown-option 2 "$cli" check --frobnicate "$files/bug.c"
expect_status unknown-format 2 "$cli" check --format=xml "$files/bug.c"
expect_status unknown-engine 2 "$cli" check --engine=smatch "$files/bug.c"
expect_status no-files 2 "$cli" check
expect_status unknown-command 2 "$cli" frob

# spatch missing: a PATH with gcc and the basics but no spatch
mkdir -p "$tmp/bin"
for t in gcc cc1 as ld sh rm; do p=$(command -v $t) && ln -sf "$p" "$tmp/bin/$t"; done
expect_status no-spatch 2 env PATH="$tmp/bin" "$cli" check "$files/bug.c" && expect_grep no-spatch-why "$tmp/err" 'spatch not found'
expect_status no-spatch-plugin-only 1 env PATH="$tmp/bin" "$cli" check --engine=plugin "$files/bug.c"

# the plugin is missing / is not a plugin
expect_status no-plugin 2 env PTEBATCH_PLUGIN="$tmp/none.so" "$cli" check --engine=plugin "$files/bug.c"
cp /bin/true "$tmp/bogus.so"
expect_status bad-plugin 2 env PTEBATCH_PLUGIN="$tmp/bogus.so" "$cli" check --engine=plugin "$files/bug.c" && expect_grep bad-plugin-why "$tmp/err" 'plugin'

# --checks filters; JSON has the contract's keys
expect_status checks-filter 0 "$cli" check --checks=nr-provenance "$files/bug.c"
expect_status json 1 "$cli" check --format=json "$files/bug.c"
for k in file line column check engine severity message fingerprint; do
	expect_grep "json-key-$k" "$tmp/out" "\"$k\":"
done
# both engines see the VM_BUG_ON: one finding that records both
if [ -f "$top/cocci/vm_bug.cocci" ]; then
	expect_grep json-merged "$tmp/out" '"engine":"plugin+cocci"'
	[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || ko "json-merged: want 1 line"
fi

# sorted by file, then line, across inputs given in any order
expect_status sorted 1 "$cli" check --engine=plugin "$files/sub/uses-local.c" "$files/bug.c"
sort -t: -k1,1 -k2,2n "$tmp/out" | cmp -s - "$tmp/out" && ok || ko "sorted: output not sorted"
# a header included relative to the file, from another working directory
expect_grep relative-include "$tmp/out" 'uses-local.c:7:'
expect_grep header-finding "$tmp/out" 'local.h:3:'

# every format renders the same findings
expect_status github 1 "$cli" check --format=github "$files/bug.c"
expect_grep github-line "$tmp/out" '^::warning file=.*bug.c,line=7,col=[0-9]*,title=ptebatch-vm-bug::'
expect_status sarif 1 "$cli" check --format=sarif "$files/bug.c"
expect_grep sarif-version "$tmp/out" '"version":"2.1.0"'
expect_grep sarif-fingerprint "$tmp/out" '"partialFingerprints"'

# the plugin: -Werror does not fail the build; the error key does
cp "$files/bug.c" "$tmp/werror.c"
sed -i 's|"../../include/kernel.h"|"'"$top"'/testsuite/include/kernel.h"|' "$tmp/werror.c"
expect_status werror-builds 0 gcc -Werror -fplugin="$top/plugin/ptebatch_plugin.so" -c "$tmp/werror.c" -o "$tmp/w.o"
expect_grep werror-shown "$tmp/err" 'warning: .*\[ptebatch-vm-bug\]'
expect_status error-mode 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
expect_status bad-plugin-key 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-frob -c "$tmp/werror.c" -o "$tmp/w.o"
expect_status bad-plugin-check 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-checks=frob -c "$tmp/werror.c" -o "$tmp/w.o"
expect_status disable-key 0 gcc -Werror -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-disable -c "$tmp/werror.c" -o "$tmp/w.o"
[ -s "$tmp/err" ] && ko "disable-key: printed something" || ok
# analyze-only: stops after the analysis, no code is generated
expect_status analyze-only 0 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-analyze-only -S -o "$tmp/w.s" "$tmp/werror.c"
grep -q 'ret' "$tmp/w.s" && ko "analyze-only: code was generated" || ok
# objects are identical with and without the plugin
gcc -O2 -c "$tmp/werror.c" -o "$tmp/plain.o" 2>/dev/null
gcc -O2 -fplugin="$top/plugin/ptebatch_plugin.so" -c "$tmp/werror.c" -o "$tmp/plugin.o" 2>/dev/null
cmp -s "$tmp/plain.o" "$tmp/plugin.o" && ok || ko "identical-objects: plugin changed the object"

# a plugin built for another gcc refuses to load, naming both versions
inc=$(gcc -print-file-name=plugin)/include
if g++ -std=gnu++14 -fPIC -shared -fno-rtti -fno-exceptions -I"$inc" -I"$top/plugin" \
	-DPLUGIN_VERSION='"test"' -DPTEBATCH_TEST_BUILT_FOR='"11.4.0"' \
	-o "$tmp/old.so" "$top"/plugin/*.c 2>"$tmp/err"; then
	expect_status version-mismatch 1 gcc -fplugin="$tmp/old.so" -c "$tmp/werror.c" -o "$tmp/w.o"
	expect_grep version-mismatch-text "$tmp/err" 'built for gcc 11.4.0, loaded into gcc 12'
else
	ko "version-mismatch: could not build the test plugin"
fi

# make install: the installed CLI finds its plugin and rules
if make -s -C "$top" install PREFIX="$tmp/prefix" >"$tmp/err" 2>&1; then
	expect_status installed 1 env -u PTEBATCH_PLUGIN "$tmp/prefix/bin/ptebatch" check "$files/bug.c"
	expect_grep installed-finding "$tmp/out" 'ptebatch-vm-bug'
else
	ko "install: make install failed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
