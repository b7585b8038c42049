#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark (not a test): the CPU cost of a maintainer's
#   make C=2 CHECK="ptebatch kcheck" mm/
# against a plain build of mm/ and sparse's C=2, on a harness tree (6.12
# by default; --version 7.3 --config wide: 7.3's wide mm configuration),
# run in turn (plain, sparse, kcheck without the prefilter, kcheck) so that
# drift hits all of them; CPU is user + sys of make and all its children
# (/usr/bin/time -f).  The machine's load is printed with the table.
#
# usage: sh testsuite/bench/kcheck.sh [--version V] [--config C] [--jobs N]
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cli=$repo/tools/ptebatch
jobs=2
version=6.12
config=default
while [ $# -gt 0 ]; do
	case $1 in
	--jobs) jobs=$2; shift ;;
	--version) version=$2; shift ;;
	--config) config=$2; shift ;;
	*) echo "usage: $0 [--version V] [--config C] [--jobs N]" >&2; exit 2 ;;
	esac
	shift
done
suffix=
[ "$config" = wide ] && suffix=-wide

T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-$version$suffix-check} \
	sh "$repo/testsuite/kernel/prepare.sh" --version "$version" --config "$config" | tail -n 1) || exit 2
if command -v flock > /dev/null; then
	exec 9> "$T/.ptebatch-check.lock"
	flock 9
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-bench-kcheck.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

# cpu NAME MAKE-ARGS...: CPU seconds of one make, into $work/NAME; the
# findings cache of $work/cache.$CACHE (empty at first: NAME's own);
# PCH=0: no precompiled header (tools/pch.c)
cpu()
{
	name=$1
	shift
	env PTEBATCH_PCH="${PCH:-1}" XDG_CACHE_HOME="$work/cache.${CACHE:-$name}" /usr/bin/time -f '%U %S %e' -o "$work/$name.time" \
		make -C "$T" -s -j"$jobs" "$@" > "$work/$name.log" 2>&1
	awk '{ printf "%.1f %.1f\n", $1 + $2, $3 }' "$work/$name.time" > "$work/$name"
}

load0=$(cut -d' ' -f1-3 /proc/loadavg)
make -C "$T" -s -j"$jobs" mm/ > /dev/null 2>&1
# plain: every mm/ object rebuilt (C=2 checks every file, built or not)
(cd "$T" && find mm -name '*.o' ! -name '*.mod.o' -exec rm -f {} +)
cpu plain mm/
cpu sparse C=2 CHECK=sparse mm/
# before issue 26: every engine on every file, each compile from scratch
PCH=0 cpu full C=2 CHECK="$cli kcheck --no-prefilter" mm/
PCH=
cpu kcheck C=2 CHECK="$cli kcheck" mm/
CACHE=kcheck cpu again C=2 CHECK="$cli kcheck" mm/

read -r p_cpu p_wall < "$work/plain"
read -r s_cpu s_wall < "$work/sparse"
read -r f_cpu f_wall < "$work/full"
read -r k_cpu k_wall < "$work/kcheck"
read -r a_cpu a_wall < "$work/again"
echo "Linux $version$suffix mm/, -j$jobs; load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| make ... mm/ ($version$suffix, -j$jobs) | CPU s | wall s | CPU / plain build |"
echo "| --- | --- | --- | --- |"
echo "| plain build | $p_cpu | $p_wall | 1.00 |"
echo "$s_cpu $s_wall $p_cpu" | awk '{ printf "| C=2 CHECK=sparse | %s | %s | %.2f |\n", $1, $2, $1 / $3 }'
echo "$f_cpu $f_wall $p_cpu" | awk '{ printf "| C=2 CHECK=\"ptebatch kcheck --no-prefilter\", PTEBATCH_PCH=0 (before) | %s | %s | %.2f |\n", $1, $2, $1 / $3 }'
echo "$k_cpu $k_wall $p_cpu" | awk '{ printf "| C=2 CHECK=\"ptebatch kcheck\" | %s | %s | %.2f |\n", $1, $2, $1 / $3 }'
echo "$a_cpu $a_wall $p_cpu" | awk '{ printf "| the same again (findings cache) | %s | %s | %.2f |\n", $1, $2, $1 / $3 }'
echo "$k_cpu $p_cpu" | awk '{ printf "kcheck target <= 0.5x a plain build: %s (%.2fx)\n", ($1 / $2 <= 0.5 ? "met" : "**not met**"), $1 / $2 }'
