#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Workflow tests (docs/workflows.md): kcheck as Kbuild's CHECK, report of a
# KCFLAGS build, check -p, baselines, SARIF schema validation, GitHub
# escaping, lint of patches and series, the sendemail-validate hook.  Then
# the end-to-end tests against a prepared 6.12 tree (kernel.sh; skipped
# when there is none).
# Closing line: "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/../.." && pwd)
here=$top/testsuite/workflows
cli=$top/tools/ptebatch
plugin=$top/plugin/ptebatch_plugin.so
tmp=$(mktemp -d /tmp/ptebatch-wf.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

. "$top/testsuite/lib.sh"

cd "$tmp" || exit 2
inc=$top/testsuite/include

# A private copy of the plugin: other work may rebuild plugin/ meanwhile.
for try in 1 2 3 4 5; do
	mkdir -p "$tmp/plugin" && cp "$top/plugin/ptebatch_plugin.so" "$tmp/plugin/" 2>/dev/null &&
		echo 'int x;' | gcc -fplugin="$tmp/plugin/ptebatch_plugin.so" -x c -S -o /dev/null - 2>/dev/null && break
	sleep 3
done
plugin=$tmp/plugin/ptebatch_plugin.so
export PTEBATCH_PLUGIN="$plugin"

# ---------------------------------------------------------------- kcheck
mkdir -p k
cat >k/bug.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0-only
#include "kernel.h"

int global_without_decl;

int bug(struct folio *folio, int nr)
{
	VM_BUG_ON(nr < 0);
	return nr;
}
EOF
cp "$inc/kernel.h" k/
# what Kbuild passes: $(CHECKFLAGS) $(c_flags) file.c
# (CF=-Wptebatch-vm-bug at its end, as Kbuild appends CF: vm-bug is opt-in in builds)
plainflags="-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise -Wno-return-void -Wno-unknown-attribute --arch=x86 -mlittle-endian -m64 -D__x86_64__"
checkflags="$plainflags -Wptebatch-vm-bug"
cflags="-Wp,-MMD,k/.bug.o.d -I./k -D__KERNEL__ -Werror -Wall -O2 -DKBUILD_BASENAME=\"bug\""
# shellcheck disable=SC2086
run kcheck-clean-build 0 "$cli" kcheck $checkflags $cflags k/bug.c
has kcheck-gcc-format "$tmp/err" '^k/bug.c:8:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
[ -s "$tmp/out" ] && ko "kcheck-stdout: text findings belong on stderr (the build log)" || ok
[ -e k/.bug.o.d ] && ko "kcheck-depfile: -Wp,-MMD wrote Kbuild's dependency file" || ok
# shellcheck disable=SC2086
run kcheck-error 1 "$cli" kcheck --error $checkflags $cflags k/bug.c
# a LLVM=1 build: Kbuild exports CC=clang and gives clang-only options; the
# plugin runs through gcc without them
# shellcheck disable=SC2086
run kcheck-clang 0 env CC=clang "$cli" kcheck $checkflags $cflags --target=x86_64-linux-gnu \
	-fintegrated-as -mretpoline-external-thunk -mstack-alignment=8 -mllvm -x86-asm-syntax=intel k/bug.c
has kcheck-clang-finding "$tmp/err" '^k/bug.c:8:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
# without Kbuild's -Wp,-MMD marker the sparse options are recognised one by one
# shellcheck disable=SC2086
run kcheck-no-marker 1 "$cli" kcheck --error $checkflags -I./k -O2 k/bug.c
has kcheck-no-marker-finding "$tmp/err" 'k/bug.c:8:'
# shellcheck disable=SC2086
run kcheck-json 0 "$cli" kcheck --format=json $checkflags $cflags k/bug.c
has kcheck-json-line "$tmp/out" '"file":"k/bug.c","line":8'
run kcheck-no-file 2 "$cli" kcheck -D__linux__ -Wbitwise
# levels: without CF= a build's kcheck says nothing of vm-bug; make W=1
# turns it on, -Wno-ptebatch-ID off again, an unknown ID is an error
# shellcheck disable=SC2086
run kcheck-level-default 0 env KBUILD_EXTRA_WARN= "$cli" kcheck --error $plainflags $cflags k/bug.c
[ -s "$tmp/err" ] && ko "kcheck-level-default: printed $(head -1 "$tmp/err")" || ok
# shellcheck disable=SC2086
run kcheck-level-w1 1 env KBUILD_EXTRA_WARN=1 "$cli" kcheck --error $plainflags $cflags k/bug.c
has kcheck-level-w1-shown "$tmp/err" '\[ptebatch-vm-bug\]'
# shellcheck disable=SC2086
run kcheck-level-wno 0 env KBUILD_EXTRA_WARN=1 "$cli" kcheck --error $plainflags -Wno-ptebatch-vm-bug $cflags k/bug.c
# shellcheck disable=SC2086
run kcheck-level-unknown 2 "$cli" kcheck $plainflags -Wptebatch-frob $cflags k/bug.c
# shellcheck disable=SC2086
run kcheck-level-explicit 1 env KBUILD_EXTRA_WARN= "$cli" kcheck --error --checks=vm-bug $plainflags $cflags k/bug.c
printf '// SPDX-License-Identifier: GPL-2.0-only\nint broken(void) { return }\n' >k/broken.c
# shellcheck disable=SC2086
run kcheck-compile-error 2 "$cli" kcheck --no-prefilter $checkflags $cflags k/broken.c
# with the prefilter a file that names nothing and includes nothing is not
# compiled at all: its errors are the build's compile's to report
# shellcheck disable=SC2086
run kcheck-compile-error-prefilter 0 "$cli" kcheck $checkflags $cflags k/broken.c
# one line:column in every mode: GCC's display column (the tab before
# VM_BUG_ON on k/bug.c:8 counts 8), the build log's
gcc -fplugin="$plugin" -fplugin-arg-ptebatch_plugin-W=vm-bug -fplugin-arg-ptebatch_plugin-output="$tmp/col" \
	-O2 -I./k -c k/bug.c -o "$tmp/col.o" 2>"$tmp/col.log"
has column-kcflags "$tmp/col.log" '^k/bug.c:8:9: warning: .*ptebatch-vm-bug'
# shellcheck disable=SC2086
run column-kcheck-plugin 0 "$cli" kcheck --engine=plugin $checkflags $cflags k/bug.c
has column-kcheck-plugin-9 "$tmp/err" '^k/bug.c:8:9: warning: .*ptebatch-vm-bug'
# shellcheck disable=SC2086
run column-kcheck-cocci 0 "$cli" kcheck --engine=cocci $checkflags $cflags k/bug.c
has column-kcheck-cocci-9 "$tmp/err" '^k/bug.c:8:9: warning: .*ptebatch-vm-bug'
run column-report 1 "$cli" report "$tmp/col"
has column-report-9 "$tmp/out" '^k/bug.c:8:9: warning: .*ptebatch-vm-bug'
run column-json 1 "$cli" check --format=json k/bug.c
has column-json-9 "$tmp/out" '"file":"k/bug.c","line":8,"column":9,'
# --output=DIR: JSON lines for 'report', header findings once per build
cat >k/hdr.h <<'EOF'
/* SPDX-License-Identifier: GPL-2.0-only */
#include "kernel.h"
static inline int hdr_check(int nr)
{
	VM_BUG_ON(nr > 512);
	return nr;
}
EOF
for f in one two; do
	printf '// SPDX-License-Identifier: GPL-2.0-only\n#include "hdr.h"\nint %s(int nr)\n{\n\treturn hdr_check(nr);\n}\n' $f >k/$f.c
done
: >"$tmp/kc.log"
for f in one two; do
	# shellcheck disable=SC2086
	"$cli" kcheck --output="$tmp/kout" $checkflags -Wp,-MMD,k/.$f.o.d -I./k -O2 k/$f.c 2>>"$tmp/kc.log"
done
lines kcheck-header-once "$tmp/kc.log" 'k/hdr.h:5:.*ptebatch-vm-bug' 1
# without --output too: once per make, whatever -j runs, and again in the next make
printf 'all: one two\none two:\n\t@$(CHECK) $(CHECKFLAGS) -Wp,-MMD,k/.$@.o.d -I./k -O2 k/$@.c\n' >k/Makefile
for n in 1 2; do
	make -s -j2 -f k/Makefile CHECK="$cli kcheck" CHECKFLAGS="$checkflags" >"$tmp/km$n.log" 2>&1
	lines kcheck-header-once-make$n "$tmp/km$n.log" 'k/hdr.h:5:.*ptebatch-vm-bug' 1
done
# outside make every file prints its header findings (no build to share)
: >"$tmp/kn.log"
for f in one two; do
	# shellcheck disable=SC2086
	env -u MAKELEVEL "$cli" kcheck $checkflags -Wp,-MMD,k/.$f.o.d -I./k -O2 k/$f.c 2>>"$tmp/kn.log"
done
lines kcheck-header-each-outside-make "$tmp/kn.log" 'k/hdr.h:5:.*ptebatch-vm-bug' 2
[ "$(ls "$tmp/kout"/*.jsonl 2>/dev/null | wc -l)" -eq 2 ] && ok || ko "kcheck-output: want 2 .jsonl files"

# --sparse: sparse's own output passes through unchanged
if command -v sparse >/dev/null 2>&1; then
	section 11 "kcheck --sparse"
	# shellcheck disable=SC2086
	sparse $checkflags $cflags k/bug.c >"$tmp/sparse.out" 2>"$tmp/sparse.err"
	sparse_status=$?
	# shellcheck disable=SC2086
	"$cli" kcheck --sparse $checkflags $cflags k/bug.c >"$tmp/ks.out" 2>"$tmp/ks.err"
	ks_status=$?
	# sparse ran first: its output is a prefix of ours
	head -n "$(wc -l <"$tmp/sparse.err")" "$tmp/ks.err" >"$tmp/ks.sparse"
	has sparse-says-something "$tmp/sparse.err" 'global_without_decl'
	same sparse-passthrough "$tmp/sparse.err" "$tmp/ks.sparse"
	tail -n +"$(($(wc -l <"$tmp/sparse.err") + 1))" "$tmp/ks.err" >"$tmp/ks.ours"
	hasnt sparse-rest-is-ours "$tmp/ks.ours" 'global_without_decl\|sparse'
	[ -s "$tmp/sparse.out" ] || [ -s "$tmp/ks.out" ] && ko "sparse-stdout: unexpected output" || ok
	[ "$sparse_status" -eq "$ks_status" ] && ok || ko "sparse-status: $ks_status, sparse alone $sparse_status"
	has sparse-plus-ours "$tmp/ks.err" 'ptebatch-vm-bug'
	# A sparse that cannot parse the tree (7.x headers use
	# __typeof_unqual__ under __CHECKER__; Debian 12's sparse 0.6.4 does
	# not know it): one line says so, ptebatch's checks still run, and
	# Kbuild's probe of the checker (CHECK on a temporary file, no 'error'
	# in its output) passes, or Kbuild turns the whole checker off.
	cat >k/unqual.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0-only
#include "kernel.h"
#ifdef __CHECKER__
#define unqual(x) __typeof_unqual__(x)
#else
#define unqual(x) __typeof__(x)
#endif
int unq(const int *q, int nr)
{
	unqual(*q) v = *q;
	VM_BUG_ON(nr < 0);
	return v + nr;
}
EOF
	# shellcheck disable=SC2086
	run sparse-cannot-parse 0 "$cli" kcheck --sparse $checkflags $cflags k/unqual.c
	lines sparse-cannot-parse-one-line "$tmp/err" '^ptebatch: note: k/unqual.c: sparse cannot check this file' 1
	hasnt sparse-cannot-parse-no-errors "$tmp/err" ': error: '
	has sparse-cannot-parse-ours "$tmp/err" '^k/unqual.c:11:[0-9]*: warning: .*\[ptebatch-vm-bug\]'
	printf 'static inline int u(const int *q)\n{\n\t__typeof_unqual__(*q) v = *q;\n\treturn v;\n}\n' >"$tmp/probe"
	# shellcheck disable=SC2086
	probe=$("$cli" kcheck --sparse $plainflags "$tmp/probe" 2>&1 | awk -v c=1 '/error/{c=0}END{print c}')
	[ "$probe" = 1 ] && ok || ko "sparse-probe: Kbuild's checker probe fails: kcheck --sparse would be turned off"
	end_section
else
	skip_section 11 "kcheck --sparse: sparse not installed; run make deps"
fi

# ---------------------------------------------------------------- report
mkdir -p rep
for f in one two; do
	gcc -fplugin="$plugin" -fplugin-arg-ptebatch_plugin-output="$tmp/rep" \
		-fplugin-arg-ptebatch_plugin-W=vm-bug -O2 -I./k -c k/$f.c -o "$tmp/$f.o" 2>>"$tmp/rep.log"
done
run report-findings 1 "$cli" report rep
lines report-dedup "$tmp/out" 'k/hdr.h:5:.*ptebatch-vm-bug' 1
# the same paths and fingerprints from any directory
run report-here 1 "$cli" report --format=json rep
cp "$tmp/out" "$tmp/report-here.json"
run report-elsewhere 1 sh -c "cd / && '$cli' report --format=json '$PWD/rep'"
same report-anywhere "$tmp/report-here.json" "$tmp/out"
has report-root "$tmp/out" '"root":"'
run report-json 1 "$cli" report --format=json rep
lines report-json-lines "$tmp/out" '"check":"vm-bug"' 1
run report-filter 0 "$cli" report --checks=nr-stale rep
run report-missing 2 "$cli" report "$tmp/none"
mkdir -p empty
run report-empty-dir 2 "$cli" report empty
has report-empty-why "$tmp/err" 'output=DIR'

# ---------------------------------------------------------------- check -p
mkdir -p db/src db/inc
cp "$inc/kernel.h" db/inc/
cat >db/src/cond.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0-only
#include <kernel.h>

int cond(int nr)
{
#ifdef WANT_CHECK
	VM_BUG_ON(nr < 0);
#endif
	return nr;
}
EOF
cat >db/compile_commands.json <<EOF
[
  {
    "command": "gcc -Wp,-MMD,src/.cond.o.d -I inc -DWANT_CHECK -DNAME='\"x y\"' -Werror=bogus -O2 -c -o src/cond.o src/cond.c",
    "directory": "$tmp/db",
    "file": "$tmp/db/src/cond.c"
  }
]
EOF
run check-p 1 "$cli" check -p db db/src/cond.c
has check-p-finding "$tmp/out" '^db/src/cond.c:7:'
run check-p-from-tree 1 sh -c "cd db && '$cli' check -p . src/cond.c"
has check-p-relative "$tmp/out" '^src/cond.c:7:'
run check-without-p 2 "$cli" check db/src/cond.c
cat >db/compile_commands.json <<EOF
[{"arguments": ["gcc", "-Iinc", "-DWANT_CHECK", "-c", "src/cond.c"], "directory": "$tmp/db", "file": "src/cond.c"}]
EOF
run check-p-arguments 1 "$cli" check -p db db/src/cond.c
run check-p-not-listed 2 "$cli" check -p db k/bug.c
has check-p-not-listed-why "$tmp/err" 'not in'
run check-p-no-db 2 "$cli" check -p "$tmp/none" k/bug.c

# ---------------------------------------------------------------- baseline
mkdir -p bl
cat >bl/a.c <<'EOF'
// SPDX-License-Identifier: GPL-2.0-only
#include "../k/kernel.h"

int known(int nr)
{
	VM_BUG_ON(nr < 0);
	return nr;
}
EOF
run baseline-write 0 "$cli" baseline bl/a.c
cp "$tmp/out" bl.txt
lines baseline-one-entry bl.txt '^{"file":"bl/a.c","line":6,.*"check":"vm-bug",.*"function":"known",.*"fingerprint":"[0-9a-f]\{16\}"}$' 1
run baseline-suppresses 0 "$cli" check --baseline bl.txt bl/a.c
[ -s "$tmp/out" ] && ko "baseline-suppresses: printed something" || ok
# unrelated lines above the finding: still known
sed -i '3a\
/* a comment */\
static int unrelated(void)\
{\
	return 0;\
}' bl/a.c
run baseline-line-shift 0 "$cli" check --baseline=bl.txt bl/a.c
run baseline-shifted-really 1 "$cli" check bl/a.c
has baseline-shifted-line "$tmp/out" 'bl/a.c:11:'
# re-indenting does not matter either; a new finding does
sed -i 's/^\tVM_BUG_ON(nr < 0);/\t\tVM_BUG_ON(nr < 0);/' bl/a.c
run baseline-reindent 0 "$cli" check --baseline bl.txt bl/a.c
sed -i 's/^\t\tVM_BUG_ON(nr < 0);/&\n\tVM_BUG_ON(nr > 9);/' bl/a.c
run baseline-new-finding 1 "$cli" check --baseline bl.txt bl/a.c
lines baseline-only-new "$tmp/out" 'ptebatch-vm-bug' 1
has baseline-the-new-one "$tmp/out" 'bl/a.c:12:'
# a second copy of a known statement in the same function is new
sed -i 's/^\tVM_BUG_ON(nr > 9);/\tVM_BUG_ON(nr < 0);/' bl/a.c
run baseline-copy-is-new 1 "$cli" check --baseline bl.txt bl/a.c
run baseline-missing-file 2 "$cli" check --baseline "$tmp/none" bl/a.c
run baseline-report 0 "$cli" baseline report rep
cp "$tmp/out" bl-rep.txt
run baseline-report-applies 0 "$cli" report --baseline bl-rep.txt rep

# ---------------------------------------------------------------- formats
# hostile names and messages, through report (findings as written by cc1)
mkdir -p hostile
printf '%s\n' '{"file":"we%ird,na:me.c","line":3,"column":2,"check":"vm-bug","engine":"plugin","severity":"warning","function":"f","message":"100% wrong: a,b\r\nline two","notes":[]}' >hostile/x.jsonl
printf '%s\n' '{"file":"new\nline.c","line":4,"column":1,"check":"nr-stale","engine":"plugin","severity":"error","function":"g","message":"::error::injected","notes":[{"file":"n.h","line":1,"column":1,"message":"from here"}]}' >>hostile/x.jsonl
run github-hostile 1 "$cli" report --format=github hostile
has github-file-escaped "$tmp/out" '^::warning file=we%25ird%2Cna%3Ame.c,line=3,col=2,title=ptebatch-vm-bug::100%25 wrong: a,b%0D%0Aline two$'
has github-newline-name "$tmp/out" '^::error file=new%0Aline.c,line=4,col=1,title=ptebatch-nr-stale::::error::injected$'
lines github-one-line-each "$tmp/out" '^::' 2
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok || ko "github-no-raw-newline: $(wc -l <"$tmp/out") lines"

# SARIF: Microsoft's validator at the version testsuite/pins records,
# which make deps installs outside the repository (the published 2.1.0
# schema ships inside it); the test never fetches it
. "$top/testsuite/pins"
npm_dir=${PTEBATCH_NPM_CACHE:-/var/cache/ptebatch/npm}
mt_dir=$npm_dir/node_modules/$SARIF_MULTITOOL
mt_version=$(sed -n 's/^[[:space:]]*"version": *"\([^"]*\)".*/\1/p' "$mt_dir/package.json" 2>/dev/null | head -n 1)
# sarif_ok FILE: the validator ran and reported no error or warning
sarif_ok() {
	"$mt_dir/Sarif.Multitool" validate "$1" -o "$tmp/v.sarif" --log ForceOverwrite \
		>"$tmp/v.log" 2>&1
	grep -q 'Analysis completed successfully' "$tmp/v.log" || return 2
	! grep -E -q ': (error|warning) [A-Z]+[0-9]+' "$tmp/v.log"
}
validate() { # NAME FILE
	if sarif_ok "$2"; then
		ok
	else
		ko "$1: $(grep -E ': (error|warning) |rror' "$tmp/v.log" | head -3)"
	fi
}
if [ -x "$mt_dir/Sarif.Multitool" ] && [ "$mt_version" = "$SARIF_MULTITOOL_VERSION" ]; then
	section 9 "SARIF validation"
	"$cli" check --format=sarif "$top/testsuite/tools/files/bug.c" "$top/testsuite/tools/files/sub/uses-local.c" >s-check.sarif
	validate sarif-check s-check.sarif
	"$cli" report --format=sarif hostile >s-hostile.sarif
	validate sarif-hostile-names s-hostile.sarif
	has sarif-uri-escaped s-hostile.sarif '"uri":"we%25ird%2Cna%3Ame.c"'
	has sarif-help-absolute s-hostile.sarif '"helpUri":"https://'
	PTEBATCH_DOCS_URL=docs/checks/ "$cli" report --format=sarif hostile >s-rel.sarif
	hasnt sarif-help-never-relative s-rel.sarif '"helpUri":"docs/'
	has sarif-partial-fingerprints s-hostile.sarif '"partialFingerprints":{"ptebatch/v1":"[0-9a-f]\{16\}"}'
	"$cli" check --format=sarif "$top/testsuite/tools/files/clean.c" >s-empty.sarif
	validate sarif-no-results s-empty.sarif
	[ "$(grep -o '"helpUri"' s-empty.sarif | wc -l)" -eq "$("$cli" list | wc -l)" ] && ok ||
		ko "sarif-rules: want one rule per check"
	# the validator can fail: a relative helpUri and a missing name
	sed 's|"helpUri":"https://[^"]*"|"helpUri":"docs/x.md"|' s-empty.sarif >s-bad.sarif
	if sarif_ok s-bad.sarif || ! grep -q 'SARIF1005' "$tmp/v.log"; then
		ko "sarif-control: the validator accepted a relative helpUri"
	else
		ok
	fi
	end_section
else
	skip_section 9 "SARIF validation: no $SARIF_MULTITOOL $SARIF_MULTITOOL_VERSION in $npm_dir (found: ${mt_version:-none}); run make deps"
fi

# ---------------------------------------------------------------- lint
. "$here/lint.sh"
. "$here/b4.sh"

# ---------------------------------------------------------------- kernel
if [ -n "${PTEBATCH_SKIP_KERNEL:-}" ]; then
	skipped -n "$(sed -n 's/^NR_TESTS=\([0-9]*\).*/\1/p' "$here/kernel.sh")" \
		"kernel end-to-end: PTEBATCH_SKIP_KERNEL set"
else
	sh "$here/kernel.sh" >"$tmp/kernel.log" 2>&1
	grep -E '^(FAIL|SKIP)' "$tmp/kernel.log"
	grep -E '^(NOTE|TIME)' "$tmp/kernel.log"
	last=$(tail -n 1 "$tmp/kernel.log")
	kp=$(echo "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	kf=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	ks=$(echo "$last" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
	if [ -z "$kp" ] || [ -z "$kf" ]; then
		ko "kernel.sh: no closing line"
		tail -n 10 "$tmp/kernel.log"
	else
		pass=$((pass + kp)) fail=$((fail + kf)) skip=$((skip + ${ks:-0}))
	fi
fi

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
