#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark (not a test): the CPU cost of a maintainer's
#   make C=2 CHECK="ptebatch kcheck" mm/
# against a plain build of mm/ and sparse's C=2, on the 6.12 harness tree,
# run in turn (plain, sparse, kcheck) so that drift hits all three; CPU is
# user + sys of make and all its children (/usr/bin/time -f).
#
# usage: sh testsuite/bench/kcheck.sh [--jobs N]
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cli=$repo/tools/ptebatch
jobs=2
[ "${1:-}" = "--jobs" ] && jobs=$2

T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-6.12-check} \
	sh "$repo/testsuite/kernel/prepare.sh" | tail -n 1) || exit 2
if command -v flock > /dev/null; then
	exec 9> "$T/.ptebatch-check.lock"
	flock 9
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-bench-kcheck.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# cpu NAME MAKE-ARGS...: CPU seconds of one make, into $work/NAME
cpu()
{
	name=$1
	shift
	/usr/bin/time -f '%U %S %e' -o "$work/$name.time" \
		make -C "$T" -s -j"$jobs" "$@" > "$work/$name.log" 2>&1
	awk '{ printf "%.1f %.1f\n", $1 + $2, $3 }' "$work/$name.time" > "$work/$name"
}

make -C "$T" -s -j"$jobs" mm/ > /dev/null 2>&1
# plain: every mm/ object rebuilt (C=2 checks every file, built or not)
(cd "$T" && find mm -name '*.o' ! -name '*.mod.o' -exec rm -f {} +)
cpu plain mm/
cpu sparse C=2 CHECK=sparse mm/
cpu kcheck C=2 CHECK="$cli kcheck" mm/

read -r p_cpu p_wall < "$work/plain"
read -r s_cpu s_wall < "$work/sparse"
read -r k_cpu k_wall < "$work/kcheck"
echo "| make ... mm/ (6.12, -j$jobs) | CPU s | wall s | CPU / plain build |"
echo "| --- | --- | --- | --- |"
echo "| plain build | $p_cpu | $p_wall | 1.00 |"
echo "$s_cpu $s_wall $p_cpu" | awk '{ printf "| C=2 CHECK=sparse | %s | %s | %.2f |\n", $1, $2, $1 / $3 }'
echo "$k_cpu $k_wall $p_cpu" | awk '{ printf "| C=2 CHECK=\"ptebatch kcheck\" | %s | %s | %.2f |\n", $1, $2, $1 / $3 }'
echo "$k_cpu $p_cpu" | awk '{ printf "kcheck target <= 0.65x a plain build: %s (%.2fx)\n", ($1 / $2 <= 0.65 ? "met" : "not met"), $1 / $2 }'
