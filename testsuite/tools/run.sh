#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# CLI contract tests for 'ptebatch check' (docs/interfaces.md): exit
# statuses, one-line errors, formats, merging, install, plugin options,
# malformed JSON input, check -p on a real compile database.
# The CLI under test is its AddressSanitizer build (make check builds
# tools/ptebatch-asan), so a use-after-free or leak fails the test it is in.
# Closing line: "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/../.." && pwd)
cli=${PTEBATCH_TEST_CLI:-$top/tools/ptebatch-asan}
files=$top/testsuite/tools/files
tmp=$(mktemp -d /tmp/ptebatch-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
# a sanitizer report is not exit 1 (findings) or 2 (error)
export ASAN_OPTIONS=exitcode=99:abort_on_error=0 UBSAN_OPTIONS=exitcode=99:print_stacktrace=1

. "$top/testsuite/lib.sh"

cd "$tmp" || exit 2

if [ ! -x "$cli" ]; then
	ko "asan: $cli not built (make check builds it: make tools/ptebatch-asan)"
	cli=$top/tools/ptebatch
fi
# the sanitizer is live: a heap use-after-free in a test program fails
printf 'int main(void){char *p=__builtin_malloc(4);__builtin_free(p);return p[0];}\n' >uaf.c
if gcc -fsanitize=address -o uaf uaf.c 2>/dev/null; then
	./uaf 2>/dev/null
	[ $? -eq 99 ] && ok || ko "asan: a use-after-free did not give exit 99"
else
	ko "asan: gcc -fsanitize=address does not build"
fi

run version 0 "$cli" --version && has version-text "$tmp/out" '^ptebatch [0-9]'
run help 0 "$cli" --help && has help-text "$tmp/out" '^  check  *run both engines'
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

# a rule that does not parse is an error in one line, never a clean run
mkdir -p "$tmp/badcocci" && cp "$top"/cocci/*.cocci "$tmp/badcocci/" &&
	printf '@r@\nidentifier x;\n@@\n- x(\n' >> "$tmp/badcocci/vm_bug.cocci"
run bad-rule 2 env PTEBATCH_COCCI_DIR="$tmp/badcocci" "$cli" check --engine=cocci "$files/clean.c" &&
	lines bad-rule-one-line "$tmp/err" 'ptebatch: error: .*vm_bug.cocci' 1
lines bad-rule-only-line "$tmp/err" '' 1

# The rules run in one spatch: two files that share a rule name or a
# top-level Python name (state) would change each other's results.
mkdir -p "$tmp/clash-rule" "$tmp/clash-py" "$tmp/shared-def"
cp "$top"/cocci/*.cocci "$tmp/clash-rule/" && cp "$top"/cocci/*.cocci "$tmp/clash-py/" &&
	cp "$top"/cocci/*.cocci "$tmp/shared-def/"
printf '@vb_r_context depends on context@\nidentifier x;\n@@\n* x(...)\n' >> "$tmp/clash-rule/tlb_range.cocci"
printf '@initialize:python@\n@@\nvb_twins = {}\n' >> "$tmp/clash-py/tlb_range.cocci"
# the same pure helper in two files is fine (key() is in six)
printf '@initialize:python@\n@@\ndef name_or(e, fallback):\n\te = str(e).strip()\n\treturn e if re.match(r"^[A-Za-z_]\\w*$", e) else fallback\n' >> "$tmp/shared-def/vm_bug.cocci"
run clash-rule 2 env PTEBATCH_COCCI_DIR="$tmp/clash-rule" "$cli" check --engine=cocci "$files/clean.c" &&
	has clash-rule-why "$tmp/err" "both define the rule 'vb_r_context'"
run clash-python 2 env PTEBATCH_COCCI_DIR="$tmp/clash-py" "$cli" check --engine=cocci "$files/clean.c" &&
	has clash-python-why "$tmp/err" "both define the Python name 'vb_twins'"
# ... nor files that ask spatch for other options
mkdir -p "$tmp/clash-opt" && cp "$top"/cocci/*.cocci "$tmp/clash-opt/" &&
	sed -i 's|^// Options: .*|// Options: --no-includes|' "$tmp/clash-opt/tlb_range.cocci"
run clash-options 2 env PTEBATCH_COCCI_DIR="$tmp/clash-opt" "$cli" check --engine=cocci "$files/clean.c" &&
	has clash-options-why "$tmp/err" "ask spatch for different options"
# ... but not one that reads its file's state (the last file's would win)
mkdir -p "$tmp/shared-state" && cp "$top"/cocci/*.cocci "$tmp/shared-state/"
printf '@initialize:python@\n@@\ntlb_seen = set()\ndef seen_at(p):\n\treturn p in tlb_seen\n' >> "$tmp/shared-state/tlb_range.cocci"
printf '@initialize:python@\n@@\ndef seen_at(p):\n\treturn p in tlb_seen\n' >> "$tmp/shared-state/vm_bug.cocci"
run shared-state-def 2 env PTEBATCH_COCCI_DIR="$tmp/shared-state" "$cli" check --engine=cocci "$files/clean.c" &&
	has shared-state-def-why "$tmp/err" "both define the Python name 'seen_at'"
run shared-pure-def 1 env PTEBATCH_COCCI_DIR="$tmp/shared-def" "$cli" check --engine=cocci "$files/bug.c"

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
	# (column 16: the display column of the call after the tab and 'return ')
	has merged-call-engines "$tmp/out" '"line":8,"column":16,.*"engine":"plugin+cocci"'
	run merged-call-plugin 1 "$cli" check --engine=plugin "$files/two-lines.c"
	grep -v ': note: ' "$tmp/out" >"$tmp/plugin.out"
	run merged-call-cocci 1 "$cli" check --engine=cocci "$files/two-lines.c"
	same merged-call-same-words "$tmp/plugin.out" "$tmp/out"
fi

# one file named two ways ("dir/../dir/file.c": spatch names it "dir/file.c",
# gcc as given): one path, made canonical where each finding is created,
# so the engines' findings of one bug merge into one
if [ -f "$top/cocci/vm_bug.cocci" ]; then
	run canonical-path 1 "$cli" check --format=json "$files/../files/bug.c"
	lines canonical-path-one "$tmp/out" '"check":"vm-bug"' 1
	has canonical-path-merged "$tmp/out" '"file":"'"$files"'/bug.c".*"engine":"plugin+cocci"'
fi

# kcheck of "./bug.c" (the same canonical path): the file's own finding is
# no header's, so every run prints it, not only the first of a build
rm -rf "$tmp/kc-dot"
cd "$files" || exit 2
for i in 1 2; do
	run "kcheck-dot-$i" 0 env KBUILD_EXTRA_WARN=1 "$cli" kcheck --output="$tmp/kc-dot" ./bug.c &&
		has "kcheck-dot-$i-printed" "$tmp/err" '^bug.c:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
done
cd "$tmp" || exit 2

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

# help: every command's --help and 'help CMD' are the same text; every
# option the sources parse is in some command's help; the man page says it too
: >"$tmp/help.all"
for c in check kcheck report lint baseline bot list plugin-path help; do
	run "help-$c" 0 "$cli" help "$c"
	cp "$tmp/out" "$tmp/help.$c"
	cat "$tmp/out" >>"$tmp/help.all"
	if [ "$c" != help ]; then
		run "help-$c-flag" 0 "$cli" "$c" --help
		same "help-$c-same" "$tmp/out" "$tmp/help.$c"
	fi
done
run help-unknown 2 "$cli" help frob
# (--arch=: sparse's own, which kcheck drops)
grep -hoE 'strn?cmp\([a-z]+(\[i\])?, "--[a-z][a-z-]*' "$top"/tools/cmd_*.c "$top"/tools/cli_opts.c |
	sed 's/.*"//' | grep -v '^--arch$' | sort -u >"$tmp/parsed"
[ -s "$tmp/parsed" ] && ok || ko "help-parsed: found no option in the sources"
while read -r o; do
	grep -q -- "^  $o" "$tmp/help.all" && ok || ko "help-lists-$o: parsed but in no command's help"
done <"$tmp/parsed"
# the formats: tools/formats.def is the one list, and the option's help,
# its error message and the docs' lists say the same
fmts=$(sed -n 's/^FORMAT(\([a-z0-9]*\),.*/\1/p' "$top/tools/formats.def")
[ -n "$fmts" ] && ok || ko "formats: none read from tools/formats.def"
run formats-error 2 "$cli" check --format=xml "$files/bug.c" &&
	has formats-error-list "$tmp/err" "($(echo $fmts | sed 's/ /, /g'))"
bar=$(echo $fmts | sed 's/ /[|]/g')
for d in README.md docs/cli.md docs/workflows.md; do
	grep -q -- "--format=$bar\([^|a-z0-9]\|$\)" "$top/$d" && ok ||
		ko "formats-$d: no --format=$(echo $fmts | tr ' ' '|') list"
done
for f in $fmts; do
	has "formats-help-$f" "$tmp/help.all" "[ ,]$f ("
	grep -q "^- \`$f\`:" "$top/docs/cli.md" && ok || ko "formats-cli-md-$f: no '- \`$f\`:' item in docs/cli.md"
done

run help-man 0 "$cli" help --man
has help-man-th "$tmp/out" '^\.TH PTEBATCH 1'
has help-man-lint-tree "$tmp/out" '^\.B \\-\\-tree DIR$'
if command -v man >/dev/null 2>&1; then
	man -l "$tmp/out" >"$tmp/man.txt" 2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ] && ok ||
		ko "help-man-renders: $(head -n 1 "$tmp/man.err")"
else
	skipped "help-man-renders: no man to render the page; run make deps (man-db)"
fi

# the plugin: -Werror does not fail the build; the error key does
cp "$files/bug.c" "$tmp/werror.c"
sed -i 's|"../../include/kernel.h"|"'"$top"'/testsuite/include/kernel.h"|' "$tmp/werror.c"
run werror-builds 0 gcc -Werror -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-W=vm-bug -c "$tmp/werror.c" -o "$tmp/w.o"
has werror-shown "$tmp/err" 'warning: .*\[ptebatch-vm-bug\]'
run error-mode 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-W=vm-bug -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
# levels: in a build vm-bug is opt-in (W=vm-bug, or make W=1), Wno= turns a check off
run level-default-quiet 0 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
[ -s "$tmp/err" ] && ko "level-default-quiet: printed something" || ok
run level-extra-warn 1 env KBUILD_EXTRA_WARN=1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
has level-extra-warn-shown "$tmp/err" 'error: .*\[ptebatch-vm-bug\]'
run level-extra-warn-12 1 env KBUILD_EXTRA_WARN=12 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
run level-extra-warn-2 0 env KBUILD_EXTRA_WARN=2 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
run level-wno 0 env KBUILD_EXTRA_WARN=1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-Wno=vm-bug -fplugin-arg-ptebatch_plugin-error -c "$tmp/werror.c" -o "$tmp/w.o"
run level-bad-check 1 gcc -fplugin="$top/plugin/ptebatch_plugin.so" -fplugin-arg-ptebatch_plugin-W=frob -c "$tmp/werror.c" -o "$tmp/w.o"
has level-bad-check-said "$tmp/err" "unknown check .frob."
# standalone check always reports vm-bug, whatever the environment says
run level-check-always 1 env KBUILD_EXTRA_WARN= "$cli" check "$tmp/werror.c"
has level-check-always-shown "$tmp/out" '\[ptebatch-vm-bug\]'

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
# libstdc++.so is loaded into cc1 only where cc1 does not export the
# operator new and delete the plugin calls (Makefile: plugin_ld)
readelf -d "$top/plugin/ptebatch_plugin.so" > "$tmp/dyn"
needs=$(grep -c 'NEEDED.*libstdc++' "$tmp/dyn")
if nm -D "$(gcc -print-prog-name=cc1)" | grep -qw _Znwm; then want=0; else want=1; fi
[ "$needs" = "$want" ] && ok || ko "plugin-link: libstdc++ NEEDED $needs times, want $want"

# a plugin built for another gcc refuses to load, naming both versions;
# the same build pretends a GCC newer than gcc-compat.h knows, which must
# say so once for the whole plugin
inc=$(gcc -print-file-name=plugin)/include
if g++ -std=gnu++14 -fPIC -shared -fno-rtti -fno-exceptions -I"$inc" -I"$top/plugin" -I"$top/include" \
	-DPLUGIN_VERSION='"test"' -DPTEBATCH_TEST_BUILT_FOR='"11.4.0"' \
	-DPTEBATCH_TEST_GCC_MAJOR=99 \
	-o "$tmp/old.so" "$top"/plugin/*.c 2>"$tmp/build-err"; then
	lines newer-gcc-notice "$tmp/build-err" 'GCC 99 is newer than GCC [0-9]*' 1
	lines newer-gcc-only-notice "$tmp/build-err" 'warning\|error' 0
	run version-mismatch 1 gcc -fplugin="$tmp/old.so" -c "$tmp/werror.c" -o "$tmp/w.o"
	m=$(gcc -dumpmachine) v=$(gcc -dumpfullversion)
	has version-mismatch-text "$tmp/err" "built for gcc 11.4.0 ($m), loaded into gcc $v ($m): build its plugin with .make CC=gcc-${v%%.*} CXX=g++-${v%%.*}.$"
else
	cp "$tmp/build-err" "$tmp/err"
	ko "version-mismatch: could not build the test plugin"
fi
# the gcc in use is one gcc-compat.h knows: no notice
run known-gcc-no-notice 0 g++ -std=gnu++14 -fsyntax-only -I"$inc" -I"$top/plugin" -I"$top/include" \
	-DPLUGIN_VERSION='"test"' "$top/plugin/ptebatch_plugin.c"
[ -s "$tmp/err" ] && ko "known-gcc-no-notice: the build printed something" || ok

# ---- malformed JSON input: one error line naming the file and the byte
# offset, exit 2.  bad NAME FILE OFFSET WHY CMD...
bad() {
	name=$1 file=$2 off=$3 why=$4
	shift 4
	run "$name" 2 "$@" && has "$name-where" "$tmp/err" "$file: byte $off: .*$why"
}
good='{"file":"a.c","line":3,"column":2,"check":"vm-bug","engine":"plugin","severity":"warning","function":"f","message":"m","notes":[],"fingerprint":"0123456789abcdef"}'
echo "$good" >good.jsonl
run good-findings 1 "$cli" report good.jsonl
db() { printf '%s' "$2" >"$1"; }
entry='{"directory":"/tmp","file":"a.c","command":"gcc -c a.c"}'
db db-trunc.json "[$entry,{\"directory\":\"/tmp\",\"fi"
bad db-truncated db-trunc.json "$(wc -c <db-trunc.json)" 'premature end of input' "$cli" check -p db-trunc.json "$files/clean.c"
db db-esc.json '[{"directory":"/tmp","file":"a.c","command":"gcc \u00'
bad db-truncated-escape db-esc.json "$(wc -c <db-esc.json)" 'invalid escape' "$cli" check -p db-esc.json "$files/clean.c"
db db-type.json "[$entry, {\"directory\":\"/tmp\",\"file\":7,\"command\":\"x\"}]"
bad db-file-type db-type.json $((${#entry} + 3)) '"file" is not a string' "$cli" check -p db-type.json "$files/clean.c"
db db-args.json '[{"directory":"/tmp","file":"a.c","arguments":"gcc -c a.c"}]'
bad db-arguments-type db-args.json 1 '"arguments" is not an array' "$cli" check -p db-args.json "$files/clean.c"
db db-argv.json '[{"directory":"/tmp","file":"a.c","arguments":["gcc",null]}]'
bad db-argument-type db-argv.json 1 'not a string' "$cli" check -p db-argv.json "$files/clean.c"
db db-obj.json "$entry"
bad db-not-array db-obj.json 0 'not a JSON array' "$cli" check -p db-obj.json "$files/clean.c"
db db-nofile.json '[{"directory":"/tmp","command":"gcc -c a.c"}]'
bad db-no-file db-nofile.json 1 'no "file"' "$cli" check -p db-nofile.json "$files/clean.c"
db db-after.json "[$entry] x"
bad db-trailing db-after.json $((${#entry} + 3)) 'after the array' "$cli" check -p db-after.json "$files/clean.c"
# huge: nesting, numbers, and a 6 MB database cut short
awk 'BEGIN { printf "[{\"directory\":\"/tmp\",\"file\":\"a.c\",\"command\":\"x\",\"y\":"; for (i = 0; i < 100000; i++) printf "["; }' >db-deep.json
bad db-deep db-deep.json '[0-9]*' 'depth' "$cli" check -p db-deep.json "$files/clean.c"
db db-num.json '[{"directory":"/tmp","file":"a.c","command":"x","output":1e999}]'
bad db-huge-number db-num.json 62 'overflow' "$cli" check -p db-num.json "$files/clean.c"
awk -v e="$entry" 'BEGIN { printf "["; for (i = 0; i < 100000; i++) printf "%s,", e; printf "{\"directory\":\"/tmp\",\"file\":\"a.c\",\"comm" }' >db-big.json
bad db-huge-truncated db-big.json "$(wc -c <db-big.json)" 'premature end of input' "$cli" check -p db-big.json "$files/clean.c"
# findings files (report; the plugin's output is read the same way)
printf '%s\n%s' "$good" '{"file":"a.c","line":3,"col' >f-trunc.jsonl
bad findings-truncated f-trunc.jsonl "$(wc -c <f-trunc.jsonl)" 'premature end of input' "$cli" report f-trunc.jsonl
printf '%s\n%s\n' "$good" '{"file":"a.c","line":3,"check":"vm-bug","message":"\u00' >f-esc.jsonl
bad findings-truncated-escape f-esc.jsonl $((${#good} + 1 + 55)) 'invalid escape' "$cli" report f-esc.jsonl
printf '%s\n%s\n' "$good" '{"file":"a.c","line":"3","check":"vm-bug"}' >f-type.jsonl
bad findings-line-type f-type.jsonl $((${#good} + 1)) '"line" is not an integer' "$cli" report f-type.jsonl
printf '%s\n' '{"file":"a.c","line":3,"check":"vm-bug","notes":[{"file":1}]}' >f-note.jsonl
bad findings-note-type f-note.jsonl 0 '"file" is not a string' "$cli" report f-note.jsonl
printf '%s\n' '{"file":"a.c","line":3,"check":"no-such-check"}' >f-check.jsonl
bad findings-unknown-check f-check.jsonl 0 'unknown "check"' "$cli" report f-check.jsonl
printf '%s\n' '{"file":"a.c","line":4294967296,"check":"vm-bug"}' >f-range.jsonl
bad findings-line-range f-range.jsonl 0 '"line" out of range' "$cli" report f-range.jsonl
printf '%s\n' '{"file":"a.c","line":99999999999999999999999,"check":"vm-bug"}' >f-big.jsonl
bad findings-huge-number f-big.jsonl '[0-9]*' 'too big integer' "$cli" report f-big.jsonl
printf '%s\n' '{"file":"a.c","line":3,"check":"vm-bug"} {"file":"b.c"}' >f-two.jsonl
bad findings-two-on-a-line f-two.jsonl 40 'one object per line' "$cli" report f-two.jsonl
# baselines
printf '%s\n' '0123456789abcdef vm-bug a.c:3 f' >bl-text
bad baseline-not-json bl-text '[0-9]*' '' "$cli" report --baseline bl-text good.jsonl
printf '%s\n' '{"file":"a.c","line":3,"check":"vm-bug"}' >bl-nofp.jsonl
bad baseline-no-fingerprint bl-nofp.jsonl 0 'no "fingerprint"' "$cli" report --baseline bl-nofp.jsonl good.jsonl
printf '%s\n%s\n' "$good" '{"file":"a.c","line":3,"check":"vm-bug","fingerprint":7}' >bl-type.jsonl
bad baseline-fingerprint-type bl-type.jsonl $((${#good} + 1)) '"fingerprint" is not a string' "$cli" report --baseline bl-type.jsonl good.jsonl
head -c 100 good.jsonl >bl-trunc.jsonl
bad baseline-truncated bl-trunc.jsonl 100 "expected near end of file" "$cli" report --baseline bl-trunc.jsonl good.jsonl
# and a good baseline still suppresses
"$top/tools/ptebatch" report --format=json good.jsonl >bl-good.jsonl
run baseline-good 0 "$cli" report --baseline bl-good.jsonl good.jsonl

# ---- patch input that is not a patch: one error line and exit 2, never
# "0 warnings" and exit 0 (lint reads its input before it runs an engine)
echo 'just some text, no diff' >notes.txt
run lint-text-no-patch 2 "$cli" lint notes.txt && has lint-text-no-patch-why "$tmp/err" 'notes.txt: no patch found'
printf 'From nobody Mon Sep 17 00:00:00 2001\nSubject: [PATCH] nothing\n\nno diff here\n' >empty.mbox
run lint-mail-no-patch 2 "$cli" lint empty.mbox && has lint-mail-no-patch-why "$tmp/err" 'empty.mbox: no patch found'
# hunk counts the text cannot hold: this ASan build aborted in calloc on
# the negative one
printf -- '--- a/mm/x.c\n+++ b/mm/x.c\n@@ -1,1 +1,-5 @@\n-a\n' >neg.patch
run lint-negative-hunk 2 "$cli" lint neg.patch && has lint-negative-hunk-why "$tmp/err" 'malformed hunk header: @@ -1,1 +1,-5 @@'
printf -- '--- a/mm/x.c\n+++ b/mm/x.c\n@@ -1,2000000000 +1,1 @@\n-a\n+b\n' >huge.patch
run lint-huge-hunk 2 "$cli" lint huge.patch && has lint-huge-hunk-why "$tmp/err" 'malformed hunk header'

# ---- distributed builds (docs/workflows.md): ptebatch-gcc is gcc with the
# plugin (distccd refuses -fplugin= in the arguments); output=- puts the
# records on stderr, which distcc relays; a node compiles the client's .i
# in a directory without the sources: byte columns, which report turns
# into the local build's display columns.
mkdir -p wrap node
ln -sf "$cli" wrap/ptebatch-gcc
cdir=$top/testsuite/cases/nr-stale
(cd "$cdir" && gcc -O2 -E flag-in-memory.c) >node/t.i
run wrap-node 0 sh -c "cd node && '$tmp/wrap/ptebatch-gcc' -O2 -c t.i -o t.o -fplugin-arg-ptebatch_plugin-output=-"
{ echo "make[1]: Entering directory '$cdir'"; echo "  CC      flag-in-memory.o"; cat "$tmp/err"; } >node.log
has wrap-node-record node.log '^{"file":"flag-in-memory.c","line":27,"column":2,.*"columns":"byte"}$'
hasnt wrap-node-no-root node.log '"root":'
run wrap-local 0 sh -c "cd '$cdir' && '$tmp/wrap/ptebatch-gcc' -O2 -c flag-in-memory.c -o '$tmp/local.o' -fplugin-arg-ptebatch_plugin-output='$tmp/local.jsonl'"
has wrap-local-diagnostic "$tmp/err" 'flag-in-memory.c:27:9: warning: .*\[ptebatch-nr-stale\]'
same wrap-same-object node/t.o local.o
run report-log 1 "$cli" report --format=json node.log
cp "$tmp/out" log.json
run report-local 1 "$cli" report --format=json local.jsonl
same report-log-same-findings log.json "$tmp/out"
has report-log-display-column log.json '"line":27,"column":9,.*"line":24,"column":25,'
# a record cut by interleaved output is an error, never a lost finding
printf '%s\n' "  CC      a.o" '{"file":"a.c","line":3,"che' >cut.log
run report-log-cut 2 "$cli" report cut.log && has report-log-cut-where "$tmp/err" 'cut.log:2: not a findings record'
run wrap-no-plugin 2 env PTEBATCH_PLUGIN="$tmp/none.so" "$tmp/wrap/ptebatch-gcc" -c "$files/bug.c" -o bug.o
has wrap-no-plugin-why "$tmp/err" 'no plugin .*none.so for gcc'

# ---- check -p on the compile database that a check-kernel tree's own
# scripts/clang-tools/gen_compile_commands.py writes (at test time: nothing
# kernel-derived is committed), for mm/rmap.c, which has findings (vm-bug:
# check always reports it), so the baseline recipe has lines to write.
# 20 runs count as one test: ccdb_load() used to test a pointer into freed
# text and failed at random on such databases.
cache=${PTEBATCH_CACHE:-/var/cache/ptebatch}
kfile=mm/rmap.c
NR_REAL_DB=8
# real_db TREE: the 20 runs, the baseline recipe and a truncated copy, on
# the database gen() wrote for TREE
real_db() {
	ktree=$1
	section $NR_REAL_DB "check -p on $ktree's database"
	n=0 runs_ok=0
	while [ $n -lt 20 ]; do
		n=$((n + 1))
		"$cli" check --engine=plugin -p ccdb "$ktree/$kfile" >"$tmp/out" 2>"$tmp/err"
		s=$?
		[ $s -le 1 ] && [ ! -s "$tmp/err" ] && runs_ok=$((runs_ok + 1))
	done
	echo "NOTE check -p $kfile on $(grep -c '"file":' ccdb/compile_commands.json) entries of $ktree: $runs_ok of 20 runs succeeded"
	[ $runs_ok -eq 20 ] && ok || ko "real-db-runs: $((20 - runs_ok)) of 20 runs of check -p failed"
	# the README's baseline recipe on it: one baseline line per finding
	# (the last run's), and with it nothing is new
	nr=$(grep -c ': warning: .*\[ptebatch-' "$tmp/out")
	[ "$nr" -gt 0 ] && ok || ko "real-db-findings: check -p $kfile found nothing (its VM_BUG_ON uses)"
	run real-db-baseline 0 "$cli" baseline check --engine=plugin -p ccdb "$ktree/$kfile"
	cp "$tmp/out" real.baseline
	lines real-db-baseline-lines real.baseline '"fingerprint":"[0-9a-f]\{16\}"' "$nr"
	run real-db-baseline-applies 0 "$cli" check --engine=plugin -p ccdb --baseline real.baseline "$ktree/$kfile"
	[ -s "$tmp/out" ] && ko "real-db-baseline-applies: printed findings" || ok
	# the real database cut in the middle of an entry
	size=$(wc -c <ccdb/compile_commands.json)
	head -c $((size / 2)) ccdb/compile_commands.json >ccdb-half.json
	bad real-db-truncated ccdb-half.json $((size / 2)) 'premature end of input' \
		"$cli" check --engine=plugin -p ccdb-half.json "$ktree/$kfile"
	end_section
}
# tree_db VERSION: the check-kernel tree of VERSION with mm/ built, its
# database in ccdb/.  A tree not prepared is a skip; a prepared one whose
# database cannot be made, or whose lock stays taken (check-kernel
# rebuilding it) for 10 minutes, is a failure.
tree_db() {
	t=$cache/linux-$1-check
	if [ ! -f "$t/.ptebatch-prepared" ]; then
		skip_section $NR_REAL_DB "check -p on the $1 tree's compile database: no prepared tree at $t; run make check-kernel TREES=$1 ARCHS=x86_64"
		return
	fi
	rm -rf ccdb && mkdir -p ccdb
	if [ ! -f "$t/mm/.rmap.o.cmd" ]; then
		why="$t is prepared but $kfile is not built"
	elif ! flock -s -w 600 "$t/.ptebatch-check.lock" python3 \
		"$t/scripts/clang-tools/gen_compile_commands.py" -d "$t" \
		-o ccdb/compile_commands.json >/dev/null 2>"$tmp/gen.err"; then
		why="gen_compile_commands.py on $t failed (or its lock stayed taken 10 min): $(tail -n 1 "$tmp/gen.err")"
	elif ! grep -q "\"file\": \"$t/$kfile\"" ccdb/compile_commands.json; then
		why="$t's compile database has no entry for $kfile"
	else
		real_db "$t"
		return
	fi
	fail=$((fail + NR_REAL_DB))
	echo "FAIL check -p on the $1 tree's database ($NR_REAL_DB tests): $why"
}
tree_db 6.12
tree_db 7.3

# kcheck's prefilter (tools/prefilter.c): a file that mentions no name of
# the rule table gets no plugin compile and no spatch; a file that mentions
# one is never skipped.  Compiler and spatch are stubs that log their runs:
# what is asserted is what runs, and the trace says why.
mkdir -p "$tmp/pf/bin"
printf '#!/bin/sh\necho "$*" >> %s/pf/cc.log\nexec gcc "$@"\n' "$tmp" > "$tmp/pf/cc"
printf '#!/bin/sh\necho "$*" >> %s/pf/spatch.log\nexit 0\n' "$tmp" > "$tmp/pf/bin/spatch"
chmod +x "$tmp/pf/cc" "$tmp/pf/bin/spatch"
pf_run() { # NAME FILE [OPTIONS]: kcheck with the stubs, vm-bug on
	name=$1 f=$2
	shift 2
	rm -f "$tmp/pf/cc.log" "$tmp/pf/spatch.log" "$tmp/pf/trace"
	run "$name" 0 env PATH="$tmp/pf/bin:$PATH" PTEBATCH_CC="$tmp/pf/cc" KBUILD_EXTRA_WARN=1 \
		PTEBATCH_PREFILTER_TRACE="$tmp/pf/trace" "$cli" kcheck "$@" "$f"
}
# the names only in a comment, a string, a character constant, a macro's
# name not used: nothing to run
cat > "$tmp/pf/nothing.c" <<'EOC'
/* folio_pte_batch(folio, addr, pte, nr); VM_BUG_ON(1); set_ptes() */
// folio_remove_rmap_ptes(folio, page, nr, vma);
static const char *s = "folio_nr_pages(folio) set_ptes VM_BUG_ON_PAGE";
static const char c = '-';
int nothing(int x) { return x + (s[0] == c); }
EOC
pf_run prefilter-nothing "$tmp/pf/nothing.c"
[ ! -s "$tmp/pf/cc.log" ] && ok || ko "prefilter-nothing: the compiler ran"
[ ! -s "$tmp/pf/spatch.log" ] && ok || ko "prefilter-nothing: spatch ran"
has prefilter-nothing-trace "$tmp/pf/trace" 'nothing.c: plugin -; cocci -$'
pf_run prefilter-off "$tmp/pf/nothing.c" --no-prefilter
[ -s "$tmp/pf/cc.log" ] && [ -s "$tmp/pf/spatch.log" ] && ok ||
	ko "prefilter-off: --no-prefilter did not run both engines"
# a VM_BUG_ON use: vm-bug in both engines, nothing else
printf 'void f(int x) { VM_BUG_ON_FOLIO(x, 0); }\n' > "$tmp/pf/vmbug.c"
pf_run prefilter-macro "$tmp/pf/vmbug.c" -D'VM_BUG_ON_FOLIO(c,f)=((void)(c))'
has prefilter-macro-trace "$tmp/pf/trace" 'vmbug.c: plugin vm-bug; cocci vm-bug$'
lines prefilter-macro-one-spatch "$tmp/pf/spatch.log" 'vm_bug.cocci' 1
# nr-zero's definitions: a --nr loop and a page-table type, no table name
printf 'struct page { long v; };\nvoid g(struct page *p, unsigned int nr) { for (;;) { p++; if (--nr == 0) break; } }\n' > "$tmp/pf/def.c"
pf_run prefilter-definition "$tmp/pf/def.c"
has prefilter-definition-trace "$tmp/pf/trace" 'def.c: plugin nr-zero; cocci nr-zero$'
# every name of every rule's "// Triggers:" lines (the table's, as
# rulegen wrote them) alone in a file: that rule runs, and the plugin
# with that check (vm-bug's macros: the plugin's vm-bug)
pf_n=0 pf_bad=
for r in "$top"/cocci/*.cocci; do
	id=$(basename "$r" .cocci | tr _ -)
	for w in $(sed -n 's/^\/\/ Triggers:\([^;]*\)$/\1/p' "$r"); do
		word=$(printf '%s' "$w" | tr -d '*')
		[ -n "$word" ] || continue
		printf 'void f%s(void) { %s(0); }\n' "$pf_n" "$word" > "$tmp/pf/one.c"
		rm -f "$tmp/pf/trace"
		env PATH="$tmp/pf/bin:$PATH" PTEBATCH_CC=/bin/true KBUILD_EXTRA_WARN=1 \
			PTEBATCH_PREFILTER_TRACE="$tmp/pf/trace" "$cli" kcheck "$tmp/pf/one.c" >/dev/null 2>&1
		grep -Eq "; cocci[^;]*[ ,]$id(,|\$|;)" "$tmp/pf/trace" &&
			grep -Eq "plugin[^;]*[ ,]$id[,;]" "$tmp/pf/trace" ||
			pf_bad="$pf_bad $id:$word"
		pf_n=$((pf_n + 1))
	done
done
if [ "$pf_n" -gt 100 ] && [ -z "$pf_bad" ]; then ok; else
	ko "prefilter-every-name: $pf_n names, skipped:$(echo "$pf_bad" | cut -c1-300)"; fi
# spatch's OCaml runtime (tools/engine.c): a larger minor heap for spatch
# only, not for the compiler; a user's own OCAMLRUNPARAM is kept
mkdir -p "$tmp/ocaml/bin"
printf '#!/bin/sh\necho "spatch [$OCAMLRUNPARAM]" >> %s/ocaml/env.log\nexit 0\n' "$tmp" > "$tmp/ocaml/bin/spatch"
printf '#!/bin/sh\necho "cc [$OCAMLRUNPARAM]" >> %s/ocaml/env.log\nexec gcc "$@"\n' "$tmp" > "$tmp/ocaml/cc"
chmod +x "$tmp/ocaml/bin/spatch" "$tmp/ocaml/cc"
run ocamlrunparam 0 env -u OCAMLRUNPARAM PTEBATCH_FINDINGS_CACHE=0 PATH="$tmp/ocaml/bin:$PATH" PTEBATCH_CC="$tmp/ocaml/cc" \
	"$cli" kcheck --no-prefilter -D'VM_BUG_ON_FOLIO(c,f)=((void)(c))' "$tmp/pf/vmbug.c"
has ocamlrunparam-spatch "$tmp/ocaml/env.log" '^spatch \[s=1M,o=200\]$'
has ocamlrunparam-cc "$tmp/ocaml/env.log" '^cc \[\]$'
rm -f "$tmp/ocaml/env.log"
run ocamlrunparam-own 0 env OCAMLRUNPARAM=v=0 PTEBATCH_FINDINGS_CACHE=0 PATH="$tmp/ocaml/bin:$PATH" PTEBATCH_CC="$tmp/ocaml/cc" \
	"$cli" kcheck --no-prefilter -D'VM_BUG_ON_FOLIO(c,f)=((void)(c))' "$tmp/pf/vmbug.c"
has ocamlrunparam-own-kept "$tmp/ocaml/env.log" '^spatch \[v=0\]$'
# and the real engines on a real finding: it is printed
pf_file=$files/bug.c
run prefilter-finding 0 env KBUILD_EXTRA_WARN=1 "$cli" kcheck "$pf_file"
has prefilter-finding-printed "$tmp/err" 'bug.c:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]'

# the rules on the functions they can need (prefilter_focus()): each case
# that flags a batched helper's call, a flag write-back or an nr's origin,
# and each batch-bounds case (its static callers and wrappers), with a
# function of nothing appended, gives the same findings whole and focused,
# and the appended function is emptied in the rules' copy
mkdir -p "$tmp/focus"
fo_all=$("$cli" list | awk '{ print $1 }' | paste -sd, -)
fo_bad= fo_n=0 fo_found=0
for f in "$top"/testsuite/cases/nr-zero/flag-*.c "$top"/testsuite/cases/batch-flags/flag-*.c \
	 "$top"/testsuite/cases/nr-provenance/flag-*.c "$top"/testsuite/cases/batch-bounds/*.c; do
	c=$tmp/focus/$(basename "$(dirname "$f")")-$(basename "$f")
	sed "s|\"../../include/kernel.h\"|\"$top/testsuite/include/kernel.h\"|" "$f" > "$c"
	printf '\nint nothing_here(int x)\n{\n\treturn x * 2;\n}\n' >> "$c"
	"$cli" check --engine=cocci --checks="$fo_all" "$c" 2>&1 | sort > "$c.whole"
	rm -f "$tmp/focus/trace"
	PTEBATCH_PREFILTER_TRACE="$tmp/focus/trace" "$cli" check --prefilter --engine=cocci \
		--checks="$fo_all" "$c" 2>&1 | sort > "$c.focus"
	cmp -s "$c.whole" "$c.focus" || fo_bad="$fo_bad $(basename "$c")"
	grep -q "rules on [0-9]* of [0-9]* functions" "$tmp/focus/trace" || fo_bad="$fo_bad $(basename "$c"):not-focused"
	fo_found=$((fo_found + $(grep -c 'ptebatch-' "$c.whole")))
	fo_n=$((fo_n + 1))
done
[ -z "$fo_bad" ] && [ "$fo_n" -ge 25 ] && [ "$fo_found" -ge 40 ] && ok ||
	ko "prefilter-focus: $fo_n files, $fo_found findings; differ or not focused:$fo_bad"
# vm_bug.cocci names the twins of the tree's mmdebug.h, found above the
# file: above the file, not the rules' copy of it
mkdir -p "$tmp/focus/tree/include/linux" "$tmp/focus/tree/mm"
printf '#define VM_WARN_ON_ONCE_VMA(c, v) (c)\n' > "$tmp/focus/tree/include/linux/mmdebug.h"
printf 'struct vm_area_struct;\nvoid f(struct vm_area_struct *vma, int c)\n{\n\tVM_BUG_ON_VMA(c, vma);\n}\n\nint g(int x)\n{\n\treturn x;\n}\n' \
	> "$tmp/focus/tree/mm/vma.c"
rm -f "$tmp/focus/trace"
run focus-mmdebug 1 env PTEBATCH_PREFILTER_TRACE="$tmp/focus/trace" "$cli" check --prefilter \
	--engine=cocci --checks=vm-bug "$tmp/focus/tree/mm/vma.c"
has focus-mmdebug-twin "$tmp/out" 'use VM_WARN_ON_ONCE_VMA()'
has focus-mmdebug-focused "$tmp/focus/trace" 'rules on 1 of 2 functions'

# The findings cache (tools/cache.c), on in a directory of its own: a
# second run is answered from it; a changed file, header, flag or plugin
# is not; a damaged entry is ignored; the size stays under its bound;
# concurrent runs agree.  Its trace says what each look-up found.
xc=$tmp/xc
mkdir -p "$xc/src"
cp "$files/bug.c" "$xc/src/bug.c"
sed -i 's|"../../include/kernel.h"|"'"$top"'/testsuite/include/kernel.h"|' "$xc/src/bug.c"
printf '#include "%s/testsuite/include/kernel.h"\nstatic inline int h(int x) { return x + 1; }\n' "$top" > "$xc/src/h.h"
printf '#include "h.h"\nint a(int x) { return h(x); }\n' > "$xc/src/a.c"
xcrun() { # NAME STATUS ARGS...: check with the cache on, its trace in $xc/trace
	n=$1 st=$2
	shift 2
	rm -f "$xc/trace"
	run "$n" "$st" env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="${XC_HOME:-$xc/home}" \
		PTEBATCH_CACHE_TRACE="$xc/trace" "$cli" check "$@"
}
xcount() { grep -c "^$1 " "$xc/trace" 2>/dev/null; }
xcrun cache-fill 1 "$xc/src/bug.c"
cp "$tmp/out" "$xc/bug.ref"
[ "$(xcount store)" -eq 2 ] && ok || ko "cache-fill: $(xcount store) entries stored, want 2 (plugin and rules)"
xcrun cache-hit 1 "$xc/src/bug.c"
same cache-hit-same "$tmp/out" "$xc/bug.ref"
[ "$(xcount hit)" -eq 2 ] && [ "$(grep -vc '^hit ' "$xc/trace")" -eq 0 ] && ok ||
	ko "cache-hit: want 2 hits and nothing else: $(tr '\n' ' ' < "$xc/trace")"
run cache-off 1 env PTEBATCH_FINDINGS_CACHE=0 XDG_CACHE_HOME="$xc/off" "$cli" check "$xc/src/bug.c"
[ ! -e "$xc/off" ] && ok || ko "cache-off: PTEBATCH_FINDINGS_CACHE=0 wrote $xc/off"
# a header the compile read changes: the plugin's entry is stale
xcrun cache-header-fill 0 --engine=plugin "$xc/src/a.c"
sed -i 's/return x + 1;/VM_BUG_ON(x); return x + 1;/' "$xc/src/h.h"
xcrun cache-header 1 --engine=plugin "$xc/src/a.c"
has cache-header-finding "$tmp/out" 'h.h:2:.*ptebatch-vm-bug'
[ "$(xcount stale)" -eq 1 ] && ok || ko "cache-header: no stale entry: $(tr '\n' ' ' < "$xc/trace")"
# the file, a flag, the plugin: another key
printf '\n' >> "$xc/src/a.c"
xcrun cache-file 1 --engine=plugin "$xc/src/a.c"
[ "$(xcount hit)" -eq 0 ] && ok || ko "cache-file: a changed file was a hit"
xcrun cache-flags-fill 1 --engine=plugin "$xc/src/a.c" -- -DX=1
[ "$(xcount hit)" -eq 0 ] && ok || ko "cache-flags: another -D was a hit"
mkdir -p "$xc/p" && cp "$top/plugin/ptebatch_plugin.so" "$xc/p/" && printf 'x' >> "$xc/p/ptebatch_plugin.so"
xcrun cache-plugin 1 --engine=plugin "$xc/src/a.c"
PTEBATCH_PLUGIN="$xc/p/ptebatch_plugin.so"
export PTEBATCH_PLUGIN
xcrun cache-plugin-other 1 --engine=plugin "$xc/src/a.c"
unset PTEBATCH_PLUGIN
[ "$(xcount hit)" -eq 0 ] && ok || ko "cache-plugin: another plugin was a hit"
# damaged entries: a byte changed, cut short, not an entry at all: each
# ignored (the same findings), removed, and written again
xcrun cache-damage-fill 1 "$xc/src/bug.c"
for how in flip cut junk; do
	for e in "$xc"/home/ptebatch/findings-1/*; do
		case $how in
		flip) sed -i '2s/./#/' "$e" ;;
		cut) head -c 40 "$e" > "$e.x" && mv "$e.x" "$e" ;;
		junk) printf 'not an entry\n' > "$e" ;;
		esac
	done
	xcrun "cache-$how" 1 "$xc/src/bug.c"
	same "cache-$how-same" "$tmp/out" "$xc/bug.ref"
	[ "$(xcount corrupt)" -ge 1 ] && [ "$(xcount hit)" -eq 0 ] && [ "$(xcount store)" -eq 2 ] && ok ||
		ko "cache-$how: want damaged entries ignored and stored again: $(tr '\n' ' ' < "$xc/trace")"
done
# bounded: 12 files (an entry of about 90 bytes each) through a cache of
# 500 bytes; the newest entries stay
i=0
while [ $i -lt 12 ]; do
	printf 'int f%d(int x) { return x + %d; }\n' $i $i > "$xc/src/n$i.c"
	env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/small" PTEBATCH_CACHE_SIZE=500 \
		"$cli" check --engine=plugin "$xc/src/n$i.c" > /dev/null 2>&1
	i=$((i + 1))
done
size=$(cat "$xc"/small/ptebatch/findings-1/* | wc -c)
[ "$size" -le 500 ] && [ "$size" -gt 0 ] && ok || ko "cache-bounded: $size bytes in a 500-byte cache"
rm -f "$xc/trace"
env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/small" PTEBATCH_CACHE_SIZE=500 \
	PTEBATCH_CACHE_TRACE="$xc/trace" "$cli" check --engine=plugin "$xc/src/n11.c" > /dev/null 2>&1
[ "$(xcount hit)" -eq 1 ] && ok || ko "cache-bounded-newest: the newest entry went"
# concurrent: 6 runs at once on an empty cache, then 6 over 12 files with
# a 2K bound (entries written and removed under each other's feet)
i=0
while [ $i -lt 6 ]; do
	env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/conc" "$cli" check "$xc/src/bug.c" \
		> "$xc/conc.$i" 2>&1 &
	i=$((i + 1))
done
wait
i=0 bad=0
while [ $i -lt 6 ]; do cmp -s "$xc/conc.$i" "$xc/bug.ref" || bad=$((bad + 1)); i=$((i + 1)); done
[ $bad -eq 0 ] && ok || ko "cache-concurrent: $bad of 6 runs printed other findings"
ls "$xc"/conc/ptebatch/findings-1/ | grep -q '^tmp\.' && ko "cache-concurrent: a temporary file left" || ok
XC_HOME=$xc/conc
xcrun cache-concurrent-hit 1 "$xc/src/bug.c"
unset XC_HOME
[ "$(xcount hit)" -eq 2 ] && ok || ko "cache-concurrent-hit: $(tr '\n' ' ' < "$xc/trace")"
i=0
while [ $i -lt 6 ]; do
	( j=0; while [ $j -lt 12 ]; do
		env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/conc2" PTEBATCH_CACHE_SIZE=300 \
			"$cli" check --engine=plugin "$xc/src/n$j.c" > /dev/null 2>&1 || echo "n$j: $?"
		j=$((j + 1)); done ) > "$xc/conc2.$i" &
	i=$((i + 1))
done
wait
cat "$xc"/conc2.* > "$xc/conc2.all"
[ ! -s "$xc/conc2.all" ] && ok || ko "cache-concurrent-trim: $(head -c 200 "$xc/conc2.all")"

# kcheck's precompiled header (tools/pch.c): the headers most files of a
# directory include are parsed once; the findings are those of a compile
# without it, the header's own VM_BUG_ON included; a header that changes
# makes a new one; one GCC refuses, or a file that does not build on top
# of it, is compiled as before; what may not take it does not.  A tree of
# its own with Kbuild's -include files and per-file macros, 9 files in mm/.
pc=$tmp/pch
mkdir -p "$pc/include/linux" "$pc/mm" "$pc/small"
: > "$pc/include/linux/compiler-version.h"
printf '#define IS_ENABLED(x) 0\n' > "$pc/include/linux/kconfig.h"
printf '#define __always_inline inline\n' > "$pc/include/linux/compiler_types.h"
cat > "$pc/include/linux/common.h" <<'EOC'
#ifndef COMMON_H
#define COMMON_H
#define VM_BUG_ON(c) ((void)(c))
struct folio { unsigned long flags; };
static inline int folio_flag(struct folio *f)
{
	VM_BUG_ON(!f);
	return f->flags & 1;
}
#endif
EOC
printf '#ifndef OTHER_H\n#define OTHER_H\nextern long shared_count;\n#endif\n' > "$pc/include/linux/other.h"
for i in 1 2 3 4 5 6 7; do
	printf '#include <linux/common.h>\n#include <linux/other.h>\nint f%s(struct folio *f) { return folio_flag(f) + (int)sizeof(KBUILD_MODNAME); }\n' "$i" > "$pc/mm/f$i.c"
done
# a file of its own: a finding in it, one header only
printf '#include <linux/common.h>\nvoid bug(struct folio *f)\n{\n\tVM_BUG_ON(f->flags);\n}\n' > "$pc/mm/bug.c"
# a file that does not build on top of the header (other.h's declaration)
printf '#include <linux/common.h>\nstatic int shared_count;\nint g(struct folio *f) { VM_BUG_ON(shared_count); return folio_flag(f); }\n' > "$pc/mm/clash.c"
# may not take it: a macro before its includes; no header of it
printf '#define COMMON_H\n#include <linux/common.h>\nint h(void) { return 0; }\n' > "$pc/mm/macro.c"
printf '#define VM_BUG_ON(c) ((void)(c))\n' > "$pc/include/linux/own.h"
printf '#include <linux/own.h>\nint none(int x) { VM_BUG_ON(x); return 0; }\n' > "$pc/mm/none.c"
cp "$pc/mm/f1.c" "$pc/small/s1.c"
pck() { # NAME DIR/FILE [ENV...]: kcheck as Kbuild runs it in $pc, vm-bug on
	n=$1 f=$2 b=$(basename "$2" .c)
	shift 2
	rm -rf "$pc/home/ptebatch/findings-1"	# each run compiles
	run "$n" 0 env -C "$pc" -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$pc/home" \
		KBUILD_EXTRA_WARN=1 PTEBATCH_PCH_TRACE="$pc/trace" "$@" "$cli" kcheck --engine=plugin \
		-D__CHECKER__ -Wp,-MMD,"mm/.$b.o.d" -nostdinc -I./include \
		-include ./include/linux/compiler-version.h -include ./include/linux/kconfig.h \
		-include ./include/linux/compiler_types.h -D__KERNEL__ -O2 \
		-DKBUILD_MODFILE="\"mm/$b\"" -DKBUILD_BASENAME="\"$b\"" \
		-DKBUILD_MODNAME="\"$b\"" -D__KBUILD_MODNAME="kmod_$b" "$f"
}
# each file: the same output with and without the header
pc_bad=
for f in mm/f1.c mm/bug.c mm/clash.c mm/macro.c mm/none.c small/s1.c; do
	pck "pch-off-$f" "$f" PTEBATCH_PCH=0
	sort "$tmp/err" > "$pc/off.$(basename "$f")"
	rm -f "$pc/trace"
	pck "pch-on-$f" "$f"
	sort "$tmp/err" | cmp -s - "$pc/off.$(basename "$f")" || pc_bad="$pc_bad $f"
	printf '%s: %s\n' "$f" "$(sed 's/^[^:]*: //' "$pc/trace" 2>/dev/null | paste -sd,)" >> "$pc/why"
done
[ -z "$pc_bad" ] && ok || ko "pch-same: output differs with the header for:$pc_bad"
has pch-used "$pc/why" '^mm/f1.c: header$'
has pch-own-finding "$pc/why" '^mm/bug.c: header$'
has pch-refused "$pc/why" '^mm/clash.c: header,header refused: compiled without it$'
has pch-macro "$pc/why" '^mm/macro.c: no header (a macro before the includes)$'
has pch-none "$pc/why" '^mm/none.c: no header (includes none of it)$'
has pch-small "$pc/why" '^small/s1.c: no header (directory)$'
pck pch-header-finding mm/f2.c
has pch-header-finding-printed "$tmp/err" 'common.h:7:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
has pch-bug-finding "$pc/off.bug.c" 'bug.c:4:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
[ "$(ls -d "$pc"/home/ptebatch/pch-1/*/ | wc -l)" -eq 1 ] && ok ||
	ko "pch-one: $(ls -d "$pc"/home/ptebatch/pch-1/*/ | wc -l) headers built for one directory"
# a header it holds changes: built again, and the new line is found
sed -i 's/^\treturn f->flags & 1;/\tVM_BUG_ON(f->flags > 2);\n\treturn f->flags \& 1;/' "$pc/include/linux/common.h"
rm -f "$pc/trace"
pck pch-stale mm/f3.c
has pch-stale-new-line "$tmp/err" 'common.h:8:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
has pch-stale-used "$pc/trace" '^mm/f3.c: header$'
# GCC refuses a damaged header: the compile as before, the same findings
pck pch-damaged-ref mm/f4.c PTEBATCH_PCH=0
sort "$tmp/err" > "$pc/off"
for g in "$pc"/home/ptebatch/pch-1/*/prefix.h.gch; do printf 'garbage' > "$g"; done
rm -f "$pc/trace"
pck pch-damaged mm/f4.c
sort "$tmp/err" | cmp -s - "$pc/off" && ok || ko "pch-damaged: other findings"
has pch-damaged-refused "$pc/trace" '^mm/f4.c: header refused: compiled without it$'
# concurrent: 6 runs at once on an empty cache: all done, one header
rm -rf "$pc/home"
pc_bad=
for f in 1 2 3 4 5 6; do
	(env -C "$pc" -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$pc/home" \
		"$cli" kcheck --engine=plugin -Wp,-MMD,"mm/.f$f.o.d" -nostdinc -I./include \
		-include ./include/linux/compiler-version.h -include ./include/linux/kconfig.h \
		-include ./include/linux/compiler_types.h -D__KERNEL__ -O2 \
		-DKBUILD_MODNAME="\"f$f\"" "mm/f$f.c" > "$pc/conc.$f" 2>&1; echo "$?" >> "$pc/conc.$f") &
done
wait
for f in 1 2 3 4 5 6; do
	[ "$(tail -n 1 "$pc/conc.$f")" = 0 ] || pc_bad="$pc_bad conc.$f"
done
[ -z "$pc_bad" ] && [ "$(ls "$pc"/home/ptebatch/pch-1/*/prefix.h.gch | wc -l)" -eq 1 ] && ok ||
	ko "pch-concurrent: failed:$pc_bad; $(ls "$pc"/home/ptebatch/pch-1/*/prefix.h.gch | wc -l) headers"
# bounded by PTEBATCH_CACHE_SIZE: a second directory's header pushes the
# first one out
mkdir -p "$pc/mm2"
for f in "$pc"/mm/f*.c "$pc/mm/bug.c"; do	# another header list: another entry
	{ printf '#include <linux/own.h>\n'; cat "$f"; } > "$pc/mm2/$(basename "$f")"
done
pck pch-bound mm2/f1.c PTEBATCH_CACHE_SIZE=1K
[ "$(ls "$pc"/home/ptebatch/pch-1/*/prefix.h.gch | wc -l)" -eq 1 ] && ok ||
	ko "pch-bound: $(ls "$pc"/home/ptebatch/pch-1/*/prefix.h.gch | wc -l) headers kept under a 1K bound"
# the directory whose header went builds it again (not a refused compile)
rm -f "$pc/trace"
pck pch-bound-again mm/f1.c PTEBATCH_CACHE_SIZE=1K
has pch-bound-rebuilt "$pc/trace" '^mm/f1.c: header$'
hasnt pch-bound-not-refused "$pc/trace" 'refused'
rm -f "$pc/trace"
pck pch-disabled mm/f1.c PTEBATCH_PCH=0
[ ! -e "$pc/trace" ] && ok || ko "pch-disabled: PTEBATCH_PCH=0 and a header: $(cat "$pc/trace")"

# lint of a series through the findings cache: the code before patch 2 is
# the code after patch 1, and its plugin compile is read from the cache;
# the findings are those of a run without it (6.12 tree: mm/madvise.c)
t=$cache/linux-6.12-check
if [ -f "$t/.ptebatch-prepared" ] && [ -f "$t/mm/.madvise.o.cmd" ] && [ -f "$t/mm/.rmap.o.cmd" ]; then
	mkdir -p "$xc/s/a/mm" "$xc/s/b/mm" "$xc/s/c/mm"
	cp "$t/mm/madvise.c" "$xc/s/a/mm/"
	sed '/^static int madvise_free_pte_range(/,/^}/ s/^\t\tnr = 1;$/\t\tnr = 1; \/* one *\//' \
		"$xc/s/a/mm/madvise.c" > "$xc/s/b/mm/madvise.c"
	sed '/^static int madvise_free_pte_range(/,/^}/ { /^\t\tnr = 1; \/\* one \*\/$/d }' \
		"$xc/s/b/mm/madvise.c" > "$xc/s/c/mm/madvise.c"
	xpatch() { # N FROM TO SUBJECT
		printf 'From %040d Mon Sep 17 00:00:00 2001\nFrom: A <a@example.org>\nSubject: [PATCH %s/2] %s\n\n---\n' "$1" "$1" "$4"
		(cd "$xc/s" && diff -u "$2/mm/madvise.c" "$3/mm/madvise.c") |
			sed -e "1s|^--- .*|--- a/mm/madvise.c|" -e "2s|^+++ .*|+++ b/mm/madvise.c|"
		printf -- '-- \n2.39.0\n\n'
	}
	{ xpatch 1 a b "a comment"; xpatch 2 b c "nr = 1 dropped"; } > "$xc/s/series.mbox"
	# the CLI without ASan: lint's parsed series is not freed at exit
	# (cmd_lint.c, before this test), which LeakSanitizer reports
	lcli=$top/tools/ptebatch
	run lint-series-nocache 1 env PTEBATCH_FINDINGS_CACHE=0 "$lcli" lint --tree "$t" "$xc/s/series.mbox"
	cp "$tmp/out" "$xc/s/nocache.out"
	rm -f "$xc/trace"
	run lint-series-cache 1 env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/s/home" \
		PTEBATCH_CACHE_TRACE="$xc/trace" PTEBATCH_PCH_TRACE="$xc/pch" \
		"$lcli" lint --tree "$t" "$xc/s/series.mbox"
	same lint-series-same "$tmp/out" "$xc/s/nocache.out"
	# the tree's mm/ precompiled header (pch.c): asked for by this run,
	# built by the next one, not the overlay's
	has lint-series-pch-first "$xc/pch" '^mm/madvise.c: no header (built at the next use)$'
	rm -rf "$xc/s/home/ptebatch/findings-1" "$xc/pch"
	run lint-series-pch 1 env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/s/home" \
		PTEBATCH_PCH_TRACE="$xc/pch" "$lcli" lint --tree "$t" "$xc/s/series.mbox"
	same lint-series-pch-same "$tmp/out" "$xc/s/nocache.out"
	has lint-series-pch-used "$xc/pch" '^mm/madvise.c: header$'
	has lint-series-finding "$tmp/out" 'madvise.c:.*ptebatch-nr-stale'
	[ "$(xcount hit)" -ge 1 ] && ok || ko "lint-series: the code before patch 2 was compiled again: $(tr '\n' ' ' < "$xc/trace")"
	# The code before is compiled only for a candidate that it may have
	# had and whose check needs it analysed: a VM_BUG_ON() added beside
	# two (vm-bug, whose finding its statement makes: the code before had
	# those two) compiles mm/rmap.c once and reports the new one only; the
	# deleted nr = 1 (nr-stale: the loop decides) compiles mm/madvise.c
	# twice.
	mkdir -p "$xc/r/a/mm" "$xc/r/b/mm"
	cp "$t/mm/rmap.c" "$xc/r/a/mm/"
	sed '/^void folio_move_anon_rmap(/,/^}/ { s/^\tVM_BUG_ON_VMA(!anon_vma, vma);$/&\n\tVM_BUG_ON(!folio);/ }' \
		"$t/mm/rmap.c" > "$xc/r/b/mm/rmap.c"
	(cd "$xc/r" && diff -u a/mm/rmap.c b/mm/rmap.c) > "$xc/r/vm-bug.patch"
	grep -q '^+.*VM_BUG_ON(!folio);' "$xc/r/vm-bug.patch" && [ "$(grep -c '^ .*VM_BUG_ON' "$xc/r/vm-bug.patch")" -ge 2 ] &&
		ok || ko "lint-before: the patch adds no VM_BUG_ON() beside two: $(head -c 300 "$xc/r/vm-bug.patch")"
	rm -f "$xc/pch"
	run lint-before-known 1 env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/r/home" \
		PTEBATCH_PCH_TRACE="$xc/pch" "$lcli" lint --tree "$t" "$xc/r/vm-bug.patch"
	lines lint-before-known-one-compile "$xc/pch" '^mm/rmap.c: ' 1
	lines lint-before-known-finding "$tmp/out" 'ptebatch-vm-bug' 1
	mkdir -p "$xc/s/d/mm"
	sed '/^static int madvise_free_pte_range(/,/^}/ { /^\t\tnr = 1;$/d }' \
		"$xc/s/a/mm/madvise.c" > "$xc/s/d/mm/madvise.c"
	xpatch 1 a d "nr = 1 dropped" > "$xc/r/nr-stale.mbox"
	rm -f "$xc/pch"
	run lint-before-plugin 1 env -u PTEBATCH_FINDINGS_CACHE XDG_CACHE_HOME="$xc/r/home" \
		PTEBATCH_PCH_TRACE="$xc/pch" "$lcli" lint --tree "$t" "$xc/r/nr-stale.mbox"
	lines lint-before-plugin-two-compiles "$xc/pch" '^mm/madvise.c: ' 2
	has lint-before-plugin-finding "$tmp/out" 'madvise.c:.*ptebatch-nr-stale'
else
	skipped -n 16 "lint of a series and its code before: no built 6.12 tree at $t; run make check-kernel TREES=6.12 ARCHS=x86_64"
fi

# make install: the installed CLI finds its plugin and rules
if make -s -C "$top" install PREFIX="$tmp/prefix" >"$tmp/err" 2>&1; then
	run installed 1 env -u PTEBATCH_PLUGIN "$tmp/prefix/bin/ptebatch" check "$files/bug.c"
	has installed-finding "$tmp/out" 'ptebatch-vm-bug'
	run installed-wrapper 0 env -u PTEBATCH_PLUGIN "$tmp/prefix/bin/ptebatch-gcc" -O2 -c "$cdir/flag-in-memory.c" -o inst.o
	has installed-wrapper-finding "$tmp/err" 'ptebatch-nr-stale'
else
	ko "install: make install failed"
fi

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
