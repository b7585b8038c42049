#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark (not a test): a 10-patch series through `ptebatch bot` beside
# `ptebatch lint` of the same series, on the prepared 7.3 tree (warm: its
# mm/ built), best of N, alternating.  Each patch adds a VM_BUG_ON() to
# the first function of one of ten small mm/ files (a finding, so the bot
# writes ten replies).  The bot's own time is the difference: reading the
# mbox, grouping, git am in its worktree, git format-patch, the state and
# the replies.  Prints a markdown table.
#
# usage: sh testsuite/bench/bot.sh [--runs N]
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cli=${PTEBATCH_CLI:-$repo/tools/ptebatch}
runs=3
[ "${1:-}" = --runs ] && runs=$2
die() { echo "bot bench: error: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed"
T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-7.3-check} \
	sh "$repo/testsuite/kernel/prepare.sh" --version 7.3 | tail -n 1) || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-bench-bot.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 130' INT TERM
export LC_ALL=C GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org

files="mm/mmzone.c mm/highmem.c mm/vma_init.c mm/fadvise.c mm/msync.c mm/page_counter.c
	mm/page_frag_cache.c mm/folio-compat.c mm/process_vm_access.c mm/interval_tree.c"
L=$work/linux
for f in $files; do
	[ -f "$T/${f%.c}.o" ] || die "$T/${f%.c}.o is not built"
	mkdir -p "$L/$(dirname "$f")"
	cp "$T/$f" "$L/$f"
done
git -C "$L" init -q && git -C "$L" add -A && git -C "$L" commit -q -m base || die "git"
base=$(git -C "$L" rev-parse HEAD)
for f in $files; do
	sed -i '0,/^{$/s//{\n\tVM_BUG_ON(0);/' "$L/$f"
	git -C "$L" commit -q -a -m "bench: $f" || die "no change to $f"
done
git -C "$L" format-patch -q --cover-letter --thread --base="$base" -o "$work/fp" "$base..HEAD"
git -C "$L" checkout -q --detach "$base"
cat "$work"/fp/*.patch > "$work/series.mbox"

timed() {
	out=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/t" "$@" > "$work/log" 2>&1
	tail -n 1 "$work/t" | awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' > "$out"
}
best() { sort -n | head -n 1; }
: > "$work/lint" ; : > "$work/bot"
for i in $(seq 1 "$runs"); do
	timed "$work/t1" "$cli" lint --tree "$T" "$work/series.mbox"
	cat "$work/t1" >> "$work/lint"
	rm -rf "$work/state" "$work/outbox"
	mkdir -p "$work/state"
	timed "$work/t2" "$cli" bot -q --mbox "$work/series.mbox" --tree "$L" --build "$T" \
		--db "$work/state/bot.db" --outbox "$work/outbox"
	grep -q '1 series done (0 clean, 1 with findings.*10 replies written' "$work/log" ||
		die "the bot did not answer the ten patches: $(tail -n 1 "$work/log")"
	cat "$work/t2" >> "$work/bot"
done
lw=$(cut -d' ' -f1 "$work/lint" | best) lc=$(cut -d' ' -f2 "$work/lint" | best)
bw=$(cut -d' ' -f1 "$work/bot" | best) bc=$(cut -d' ' -f2 "$work/bot" | best)
echo "Linux $(make -s -C "$T" kernelversion), a 10-patch series (10 small mm/ files), best of $runs, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| | wall s | CPU s |"
echo "| --- | --- | --- |"
echo "| ptebatch lint --tree | $lw | $lc |"
echo "| ptebatch bot (one new series, fresh state) | $bw | $bc |"
echo "| the bot's own | $(echo "$bw - $lw" | bc) | $(echo "$bc - $lc" | bc) |"
