#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark (not a test): the plugin's build-mode cost in cc1 on the large
# mm/ files of a harness tree (6.12 or 7.3, as testsuite/kernel/prepare.sh
# makes it): instructions (valgrind --tool=callgrind, exact, one run each)
# and peak RSS (/usr/bin/time, median of N runs), plain against
# -fplugin=... -fplugin-arg-ptebatch_plugin-output=DIR (an empty DIR, so
# every header finding is printed: a build's first translation unit, the
# worst case).  Prints a markdown table; the figures go to
# docs/performance.md by hand.
#
# usage: sh testsuite/bench/cc1-cost.sh [--version V] [--runs N] [FILE...]
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
plugin=${PTEBATCH_PLUGIN:-$repo/plugin/ptebatch_plugin.so}
version=7.3
runs=3
while [ $# -gt 0 ]; do
	case $1 in
	--version) version=$2; shift ;;
	--runs) runs=$2; shift ;;
	-*) echo "usage: $0 [--version V] [--runs N] [FILE...]" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
files=${*:-mm/rmap.c mm/memory.c mm/huge_memory.c}
die() { echo "cc1-cost: error: $*" >&2; exit 2; }
for t in valgrind /usr/bin/time; do
	command -v "$t" > /dev/null || die "$t is not installed"
done
[ -f "$plugin" ] || die "plugin not found: $plugin (run make)"
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")

T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-$version-check} \
	sh "$repo/testsuite/kernel/prepare.sh" --version "$version" | tail -n 1) || exit 2
cd "$T" || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-cc1-cost.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 130' INT TERM
export LC_ALL=C

# cc1's command line, from `gcc -###` on Kbuild's (the .cmd file may hold a
# plugin build's flags: they go)
cc1_cmd() # FILE EXTRA-FLAGS
{
	base=${1%.c}
	cmd=$(sed -n "s|^\(saved\)\{0,1\}cmd_$base\.o := ||p" "$(dirname "$1")/.$(basename "$base").o.cmd" |
		sed -e 's/ -fplugin[^ ]*//g' -e 's/ -Wp,-M[^ ]*//' -e "s| -c -o [^ ]* | $2 -c -o /dev/null |")
	[ -n "$cmd" ] || die "no .cmd for $1: build the tree first"
	sh -c "$cmd -###" 2>&1 | grep '/cc1 ' | sed 's/ -o [^ ]*\.s\( \|$\)/ -o \/dev\/null /'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "Linux $(make -s kernelversion) ($T), $(gcc --version | head -n 1), $(valgrind --version), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| file | plain cc1 instructions | with the plugin | change | plain peak RSS | with the plugin | change |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
tp=0 tq=0
for f in $files; do
	mkdir -p "$work/out"
	cc1_cmd "$f" "" > "$work/plain.sh"
	cc1_cmd "$f" "-fplugin=$plugin -fplugin-arg-ptebatch_plugin-output=$work/out" > "$work/plugin.sh"
	grep -q fplugin= "$work/plugin.sh" || die "no plugin in the cc1 command of $f"
	for m in plain plugin; do
		rm -rf "$work/out" && mkdir -p "$work/out"
		i=0
		while [ "$i" -lt "$runs" ]; do
			/usr/bin/time -f '%M' -o "$work/rss" sh "$work/$m.sh" > /dev/null 2>&1 ||
				die "$f ($m) does not compile"
			cat "$work/rss" >> "$work/rss.$m"
			i=$((i + 1))
		done
		rm -rf "$work/out" && mkdir -p "$work/out"
		eval "valgrind --tool=callgrind --callgrind-out-file=/dev/null $(cat "$work/$m.sh")" 2>&1 |
			sed -n 's/.*Collected : *//p' > "$work/ir.$m"
	done
	p=$(cat "$work/ir.plain") q=$(cat "$work/ir.plugin")
	rp=$(median < "$work/rss.plain") rq=$(median < "$work/rss.plugin")
	rm -f "$work"/rss.*
	tp=$((tp + p)) tq=$((tq + q))
	echo "$f $p $q $rp $rq" | awk '{ printf "| %s | %d | %d | %+.3f%% | %d KiB | %d KiB | %+.2f%% |\n",
		$1, $2, $3, ($3 - $2) * 100 / $2, $4, $5, ($5 - $4) * 100 / $4 }'
done
echo "$tp $tq" | awk '{ printf "| the files | %d | %d | %+.3f%% (target <= +1%%) | | | (target <= +2%% each) |\n",
	$1, $2, ($2 - $1) * 100 / $1 }'
