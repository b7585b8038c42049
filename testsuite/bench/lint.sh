#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark (not a test): `ptebatch lint --tree` of a one-file patch against
# compiling that file with its Kbuild command, on a harness tree (6.12 or
# 7.3), alternating; wall and CPU (user + sys, children included,
# /usr/bin/time).  A first lint has nothing cached (best of N, the cache
# emptied before each); the next builds the directory's precompiled header
# (lint does at the second use, tools/pch.c); the N after it keep that
# header and start from an empty findings cache: best of N.  Two patches: an added VM_BUG_ON() in
# mm/rmap.c (a finding on an added line: the code after the patch only) and
# the per-iteration `nr = 1;` deleted in mm/madvise.c (a finding on
# unchanged lines: both sides).  Prints a markdown table.
#
# usage: sh testsuite/bench/lint.sh [--version V] [--runs N]
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cli=${PTEBATCH_CLI:-$repo/tools/ptebatch}
version=7.3
runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--version) version=$2; shift ;;
	--runs) runs=$2; shift ;;
	*) echo "usage: $0 [--version V] [--runs N]" >&2; exit 2 ;;
	esac
	shift
done
die() { echo "lint bench: error: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed"
T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-$version-check} \
	sh "$repo/testsuite/kernel/prepare.sh" --version "$version" | tail -n 1) || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-bench-lint.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 130' INT TERM
export LC_ALL=C

# mk NAME FILE SED: a patch to FILE
mk()
{
	mkdir -p "$work/a/mm" "$work/b/mm"
	cp "$T/$2" "$work/a/$2"
	sed "$3" "$T/$2" > "$work/b/$2"
	(cd "$work" && diff -u "a/$2" "b/$2") > "$work/$1.patch"
	[ -s "$work/$1.patch" ] || die "$1: the sed script changed nothing in $2"
}
# (try_to_unmap_one() has the line in 6.12 and 7.3 alike)
mk vm-bug mm/rmap.c '/^static bool try_to_unmap_one(/,/^}/ { s/^\t\taddress = pvmw.address;$/&\n\t\tVM_BUG_ON(!vma);/ }'
mk nr-stale mm/madvise.c '/^static int madvise_free_pte_range(/,/^}/ { /^\t\tnr = 1;$/d }'

# timed OUT CMD...: "wall cpu" of one run into OUT
timed()
{
	out=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/t" "$@" > /dev/null 2>&1
	tail -n 1 "$work/t" | awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' > "$out"
}
best() { sort -n | head -n 1; }

echo "Linux $(make -s -C "$T" kernelversion), $runs runs each, alternating, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| one-file patch | compile the file, wall / CPU s | lint, first (nothing cached), wall / CPU s | lint, second (builds the directory's header) | lint, the header built, wall / CPU s | ratio CPU: first / second / header built | target (CPU) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for p in vm-bug:mm/rmap.c nr-stale:mm/madvise.c; do
	name=${p%%:*} f=${p#*:} o=${f%.c}.o
	cmd=$(sed -n "s|^\(saved\)\{0,1\}cmd_$o := ||p" "$T/$(dirname "$f")/.$(basename "$o").cmd" |
		sed -e 's/ -fplugin[^ ]*//g' -e "s| -o $o | -o $work/bench.o |")
	[ -n "$cmd" ] || die "no .cmd for $f: build the tree first"
	: > "$work/c.wall"; : > "$work/c.cpu"; : > "$work/l.wall"; : > "$work/l.cpu"
	: > "$work/f.wall"; : > "$work/f.cpu"
	# runs 0..N-1: nothing cached (the cache emptied, the precompiled
	# header with it); run N: lint builds the directory's precompiled
	# header at its second use (tools/pch.c); runs N+1..2N: that header
	# kept, the findings cache emptied each time
	i=0
	while [ "$i" -le $((2 * runs)) ]; do
		(cd "$T" && timed "$work/c" sh -c "$cmd")
		if [ "$i" -lt "$runs" ]; then
			rm -rf "$work/xdg"
		else
			rm -rf "$work/xdg/ptebatch/findings-1"
		fi
		timed "$work/l" env XDG_CACHE_HOME="$work/xdg" "$cli" lint --tree "$T" "$work/$name.patch"
		cut -d' ' -f1 "$work/c" >> "$work/c.wall"; cut -d' ' -f2 "$work/c" >> "$work/c.cpu"
		if [ "$i" -lt "$runs" ]; then
			cut -d' ' -f1 "$work/l" >> "$work/f.wall"; cut -d' ' -f2 "$work/l" >> "$work/f.cpu"
		elif [ "$i" -eq "$runs" ]; then
			cp "$work/l" "$work/second"
		else
			cut -d' ' -f1 "$work/l" >> "$work/l.wall"; cut -d' ' -f2 "$work/l" >> "$work/l.cpu"
		fi
		i=$((i + 1))
	done
	cw=$(best < "$work/c.wall") cc=$(best < "$work/c.cpu")
	lw=$(best < "$work/l.wall") lc=$(best < "$work/l.cpu")
	fw=$(best < "$work/f.wall") fc=$(best < "$work/f.cpu")
	read -r sw sc < "$work/second"
	echo "$name $f $cw $cc $fw $fc $sw $sc $lw $lc" | awk '{ printf "| `%s`, %s | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2f / %.2f | %.2fx / %.2fx / %.2fx | <= 1.2x: first %s, header built %s |\n",
		$2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $6 / $4, $8 / $4, $10 / $4,
		$6 / $4 <= 1.2 ? "met" : "**not met**", $10 / $4 <= 1.2 ? "met" : "**not met**" }'
done
echo
echo "(compile: best of $((2 * runs + 1)); lint first and with the header built: best of $runs each; load at end $(cut -d' ' -f1-3 /proc/loadavg))"
