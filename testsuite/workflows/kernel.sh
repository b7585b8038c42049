#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Workflows end to end on Linux 6.12 (docs/workflows.md):
#   - make C=2 CHECK="ptebatch kcheck": the build completes and the log
#     carries the expected findings (testsuite/kernel/expected-plugin.txt)
#   - make KCFLAGS="-fplugin=... output=DIR" + ptebatch report: the same
#     findings as the C=2 run
#   - kcheck --sparse: sparse's output unchanged
#   - lint of synthetic patches to mm/: each introduces one batched-unmap
#     mistake of one class (exactly that finding) or is a correct change to
#     the same code (nothing)
#   - timing: lint of a one-file patch against compiling that file
#
# The tree prepared by testsuite/kernel/prepare.sh
# (PTEBATCH_KERNEL_DIR, default /var/cache/ptebatch/linux-6.12) is copied
# once to a private tree (PTEBATCH_WORKFLOWS_TREE, default
# /var/cache/ptebatch/linux-6.12-workflows) where the objects are built; the
# prepared tree is never written.  Without a prepared tree every test is
# reported as skipped.
#
# PTEBATCH_WORKFLOWS_SLOW=1 adds C=2 and KCFLAGS over all of mm/ (tens of
# minutes) and requires identical findings.
# Closing line: "N passed, N failed[, N skipped]".
top=$(cd "$(dirname "$0")/../.." && pwd)
cli=$top/tools/ptebatch
src=${PTEBATCH_KERNEL_DIR:-/var/cache/ptebatch/linux-6.12}
work=${PTEBATCH_WORKFLOWS_TREE:-/var/cache/ptebatch/linux-6.12-workflows}
expected=$top/testsuite/kernel/expected-plugin.txt
jobs=${PTEBATCH_JOBS:-2}
tmp=$(mktemp -d /tmp/ptebatch-wfk.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
export LC_ALL=C

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "SKIP $*"; }
# NR_TESTS is what a run counts (and a run without a tree skips): a run
# stopped early by a failure counts the tests it did not reach as failed,
# and a run that counts otherwise fails (PTEBATCH_WORKFLOWS_SLOW and
# PTEBATCH_WORKFLOWS_BENCH add their own).
finish() {
	want=$NR_TESTS
	[ -n "${PTEBATCH_WORKFLOWS_SLOW:-}" ] && want=$((want + 3))
	[ -n "${PTEBATCH_WORKFLOWS_BENCH:-}" ] && want=$((want + 2))
	got=$((pass + fail + skip))
	if [ "$got" -lt "$want" ] && [ "$fail" -gt 0 ]; then
		echo "FAIL $((want - got)) tests not reached after a failure"
		fail=$((fail + want - got))
	elif [ "$got" -ne "$want" ]; then
		ko "kernel.sh counted $got tests, NR_TESTS says $want (fix NR_TESTS)"
	fi
	if [ "$skip" -gt 0 ]; then
		echo "$pass passed, $fail failed, $skip skipped"
	else
		echo "$pass passed, $fail failed"
	fi
	[ "$fail" -eq 0 ]
	exit $?
}
now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

NR_TESTS=29	# what a run without a tree reports as skipped
if [ ! -f "$src/.ptebatch-prepared" ] || [ ! -f "$src/.config" ]; then
	skip=$NR_TESTS
	echo "SKIP $NR_TESTS kernel workflow tests: no prepared 6.12 tree at $src; run make kernel-tree"
	finish
fi

# One run at a time builds in the private tree (make check may overlap a
# manual run).
if command -v flock >/dev/null 2>&1; then
	exec 9>"$work.lock"
	flock 9
fi

# A private copy, refreshed when the prepared tree changes.
stamp="$(cat "$src/.ptebatch-prepared") $src"
if [ "$(cat "$work/.ptebatch-workflows" 2>/dev/null)" != "$stamp" ]; then
	echo "NOTE copying $src to $work (once)"
	rm -rf "$work" "$work.tmp"
	cp -a "$src" "$work.tmp" && mv "$work.tmp" "$work" &&
		echo "$stamp" >"$work/.ptebatch-workflows" || {
		ko "cannot copy $src to $work"
		finish
	}
fi

# A private copy of the plugin: other work may rebuild plugin/ meanwhile.
mkdir -p "$tmp/plugin"
for try in 1 2 3 4 5; do
	cp "$top/plugin/ptebatch_plugin.so" "$tmp/plugin/" 2>/dev/null &&
		echo 'int x;' | gcc -fplugin="$tmp/plugin/ptebatch_plugin.so" -x c -S -o /dev/null - 2>/dev/null && break
	sleep 3
done
plugin=$tmp/plugin/ptebatch_plugin.so
export PTEBATCH_PLUGIN="$plugin"

# mm/memory.c is linted without being built: its flags come from a
# sibling's .cmd file
files="mm/rmap.c mm/madvise.c"
objs=$(echo "$files" | sed 's/\.c/.o/g')
cd "$work" || exit 2

# file:line:check of findings in FILES, from JSON lines (stdin)
keys() {
	sed -n 's/^{"file":"\([^"]*\)","line":\([0-9]*\),"column":[0-9]*,"check":"\([^"]*\)".*/\1:\2:\3/p' |
		sort -u
}
in_files() { grep -E "^($(echo "$files" | sed 's/ /|/g')):"; }

# ---- make C=2 CHECK="ptebatch kcheck": quiet by default on pristine code
# shellcheck disable=SC2086
make -s -j"$jobs" C=2 CHECK="$cli kcheck" $objs >"$tmp/c2-default.log" 2>&1
status=$?
[ "$status" -eq 0 ] && ok || { ko "C=2 default: make failed ($status)"; tail -5 "$tmp/c2-default.log"; }
# (but for the real findings triaged in the list: 6.12's rmap.c:1789 hugetlb-pte)
grep -v '^#' "$expected" | grep '# real:' | cut -d' ' -f1 | cut -d: -f1-3 |
	grep -v ':vm-bug$' | sed 's/^\([^:]*\):\([0-9]*\):\(.*\)/^\1:\2:[0-9]*: warning: .*\\[ptebatch-\3\\]$/' >"$tmp/real.re"
n=$(grep 'ptebatch' "$tmp/c2-default.log" | grep -v -f "$tmp/real.re" -c)
[ "$n" -eq 0 ] && ok || { ko "C=2 default: $n ptebatch lines on pristine $objs"; grep ptebatch "$tmp/c2-default.log" | grep -v -f "$tmp/real.re" | head -3; }

# ---- make C=2 CF=-Wptebatch-vm-bug: the opt-in check, each finding once
t0=$(now)
# shellcheck disable=SC2086
make -s -j"$jobs" C=2 CF=-Wptebatch-vm-bug CHECK="$cli kcheck --output=$tmp/c2" $objs >"$tmp/c2.log" 2>&1
status=$?
echo "TIME make C=2 CHECK=kcheck $objs: $(elapsed "$t0" "$(now)") s"
[ "$status" -eq 0 ] && ok || { ko "C=2: make failed ($status)"; tail -5 "$tmp/c2.log"; }
for o in $objs; do
	[ -f "$o" ] && ok || ko "C=2: $o not built"
done
grep -q ': warning: .*\[ptebatch-' "$tmp/c2.log" && ok || ko "C=2: no finding in the build log"
# the log's findings in the main files, as file:line:check
sed -n 's/^\(mm\/[a-z]*\.c\):\([0-9]*\):[0-9]*: warning: .*\[ptebatch-\([a-z-]*\)\]$/\1:\2:\3/p' \
	"$tmp/c2.log" | sort -u >"$tmp/c2.keys"
"$cli" report --format=json "$tmp/c2" >"$tmp/c2.json" 2>/dev/null
grep '"engine":"plugin' "$tmp/c2.json" | keys | in_files >"$tmp/c2.plugin"
# expected-plugin.txt (FILE:LINE:CHECK:FUNCTION # VERDICT): its vm-bug
# findings, confirmed by an independent count, are all in the log; the
# other checks are compared with the KCFLAGS build below
grep -v '^#' "$expected" | cut -d' ' -f1 | cut -d: -f1-3 | in_files | grep ':vm-bug$' |
	sort -u >"$tmp/expected"
comm -23 "$tmp/expected" "$tmp/c2.keys" >"$tmp/missing"
if [ -s "$tmp/expected" ] && [ ! -s "$tmp/missing" ]; then
	ok
else
	ko "C=2: expected vm-bug findings missing from the log"
	head -5 "$tmp/missing"
fi
grep -q 'mm/rmap.c:113:vm-bug' "$tmp/c2.keys" && ok || ko "C=2: mm/rmap.c:113 VM_BUG_ON not in the build log"
# no finding printed twice (headers included: once per build)
n_dup=$(grep '\[ptebatch-' "$tmp/c2.log" | sort | uniq -d | wc -l)
[ "$n_dup" -eq 0 ] && ok || { ko "C=2: $n_dup findings printed more than once"; grep '\[ptebatch-' "$tmp/c2.log" | sort | uniq -d | head -3; }
# every plugin finding of the main files is in the log (headers: once per build)
comm -23 "$tmp/c2.plugin" "$tmp/c2.keys" >"$tmp/missing"
[ -s "$tmp/missing" ] && { ko "C=2: findings missing from the log"; head -5 "$tmp/missing"; } || ok

# ---- make KCFLAGS=-fplugin=... + ptebatch report
mkdir -p "$tmp/kc" "$tmp/all-kc"	# a directory: one file per TU
t0=$(now)
# shellcheck disable=SC2086
make -s -j"$jobs" KCFLAGS="-fplugin=$plugin -fplugin-arg-ptebatch_plugin-W=vm-bug -fplugin-arg-ptebatch_plugin-output=$tmp/kc" \
	$objs >"$tmp/kc.log" 2>&1
status=$?
echo "TIME make KCFLAGS=-fplugin $objs: $(elapsed "$t0" "$(now)") s"
[ "$status" -eq 0 ] && [ "$(ls "$tmp/kc" | grep -c '\.jsonl$')" -ge 2 ] && ok ||
	{ ko "KCFLAGS: make failed ($status) or no per-TU files"; tail -5 "$tmp/kc.log"; }
# a header finding that several files see is printed once per build
n_tu=$(grep -l 'include/linux/mm.h","line":1140,' "$tmp"/kc/*.jsonl | wc -l)
n_log=$(grep -c 'include/linux/mm.h:1140:.*ptebatch-vm-bug' "$tmp/kc.log")
[ "$n_tu" -ge 2 ] && [ "$n_log" -eq 1 ] && ok ||
	ko "KCFLAGS: mm.h:1140 seen by $n_tu files, printed $n_log times (want >= 2, 1)"
"$cli" report --format=json "$tmp/kc" >"$tmp/kc.json" 2>"$tmp/kc.err"
[ $? -le 1 ] && ok || { ko "report: failed"; cat "$tmp/kc.err"; }
keys <"$tmp/kc.json" | in_files >"$tmp/kc.keys"
if [ -s "$tmp/kc.keys" ] && cmp -s "$tmp/kc.keys" "$tmp/c2.plugin"; then
	ok
else
	ko "KCFLAGS report and C=2 differ"
	diff "$tmp/kc.keys" "$tmp/c2.plugin" | head -10
fi
# headers: one finding each however many files include them
keys <"$tmp/kc.json" | grep '^include/' >"$tmp/kc.headers"
[ "$(wc -l <"$tmp/kc.headers")" -eq "$(sort -u "$tmp/kc.headers" | wc -l)" ] &&
	[ "$(grep -c '"file":"include/linux/mm.h","line"' "$tmp/kc.json")" -eq \
	  "$(grep '"file":"include/linux/mm.h","line"' "$tmp/kc.json" | sort -u | wc -l)" ] && ok ||
	ko "report: duplicate header findings"
# the objects with the plugin are those without it (and the tree's .cmd
# files lose the KCFLAGS again)
# One test: every object rebuilt without the plugin (make succeeds and the
# .cmd no longer names it) and identical to the one built with it.
why=
for o in $objs; do
	cp "$o" "$tmp/with.o"
	if ! make -s "$o" >"$tmp/plain.log" 2>&1; then
		why="$why; make $o without the plugin failed: $(tail -n 1 "$tmp/plain.log")"
	elif grep -q -- '-fplugin=' "$(dirname "$o")/.$(basename "$o").cmd"; then
		why="$why; $o was not rebuilt without the plugin"
	elif ! cmp -s "$o" "$tmp/with.o"; then
		why="$why; $o differs with the plugin"
	fi
done
[ -z "$why" ] && ok || ko "KCFLAGS objects${why#;}"

# ---- kcheck --sparse: sparse loses nothing
if command -v sparse >/dev/null 2>&1; then
	make -s C=2 CHECK=sparse mm/rmap.o >"$tmp/sparse.log" 2>&1
	make -s C=2 CHECK="$cli kcheck --sparse --engine=plugin" mm/rmap.o >"$tmp/ks.log" 2>&1
	grep -v -e '\[ptebatch-' -e '^[^ :]*:[0-9]*:[0-9]*: note: ' "$tmp/ks.log" >"$tmp/ks.sparse"
	if [ -s "$tmp/sparse.log" ] && cmp -s "$tmp/sparse.log" "$tmp/ks.sparse"; then
		ok
	else
		ko "kcheck --sparse: sparse's output changed ($(wc -l <"$tmp/sparse.log") lines alone)"
		diff "$tmp/sparse.log" "$tmp/ks.sparse" | head -6
	fi
else
	skipped "kcheck --sparse: no sparse"
fi

# ---- lint: synthetic patches to 6.12 mm/
# NAME FILE FUNCTION CHECK SED: CHECK "-" for a correct patch
mk() {
	rm -rf "$tmp/p" && mkdir -p "$tmp/p/a/mm" "$tmp/p/b/mm"
	cp "$2" "$tmp/p/a/$2"
	sed "/^[a-z].* $3(/,/^}/ { $4 }" "$2" >"$tmp/p/b/$2"
	(cd "$tmp/p" && diff -u "a/$2" "b/$2") >"$tmp/$1.patch"
	[ -s "$tmp/$1.patch" ] || ko "lint: $1: the sed script changed nothing"
}
# lint_case NAME FILE FUNCTION CHECK COUNT SED [OTHER]: COUNT findings of
# CHECK, and OTHER (default 0) of other checks
lint_case() {
	mk "$1" "$2" "$3" "$6"
	t0=$(now)
	"$cli" lint --tree "$work" "$tmp/$1.patch" >"$tmp/$1.out" 2>"$tmp/$1.err"
	status=$?
	echo "TIME lint $1 ($2): $(elapsed "$t0" "$(now)") s"
	n=$(grep -c '\[ptebatch-' "$tmp/$1.out")
	if [ "$4" = - ]; then
		[ "$status" -eq 0 ] && [ "$n" -eq 0 ] && ok ||
			{ ko "lint $1: want nothing, exit $status"; head -4 "$tmp/$1.out" "$tmp/$1.err"; }
	else
		[ "$status" -eq 1 ] && [ "$n" -eq $(($5 + ${7:-0})) ] &&
			[ "$(grep -c "\[ptebatch-$4\]" "$tmp/$1.out")" -eq "$5" ] && ok ||
			{ ko "lint $1: want $5 $4 finding(s), exit $status, $n findings"; head -4 "$tmp/$1.out" "$tmp/$1.err"; }
	fi
}
lint_case vm-bug mm/rmap.c try_to_unmap_one vm-bug 1 \
	's/^\t\tpvmw.flags = PVMW_SYNC;$/&\n\tVM_BUG_ON(!vma);/'
lint_case vm-bug-fixed mm/rmap.c try_to_unmap_one - 0 \
	's/^\t\tpvmw.flags = PVMW_SYNC;$/&\n\tVM_WARN_ON_ONCE(!vma);/'
# one stale count, two helpers receive it: clear_young_dirty_ptes() and
# tlb_remove_tlb_entries(); the 0 a split-and-retry leaves for the next
# iteration is that stale count too (nr-stale, no nr-zero)
lint_case nr-stale mm/madvise.c madvise_free_pte_range nr-stale 2 \
	'/^\t\tnr = 1;$/d'
lint_case nr-stale-reordered mm/madvise.c madvise_free_pte_range - 0 \
	'/^\t\tnr = 1;$/d; s/^\t\tptent = ptep_get(pte);$/&\n\t\tnr = 1;/'
lint_case rss-count mm/memory.c zap_present_folio_ptes rss-count 1 \
	's/^\t\trss\[mm_counter(folio)\] -= nr;$/\t\trss[mm_counter(folio)]--;/'
lint_case rss-count-cast mm/memory.c zap_present_folio_ptes - 0 \
	's/^\t\trss\[mm_counter(folio)\] -= nr;$/\t\trss[mm_counter(folio)] -= (int)nr;/'
lint_case tlb-range mm/memory.c zap_present_folio_ptes tlb-range 1 \
	's/^\ttlb_remove_tlb_entries(tlb, pte, nr, addr);$/\ttlb_remove_tlb_entry(tlb, pte, addr);/'
lint_case tlb-range-comment mm/memory.c zap_present_folio_ptes - 0 \
	's/^\ttlb_remove_tlb_entries(tlb, pte, nr, addr);$/\t\/* one entry per cleared PTE *\/\n&/'
lint_case nr-provenance mm/memory.c zap_present_ptes nr-provenance 1 \
	's/^\(\t\tzap_present_folio_ptes(tlb, vma, folio, page, pte, ptent, \)nr,$/\1folio_nr_pages(folio),/'
lint_case nr-provenance-clamped mm/memory.c zap_present_ptes - 0 \
	's/^\(\t\tzap_present_folio_ptes(tlb, vma, folio, page, pte, ptent, \)nr,$/\1min_t(int, nr, max_nr),/'
lint_case batch-bounds mm/madvise.c madvise_folio_pte_batch batch-bounds 1 \
	's/^\tint max_nr = (end - addr) \/ PAGE_SIZE;$/\tint max_nr = folio_nr_pages(folio);/'
lint_case batch-bounds-shift mm/madvise.c madvise_folio_pte_batch - 0 \
	's/^\tint max_nr = (end - addr) \/ PAGE_SIZE;$/\tint max_nr = (end - addr) >> PAGE_SHIFT;/'

# ---- timing: lint of a one-file patch against compiling that file
# (best of 3, alternating, in this run: the machine may be shared)
# CPU seconds (user + sys, children included) into $tmp/cpu; GNU time
# (Debian package "time") when present
cputime() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@"
	else
		echo "0 0" >"$tmp/cpu"
		"$@"
	fi
}
bench() { # NAME FILE.c
	o=${2%.c}.o
	cmd=$(sed -n "s|^savedcmd_$o := ||p" "$(dirname "$2")/.$(basename "$o").cmd" |
		sed "s| -o $o | -o $tmp/bench.o |")
	[ -n "$cmd" ] || { echo "NOTE no .cmd for $2: not timed"; return; }
	best_c=999 best_l=999 cpu_c=999 cpu_l=999
	for i in 1 2 3; do
		t0=$(now)
		cputime sh -c "$cmd" >/dev/null 2>&1
		c=$(elapsed "$t0" "$(now)") cc=$(tail -n 1 "$tmp/cpu" | awk '{ print $1 + $2 }')
		t0=$(now)
		cputime "$cli" lint --tree "$work" "$tmp/$1.patch" >/dev/null 2>&1
		l=$(elapsed "$t0" "$(now)") cl=$(tail -n 1 "$tmp/cpu" | awk '{ print $1 + $2 }')
		best_c=$(echo "$best_c $c" | awk '{ print ($2 < $1) ? $2 : $1 }')
		best_l=$(echo "$best_l $l" | awk '{ print ($2 < $1) ? $2 : $1 }')
		cpu_c=$(echo "$cpu_c $cc" | awk '{ print ($2 < $1) ? $2 : $1 }')
		cpu_l=$(echo "$cpu_l $cl" | awk '{ print ($2 < $1) ? $2 : $1 }')
	done
	ratio=$(echo "$best_l $best_c" | awk '{ printf "%.2f", $1 / $2 }')
	cratio=$(echo "$cpu_l $cpu_c" | awk '{ printf "%.2f", $1 / $2 }')
	echo "TIME lint $1 patch ${best_l} s, compile $2 ${best_c} s: ${ratio}x wall;" \
		"CPU ${cpu_l} s vs ${cpu_c} s: ${cratio}x (best of 3, target <= 2x; load $(cut -d' ' -f1 /proc/loadavg))"
	if [ -n "${PTEBATCH_WORKFLOWS_BENCH:-}" ]; then
		echo "$ratio" | awk '{ exit !($1 <= 2.0) }' && ok || ko "lint $1 takes ${ratio}x a compile"
	fi
}
bench nr-stale mm/madvise.c	# a finding on an unchanged line: both sides
bench vm-bug mm/rmap.c		# a finding on an added line: after only

# ---- slow: all of mm/, C=2 against KCFLAGS
if [ -n "${PTEBATCH_WORKFLOWS_SLOW:-}" ]; then
	make -s -j"$jobs" C=2 CHECK="$cli kcheck --engine=plugin --output=$tmp/all-c2" mm/ >"$tmp/all-c2.log" 2>&1 &&
		ok || ko "C=2 mm/: make failed"
	make -s -j"$jobs" KCFLAGS="-fplugin=$plugin -fplugin-arg-ptebatch_plugin-output=$tmp/all-kc" mm/ \
		>"$tmp/all-kc.log" 2>&1 && ok || ko "KCFLAGS mm/: make failed"
	"$cli" report --format=json "$tmp/all-c2" | keys >"$tmp/all-c2.keys"
	"$cli" report --format=json "$tmp/all-kc" | keys >"$tmp/all-kc.keys"
	if [ -s "$tmp/all-kc.keys" ] && cmp -s "$tmp/all-c2.keys" "$tmp/all-kc.keys"; then
		ok
	else
		ko "mm/: C=2 and KCFLAGS findings differ"
		diff "$tmp/all-c2.keys" "$tmp/all-kc.keys" | head
	fi
	echo "NOTE mm/: $(wc -l <"$tmp/all-kc.keys") findings in both modes"
fi
finish
