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

. "$top/testsuite/lib.sh"

cd "$tmp" || exit 2

run version 0 "$cli" --version && has version-text "$tmp/out" '^ptebatch [0-9]'
run help 0 "$cli" --help && has help-text "$tmp/out" 'ptebatch check'
run clean 0 "$cli" check "$files/clean.c"
[ -s "$tmp/out" ] && ko "clean: printed something" || ok
run finding 1 "$cli" check "$files/bug.c"
has finding-text "$tmp/out" "bug.c:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]"
run missing-file 2 "$cli" check "$tmp/nope.c" && has missing-file-name "$tmp/err" 'nope.c'
run compile-error 2 "$cli" check "$files/broken.c" && has compile-error-why "$tmp/err" 'does not compile'
run unknown-check 2 "$cli" check --checks=vm-bug,no-such-check "$files/bug.c" && has unknown-check-id "$tmp/err" 'no-such-check'
run unknown-option 2 "$cli" check --frobnicate "$files/bug.c"
run unknown-format 2 "$cli" check --format=xml "$files/bug.c"
run unknown-engine 2 "$cli" check --engine=smatch "$files/bug.c"
run no-files 2 "$cli" check
run unknown-command 2 "$cli" frob

# spatch missing: a PATH with gcc and the basics but no spatch
mkdir -p "$tmp/bin"
for t in gcc cc1 as ld sh rm; do p=$(command -v $t) && ln -sf "$p" "$tmp/bin/$t"; done
run no-spatch 2 env PATH="$tmp/bin" "$cli" check "$files/bug.c" && has no-spatch-why "$tmp/err" 'spatch not found'
run no-spatch-plugin-only 1 env PATH="$tmp/bin" "$cli" check --engine=plugin "$files/bug.c"

# the plugin is missing / is not a plugin
run no-plugin 2 env PTEBATCH_PLUGIN="$tmp/none.so" "$cli" check --engine=plugin "$files/bug.c"
cp /bin/true "$tmp/bogus.so"
run bad-plugin 2 env PTEBATCH_PLUGIN="$tmp/bogus.so" "$cli" check --engine=plugin "$files/bug.c" && has bad-plugin-why "$tmp/err" 'plugin'

# --checks filters; JSON has the contract's keys
run checks-filter 0 "$cli" check --checks=nr-provenance "$files/bug.c"
run json 1 "$cli" check --format=json "$files/bug.c"
for k in file line column check engine severity message fingerprint; do
	has "json-key-$k" "$tmp/out" "\"$k\":"
done
# both engines see the VM_BUG_ON: one finding that records both
if [ -f "$top/cocci/vm_bug.cocci" ]; then
	has json-merged "$tmp/out" '"engine":"plugin+cocci"'
	[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || ko "json-merged: want 1 line"
fi

# one bug on a two-line call: one finding at the call, from both engines,
# in the same words
if [ -f "$top/cocci/batch_bounds.cocci" ]; then
	run merged-call 1 "$cli" check --format=json "$files/two-lines.c"
	lines merged-call-one "$tmp/out" '"check":"batch-bounds"' 1
	has merged-call-engines "$tmp/out" '"line":8,"column":9,.*"engine":"plugin+cocci"'
	run merged-call-plugin 1 "$cli" check --engine=plugin "$files/two-lines.c"
	grep -v ': note: ' "$tmp/out" >"$tmp/plugin.out"
	run merged-call-cocci 1 "$cli" check --engine=cocci "$files/two-lines.c"
	same merged-call-same-words "$tmp/plugin.out" "$tmp/out"
fi

# sorted by file, then line, across inputs given in any order
run sorted 1 "$cli" check --engine=plugin "$files/sub/uses-local.c" "$files/bug.c"
sort -t: -k1,1 -k2,2n "$tmp/out" | cmp -s - "$tmp/out" && ok || ko "sorted: output not sorted"
# a header included relative to the file, from another working directory
has relative-include "$tmp/out" 'uses-local.c:7:'
has header-finding "$tmp/out" 'local.h:3:'

# every format renders the same findings
run github 1 "$cli" check --format=github "$files/bug.c"
has github-line "$tmp/out" '^::warning file=.*bug.c,line=7,col=[0-9]*,title=ptebatch-vm-bug::'
run sarif 1 "$cli" check --format=sarif "$files/bug.c"
has sarif-version "$tmp/out" '"version":"2.1.0"'
has sarif-fingerprint "$tmp/out" '"partialFingerprints"'

# the plugin: -Werror does not fail the build; the error key does
cp "$files/bug.c" "$tmp/werror.c"
sed -i 's|"../../include/kernel.h"|"'"$top"'/testsuite/include/kernel.h"|' "$tmp/werror.c"
run werror-builds 0 gcc -Werror -fplugin="$top/plugin/ptebatch_plugin.so" -c "$tmp/werror.c" -o "$tmp/w.o"
has werror-shown "$tmp/err" 'warning: .*\[ptebatch-vm-bug\]'
run error-mode 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
run bad-plugin-key 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-frob -c "$tmp/werror.c" -o "$tmp/w.o"
run bad-plugin-check 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-checks=frob -c "$tmp/werror.c" -o "$tmp/w.o"
run disable-key 0 gcc -Werror -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-disable -c "$tmp/werror.c" -o "$tmp/w.o"
[ -s "$tmp/err" ] && ko "disable-key: printed something" || ok
# analyze-only: stops after the analysis, no code is generated
run analyze-only 0 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-analyze-only -S -o "$tmp/w.s" "$tmp/werror.c"
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
	run version-mismatch 1 gcc -fplugin="$tmp/old.so" -c "$tmp/werror.c" -o "$tmp/w.o"
	has version-mismatch-text "$tmp/err" 'built for gcc 11.4.0, loaded into gcc 12'
else
	ko "version-mismatch: could not build the test plugin"
fi

# make install: the installed CLI finds its plugin and rules
if make -s -C "$top" install PREFIX="$tmp/prefix" >"$tmp/err" 2>&1; then
	run installed 1 env -u PTEBATCH_PLUGIN "$tmp/prefix/bin/ptebatch" check "$files/bug.c"
	has installed-finding "$tmp/out" 'ptebatch-vm-bug'
else
	ko "install: make install failed"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
