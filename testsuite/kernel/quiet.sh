#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# A maintainer's first `make C=2 CHECK="ptebatch kcheck" mm/` on the real
# 6.12 or 7.3 tree (the harness's private tree, as check.sh prepares it;
# --config wide: the 7.3 wide configuration's, linux-7.3-wide-check):
#   1. by default ptebatch prints only the triaged real findings of the
#      checks that are on in builds (vm-bug is opt-in), each once;
#   2. with CF=-Wptebatch-vm-bug it prints each vm-bug finding once, headers
#      included, beside those of 1, and those are the triaged ones
#      (expected-{plugin,cocci}[-V][-wide].txt);
#   3. a patch that adds a bad batch prints exactly its warnings: nr from
#      folio_nr_pages() in madvise_free_pte_range(), at the two batched
#      helpers that take it, and at the walk that steps by it.
#
# usage: sh testsuite/kernel/quiet.sh [--version V] [--config C] [--jobs N]
# Ends with "N passed, N failed"; exit 1 when something failed.

set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cli=$repo/tools/ptebatch
jobs=${PTEBATCH_JOBS:-$(nproc 2>/dev/null || echo 2)}
version=6.12
config=default
while [ $# -gt 0 ]; do
	case $1 in
	--version) version=$2; shift ;;
	--config) config=$2; shift ;;
	--jobs) jobs=$2; shift ;;
	*) echo "usage: $0 [--version V] [--config C] [--jobs N]" >&2; exit 2 ;;
	esac
	shift
done
case $version in
6.12) suffix= ;;
7.3) suffix=-$version ;;
*) echo "$0: unknown --version '$version' (6.12 or 7.3)" >&2; exit 2 ;;
esac
case $config in
default) config_suffix= ;;
wide) [ "$version" = 7.3 ] ||
	{ echo "$0: --config wide is for --version 7.3 only" >&2; exit 2; }
	config_suffix=-wide ;;
*) echo "$0: unknown --config '$config' (default or wide)" >&2; exit 2 ;;
esac
suffix=$suffix$config_suffix
export LC_ALL=C

passed=0 failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }
now() { date +%s; }

T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-$version$config_suffix-check} \
	sh "$here/prepare.sh" --version "$version" --config "$config" | tail -n 1) || { fail "prepare.sh"; finish; }
[ -x "$cli" ] || { fail "no CLI at $cli (run make)"; finish; }
# the tree is shared with check.sh: one of us at a time
if command -v flock > /dev/null; then
	exec 9> "$T/.ptebatch-check.lock"
	flock 9
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-quiet.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 130' INT TERM
# the findings cache on, empty: 1 fills it, 4 reads it
export XDG_CACHE_HOME="$work/cache"
unset PTEBATCH_FINDINGS_CACHE

# Objects first, so that C=2 below only runs the checker.
make -C "$T" -s -j"$jobs" mm/ > "$work/build.log" 2>&1 ||
	{ fail "plain build of mm/"; tail -n 5 "$work/build.log"; finish; }

# Triaged findings (file:line:check) of the lists that a kcheck build of
# this config prints: the plugin's list as it is; the cocci list's .c files
# that this config builds (the harness runs the rules on every mm/*.c and
# on headers alone, kcheck on each compiled .c as written).
list_keys() { grep -v '^#' "$1" | cut -d' ' -f1 | cut -d: -f1-3; }
triaged()
{
	{
		list_keys "$here/expected-plugin$suffix.txt"
		list_keys "$here/expected-cocci$suffix.txt" | while IFS=: read -r f l c; do
			case $f in
			*.c) [ -f "$T/${f%.c}.o" ] && echo "$f:$l:$c" ;;
			esac
		done
	} | canonical | sort -u
}
# kcheck names a file by its canonical path (mm/internal.h), the plugin's
# lists as the compiler spelled it (mm/damon/../internal.h): one finding
canonical() { sed -e ':a' -e 's#[^/.][^/]*/\.\./##' -e 'ta'; }
# printed warnings as file:line:check
printed_keys()
{
	sed -n 's/^\(\.\/\)\{0,1\}\([^:]*\):\([0-9]*\):[0-9]*: warning: .*\[ptebatch-\([a-z0-9-]*\)\]$/\2:\3:\4/p' "$1" |
		sort -u
}

# 1. default: quiet, but for the triaged real findings of the checks that
# are on by default (vm-bug is opt-in)
t0=$(now)
make -C "$T" -s -j"$jobs" C=2 CHECK="$cli kcheck" KBUILD_EXTRA_WARN= mm/ \
	> "$work/default.log" 2>&1
rc=$?
t_default=$(($(now) - t0))
n=$(grep -c 'ptebatch' "$work/default.log")
printed_keys "$work/default.log" > "$work/default.printed"
triaged | grep -v ':vm-bug$' > "$work/default.expected"
real=$(wc -l < "$work/default.expected")
if [ $rc -eq 0 ] && [ "$n" -eq "$real" ] && cmp -s "$work/default.printed" "$work/default.expected"; then
	pass "make C=2 CHECK=kcheck mm/ ($version${config_suffix:+ $config}): exit 0, $n ptebatch lines, the $real triaged findings of default checks, each once ($t_default s)"
else
	fail "make C=2 CHECK=kcheck mm/: exit $rc, $n ptebatch lines, want the $real triaged findings of default checks"
	diff "$work/default.expected" "$work/default.printed" | grep '^[<>]' | head -n 5 | sed 's/^/  /'
	grep ptebatch "$work/default.log" | head -n 5 | sed 's/^/  /'
fi

# 2. CF=-Wptebatch-vm-bug: each vm-bug finding once, beside those of 1
t0=$(now)
make -C "$T" -s -j"$jobs" C=2 CF=-Wptebatch-vm-bug CHECK="$cli kcheck" mm/ \
	> "$work/vmbug.log" 2>&1
rc=$?
t_vmbug=$(($(now) - t0))
grep ': warning: .*\[ptebatch-' "$work/vmbug.log" > "$work/vmbug.lines"
total=$(wc -l < "$work/vmbug.lines")
distinct=$(sort -u "$work/vmbug.lines" | wc -l)
vmbug=$(grep -c '\[ptebatch-vm-bug\]$' "$work/vmbug.lines")
if [ $rc -eq 0 ] && [ "$vmbug" -gt 0 ] && [ "$total" -eq "$distinct" ]; then
	pass "CF=-Wptebatch-vm-bug: $total lines ($vmbug vm-bug), each printed once ($t_vmbug s)"
else
	fail "CF=-Wptebatch-vm-bug: exit $rc, $total lines, $distinct distinct, $vmbug vm-bug"
fi
# the printed findings are the triaged ones of both engines
printed_keys "$work/vmbug.lines" > "$work/printed"
triaged > "$work/expected"
if cmp -s "$work/printed" "$work/expected"; then
	pass "CF=-Wptebatch-vm-bug: the $(wc -l < "$work/printed") triaged findings, no other"
else
	fail "CF=-Wptebatch-vm-bug: printed (+) and triaged (-) differ:"
	diff "$work/expected" "$work/printed" | grep '^[<>]' | head -n 10 | sed 's/^/  /'
fi

# 4. the build of 1 again: the same lines, every engine's findings from
# the cache (its trace: hits only)
t0=$(now)
PTEBATCH_CACHE_TRACE="$work/cache.trace" \
	make -C "$T" -s -j"$jobs" C=2 CHECK="$cli kcheck" KBUILD_EXTRA_WARN= \
	mm/ > "$work/again.log" 2>&1
rc=$?
t_again=$(($(now) - t0))
printed_keys "$work/again.log" > "$work/again.printed"
hits=$(grep -c '^hit ' "$work/cache.trace" 2>/dev/null)
other=$(grep -vc '^hit ' "$work/cache.trace" 2>/dev/null)
if [ $rc -eq 0 ] && cmp -s "$work/again.printed" "$work/default.printed" &&
   [ "${hits:-0}" -gt 0 ] && [ "${other:-0}" -eq 0 ]; then
	pass "the same build again: the same $(wc -l < "$work/again.printed") findings, all $hits engine runs from the cache ($t_again s, was $t_default s)"
else
	fail "the same build again: exit $rc, ${hits:-0} hits and ${other:-0} misses; printed (+) and the first build's (-):"
	diff "$work/default.printed" "$work/again.printed" | grep '^[<>]' | head -n 5 | sed 's/^/  /'
fi

# 3. a bad batch added to mm/madvise.c: exactly its warning
cp "$T/mm/madvise.c" "$work/madvise.c"
sed -i '/^static int madvise_free_pte_range(/,/^}/ s/nr = madvise_folio_pte_batch(addr, end, folio, pte,/nr = folio_nr_pages(folio); (void)madvise_folio_pte_batch(addr, end, folio, pte,/' \
	"$T/mm/madvise.c"
if cmp -s "$T/mm/madvise.c" "$work/madvise.c"; then
	fail "bad patch: the sed script changed nothing in mm/madvise.c"
else
	make -C "$T" -s -j"$jobs" C=2 CHECK="$cli kcheck" mm/madvise.o > "$work/bad.log" 2>&1
	n=$(grep -c 'ptebatch' "$work/bad.log")
	want=$(grep -c '^mm/madvise.c:[0-9]*:[0-9]*: warning: nr passed to \(clear_young_dirty_ptes\|tlb_remove_tlb_entries\)() comes from folio_nr_pages().*\[ptebatch-nr-provenance\]$' "$work/bad.log")
	# and the walk, which now steps by the folio's size (walk-stride)
	stride=$(grep -c '^mm/madvise.c:[0-9]*:[0-9]*: warning: the page-table walk advances by folio_nr_pages().*\[ptebatch-walk-stride\]$' "$work/bad.log")
	if [ "$n" -eq 3 ] && [ "$want" -eq 2 ] && [ "$stride" -eq 1 ]; then
		pass "bad patch: exactly its 2 nr-provenance warnings and its walk-stride warning"
	else
		fail "bad patch: $n ptebatch lines, $want nr-provenance and $stride walk-stride of them the expected, want 3, 2 and 1"
		grep ptebatch "$work/bad.log" | head -n 5 | sed 's/^/  /'
	fi
fi
cp "$work/madvise.c" "$T/mm/madvise.c"
touch "$T/mm/madvise.c"
finish
