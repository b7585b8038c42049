#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Benchmark ptebatch on Linux 6.12 mm/ and write docs/performance.md.
#
# usage: sh testsuite/bench/run.sh [--runs N] [--itool callgrind|cachegrind]
#                                  [--out FILE] [--no-write]
#
# Every timing is the median of N (default 3) runs, with min and max; the
# plain and ptebatch runs of one figure alternate, so a slow phase of the
# machine hits both. Instruction counts come from valgrind, which is exact
# and repeatable: one run each.
#
# Environment: PTEBATCH_PLUGIN, PTEBATCH_BENCH_DIR (private tree, default
# /var/cache/ptebatch/linux-6.12-bench), PTEBATCH_JOBS (default nproc),
# PTEBATCH_BENCH_CACHE (plain instruction counts, default
# /var/cache/ptebatch/bench-ir).

set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
plugin=${PTEBATCH_PLUGIN:-$repo/plugin/ptebatch_plugin.so}
jobs=${PTEBATCH_JOBS:-$(nproc 2>/dev/null || echo 2)}
runs=3
itool=callgrind
out=$repo/docs/performance.md
write=1
# The large files issue 5 names for instruction and memory counts.
big_files="mm/memory.c mm/rmap.c mm/huge_memory.c"

while [ $# -gt 0 ]; do
	case $1 in
	--runs) runs=$2; shift ;;
	--itool) itool=$2; shift ;;
	--out) out=$2; shift ;;
	--no-write) write= ;;
	*) echo "usage: $0 [--runs N] [--itool callgrind|cachegrind]" \
		"[--out FILE] [--no-write]" >&2; exit 2 ;;
	esac
	shift
done
case $itool in
callgrind|cachegrind) ;;
*) echo "bench: --itool must be callgrind or cachegrind" >&2; exit 2 ;;
esac

say() { echo "bench: $*" >&2; }
die() { echo "bench: error: $*" >&2; exit 2; }
now() { date +%s; }

[ -f "$plugin" ] || die "plugin not found: $plugin (run make)"
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")
for t in valgrind sparse spatch /usr/bin/time; do
	command -v "$t" > /dev/null || die "$t is not installed"
done

t_start=$(now)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
export LC_ALL=C
work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 130' INT TERM

T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_BENCH_DIR:-/var/cache/ptebatch/linux-6.12-bench} \
	sh "$repo/testsuite/kernel/prepare.sh" | tail -n 1)
cd "$T"
kver=$(make -s kernelversion)
# the builds below delete objects: one bench per tree at a time
if command -v flock > /dev/null; then
	exec 9> "$T/.ptebatch-bench.lock"
	flock 9
fi
say "tree $T ($kver), plugin $plugin, $runs runs, $jobs jobs"

plugin_flags="-fplugin=$plugin -fplugin-arg-ptebatch_plugin-output=$work/findings"
analyze_flags="-fplugin=$plugin -fplugin-arg-ptebatch_plugin-analyze-only"

rm_objs() { find mm -name '*.o' -exec rm -f {} +; }

# timed LABEL CMD...: run, append "wall cpu" (cpu = user + sys of all
# children) to $work/t.LABEL
timed()
{
	label=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$work/time.out" "$@" \
		> "$work/$label.log" 2>&1 ||
		die "$label failed, see log: $(tail -n 3 "$work/$label.log")"
	awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time.out" >> "$work/t.$label"
}

# plain build first: all .cmd files hold the plain command lines after it
say "plain build of mm/ (warm-up)"
make -j"$jobs" KCFLAGS= prepare > /dev/null 2>&1
make -j"$jobs" -k mm/ > "$work/warmup.log" 2>&1 || die "plain build of mm/ failed"
find mm -name '*.o' | sort > "$work/objs"

# Per-file compile commands from Kbuild's .cmd files.
mkdir -p "$work/fsyntax" "$work/analyze" "$work/findings"
grep '^mm/[^/]*\.o$' "$work/objs" | while read -r o; do
	base=$(basename "$o" .o)
	[ -f "mm/$base.c" ] || continue
	sed -n 's/^\(saved\)\{0,1\}cmd_mm\/'"$base"'\.o := //p' "mm/.$base.o.cmd" |
		sed 's/ -Wp,-M[^ ]*//' > "$work/cmd.$base"
	c=$(cat "$work/cmd.$base")
	printf '%s\n' "$c" | sed 's/ -c -o [^ ]* / -fsyntax-only /' \
		> "$work/fsyntax/$base.sh"
	printf '%s\n' "$c" | sed "s| -c -o [^ ]* | $analyze_flags -S -o /dev/null |" \
		> "$work/analyze/$base.sh"
done
nfiles=$(ls "$work/fsyntax" | wc -l)

# pass.sh DIR: compile every file of DIR, $jobs at a time (a script, so that
# /usr/bin/time can run it)
echo 'ls "$1"/*.sh | xargs -P '"$jobs"' -n 1 sh' > "$work/pass.sh"

# --- build mode over mm/ -------------------------------------------------------
i=1
while [ "$i" -le "$runs" ]; do
	say "build run $i/$runs"
	make -j"$jobs" KCFLAGS= prepare > /dev/null 2>&1
	rm_objs
	timed build.plain make -j"$jobs" mm/
	make -j"$jobs" KCFLAGS="$plugin_flags" prepare > /dev/null 2>&1
	rm_objs
	timed build.plugin make -j"$jobs" KCFLAGS="$plugin_flags" mm/
	i=$((i + 1))
done
# leave plain objects and .cmd files behind: C=2 below then runs sparse only
make -j"$jobs" KCFLAGS= prepare > /dev/null 2>&1
make -j"$jobs" mm/ > /dev/null 2>&1

# --- analyze-only vs -fsyntax-only vs sparse C=2 over mm/ ------------------------
i=1
while [ "$i" -le "$runs" ]; do
	say "front-end run $i/$runs"
	timed fsyntax sh "$work/pass.sh" "$work/fsyntax"
	timed analyze sh "$work/pass.sh" "$work/analyze"
	timed sparse make -j"$jobs" C=2 mm/
	i=$((i + 1))
done

# --- cocci: all rules over mm/ ---------------------------------------------------
# Options as in testsuite/kernel/check.sh (coccicheck's, plus the rule's own
# "// Options:" line); a script, so that /usr/bin/time can run it.
cat > "$work/cocci.sh" <<EOF
set -e
for rule in "$repo"/cocci/*.cocci; do
	spatch --very-quiet -D report --cocci-file "\$rule" --dir mm \
		--jobs "$jobs" --chunksize 1 --timeout 200 \
		-I ./arch/x86/include -I ./arch/x86/include/generated \
		-I ./include -I ./arch/x86/include/uapi \
		-I ./arch/x86/include/generated/uapi -I ./include/uapi \
		-I ./include/generated/uapi \
		--include ./include/linux/compiler-version.h \
		--include ./include/linux/kconfig.h \
		\$(sed -n 's|^// Options:||p' "\$rule" | head -n 1)
done
EOF
nrules=$(ls "$repo"/cocci/*.cocci 2>/dev/null | wc -l)
if [ "$nrules" -gt 0 ]; then
	i=1
	while [ "$i" -le "$runs" ]; do
		say "cocci run $i/$runs ($nrules rules)"
		timed cocci sh "$work/cocci.sh"
		i=$((i + 1))
	done
fi

# --- cc1 on the large files: instructions and peak RSS ----------------------------
# The cc1 command line is what `gcc -###` makes of Kbuild's real command.
cc1_cmd()
{
	printf '%s\n' "$1" | sed 's/ -c -o [^ ]* / -c -o \/dev\/null /' > "$work/drv.sh"
	sh -c "$(cat "$work/drv.sh") -###" 2>&1 | grep '/cc1 ' |
		sed 's/ -o [^ ]*\.s\( \|$\)/ -o \/dev\/null /'
}
mkdir -p "$work/cc1"
for f in $big_files; do
	base=$(basename "$f" .c)
	[ -f "$work/cmd.$base" ] || die "$f was not built"
	c=$(cat "$work/cmd.$base")
	cc1_cmd "$c" > "$work/cc1/$base.plain"
	cc1_cmd "$(printf '%s\n' "$c" | sed "s| -c -o | $plugin_flags -c -o |")" \
		> "$work/cc1/$base.plugin"
	grep -q 'fplugin=' "$work/cc1/$base.plugin" || die "no plugin in cc1 command"
done

i=1
while [ "$i" -le "$runs" ]; do
	say "peak RSS run $i/$runs"
	for f in $big_files; do
		base=$(basename "$f" .c)
		for m in plain plugin; do
			/usr/bin/time -f '%M' -o "$work/rss.out" \
				sh "$work/cc1/$base.$m" > /dev/null 2>&1
			cat "$work/rss.out" >> "$work/rss.$base.$m"
		done
	done
	i=$((i + 1))
done

# A plain count depends only on the valgrind tool, the cc1 binary, its command
# line and the preprocessed input: cache it under that key, so later runs only
# count the plugin side (one callgrind run of memory.c takes minutes).
ir_cache=${PTEBATCH_BENCH_CACHE:-/var/cache/ptebatch/bench-ir}
mkdir -p "$ir_cache"
cc1_bin=$(gcc -print-prog-name=cc1)
ir_key()
{
	{
		echo "$itool $(valgrind --version)"
		sha256sum < "$cc1_bin"
		cat "$work/cc1/$1.plain"
		sh -c "$(sed 's/ -c -o [^ ]* / -E -o - /' "$work/cmd.$1")" | sha256sum
	} | sha256sum | cut -c1-32
}
ir_cached=
say "instruction counts ($itool; takes several minutes)"
for f in $big_files; do
	base=$(basename "$f" .c)
	for m in plain plugin; do
		if [ "$m" = plain ]; then
			key=$(ir_key "$base")
			if [ -s "$ir_cache/$key" ]; then
				cp "$ir_cache/$key" "$work/ir.$base.plain"
				ir_cached="$ir_cached $f"
				continue
			fi
			save="&& cp $work/ir.$base.plain $ir_cache/$key"
		else
			save=
		fi
		if [ "$itool" = callgrind ]; then
			echo "valgrind --tool=callgrind --callgrind-out-file=/dev/null $(cat "$work/cc1/$base.$m") 2>&1 | sed -n 's/.*Collected : *//p' > $work/ir.$base.$m"
		else
			echo "valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null $(cat "$work/cc1/$base.$m") 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d , > $work/ir.$base.$m"
		fi > "$work/cc1/ir.$base.$m.sh"
		[ -z "$save" ] || echo "test -s $work/ir.$base.plain $save" >> "$work/cc1/ir.$base.$m.sh"
	done
done
ls "$work"/cc1/ir.*.sh 2>/dev/null | xargs -r -P "$jobs" -n 1 sh
for f in $big_files; do
	base=$(basename "$f" .c)
	for m in plain plugin; do
		[ -s "$work/ir.$base.$m" ] || die "no instruction count for $f ($m)"
	done
done

# --- the table ----------------------------------------------------------------------
# stats FILE COL: "median min max" of a column
stats()
{
	cut -d' ' -f"$2" "$1" | sort -n | awk '{ v[NR] = $1 }
		END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%s %s %s\n", m, v[1], v[NR] }'
}
# ratios A B COL: per-run ratio B/A of a column -> "median min max"
ratios()
{
	paste -d' ' "$1" "$2" | awk -v c="$3" -v n="$(head -n 1 "$1" | wc -w)" \
		'{ printf "%.4f\n", $(n + c) / $c }' > "$work/ratio"
	stats "$work/ratio" 1
}
fmt_ratio() { echo "$1" | awk '{ printf "%.3fx (%.3f-%.3f)", $1, $2, $3 }'; }
fmt_s() { echo "$1" | awk '{ printf "%.1f s (%.1f-%.1f)", $1, $2, $3 }'; }
fmt_kib() { echo "$1" | awk '{ printf "%d KiB (%d-%d)", $1, $2, $3 }'; }
# met "median min max" LIMIT: is the median ratio within the target?
met() { echo "$1 $2" | awk '{ print ($1 <= $NF) ? "yes" : "**no**" }'; }

rows=$work/rows
: > "$rows"
row() { printf '| %s | %s | %s | %s | %s | %s |\n' "$@" >> "$rows"; }

r=$(ratios "$work/t.build.plain" "$work/t.build.plugin" 1)
row "build mode vs plain build, wall, mm/ ($nfiles files, -j$jobs)" \
	"$(fmt_s "$(stats "$work/t.build.plain" 1)")" \
	"$(fmt_s "$(stats "$work/t.build.plugin" 1)")" "$(fmt_ratio "$r")" "-" "-"
r=$(ratios "$work/t.build.plain" "$work/t.build.plugin" 2)
row "build mode vs plain build, CPU (user+sys), mm/" \
	"$(fmt_s "$(stats "$work/t.build.plain" 2)")" \
	"$(fmt_s "$(stats "$work/t.build.plugin" 2)")" "$(fmt_ratio "$r")" \
	"-" "-"
ir_plain=0
ir_plugin=0
for f in $big_files; do
	base=$(basename "$f" .c)
	a=$(cat "$work/ir.$base.plain")
	b=$(cat "$work/ir.$base.plugin")
	ir_plain=$(echo "$ir_plain $a" | awk '{ printf "%.0f", $1 + $2 }')
	ir_plugin=$(echo "$ir_plugin $b" | awk '{ printf "%.0f", $1 + $2 }')
	r=$(echo "$a $b" | awk '{ printf "%.5f", $2 / $1 }')
	row "build mode, instructions of cc1, $f" "$a" "$b" \
		"$(echo "$r" | awk '{ printf "%.4fx (%+.2f%%)", $1, ($1 - 1) * 100 }')" \
		"<= +1%" "$(met "$r" 1.01)"
done
r=$(echo "$ir_plain $ir_plugin" | awk '{ printf "%.5f", $2 / $1 }')
row "build mode, instructions of cc1, the 3 files" "$ir_plain" "$ir_plugin" \
	"$(echo "$r" | awk '{ printf "%.4fx (%+.2f%%)", $1, ($1 - 1) * 100 }')" \
	"<= +1%" "$(met "$r" 1.01)"
for f in $big_files; do
	base=$(basename "$f" .c)
	r=$(ratios "$work/rss.$base.plain" "$work/rss.$base.plugin" 1)
	row "build mode, peak RSS of cc1, $f" \
		"$(fmt_kib "$(stats "$work/rss.$base.plain" 1)")" \
		"$(fmt_kib "$(stats "$work/rss.$base.plugin" 1)")" \
		"$(fmt_ratio "$r")" "<= +2%" "$(met "$r" 1.02)"
done
r=$(ratios "$work/t.fsyntax" "$work/t.analyze" 1)
row "analyze-only vs gcc -fsyntax-only, wall, mm/ ($nfiles files, -j$jobs)" \
	"$(fmt_s "$(stats "$work/t.fsyntax" 1)")" \
	"$(fmt_s "$(stats "$work/t.analyze" 1)")" \
	"$(fmt_ratio "$r")" "<= 1.2x" "$(met "$r" 1.2)"
r=$(ratios "$work/t.fsyntax" "$work/t.analyze" 2)
row "analyze-only vs gcc -fsyntax-only, CPU, mm/" \
	"$(fmt_s "$(stats "$work/t.fsyntax" 2)")" \
	"$(fmt_s "$(stats "$work/t.analyze" 2)")" \
	"$(fmt_ratio "$r")" "<= 1.2x" "$(met "$r" 1.2)"
r=$(ratios "$work/t.sparse" "$work/t.analyze" 1)
row "analyze-only vs sparse \`make C=2 mm/\` (objects up to date), wall" \
	"$(fmt_s "$(stats "$work/t.sparse" 1)")" \
	"$(fmt_s "$(stats "$work/t.analyze" 1)")" "$(fmt_ratio "$r")" "-" "-"
r=$(ratios "$work/t.sparse" "$work/t.analyze" 2)
row "analyze-only vs sparse \`make C=2 mm/\`, CPU" \
	"$(fmt_s "$(stats "$work/t.sparse" 2)")" \
	"$(fmt_s "$(stats "$work/t.analyze" 2)")" "$(fmt_ratio "$r")" "-" "-"
if [ "$nrules" -gt 0 ]; then
	r=$(ratios "$work/t.build.plain" "$work/t.cocci" 1)
	row "all $nrules cocci rules over mm/ vs plain build of mm/, wall" \
		"$(fmt_s "$(stats "$work/t.build.plain" 1)")" \
		"$(fmt_s "$(stats "$work/t.cocci" 1)")" "$(fmt_ratio "$r")" "-" "-"
	r=$(ratios "$work/t.build.plain" "$work/t.cocci" 2)
	row "all $nrules cocci rules over mm/ vs plain build of mm/, CPU" \
		"$(fmt_s "$(stats "$work/t.build.plain" 2)")" \
		"$(fmt_s "$(stats "$work/t.cocci" 2)")" "$(fmt_ratio "$r")" "-" "-"
fi

model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
rev=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
reference=$repo/testsuite/reference/build/bench.md
{
	echo "<!-- SPDX-License-Identifier: GPL-2.0-only -->"
	echo "# ptebatch performance"
	echo
	echo "Written by \`make bench\` (\`sh testsuite/bench/run.sh\`, see"
	echo "[kernel.md](kernel.md) for the trees) on Linux $kver: Debian's"
	echo "linux-source-6.12, x86_64 defconfig + DEBUG_VM, TRANSPARENT_HUGEPAGE,"
	echo "USERFAULTFD, MIGRATION, KSM."
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) CPUs, $model, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM;" \
		"load average at start $load_start, at end $load_end"
	echo "- tools: $(gcc --version | head -n 1); sparse $(sparse --version 2>&1 | head -n 1); $(spatch --version | head -n 1 | cut -d' ' -f1-3); $(valgrind --version)"
	echo "- ptebatch commit $rev; $runs runs per timing; the whole bench took $(( ($(now) - t_start + 30) / 60 )) min"
	echo
	echo "| figure | baseline | ptebatch | ratio | target | met |"
	echo "| --- | --- | --- | --- | --- | --- |"
	cat "$rows"
	echo
	echo "- Ratios are ptebatch / baseline, the median of the per-run ratios (the"
	echo "  plain and ptebatch runs of a figure alternate), with min-max. Times are"
	echo "  the median (min-max) of $runs runs; CPU = user + sys of all processes."
	echo "- Build mode: \`KCFLAGS=\"-fplugin=ptebatch_plugin.so"
	echo "  -fplugin-arg-ptebatch_plugin-output=DIR\"\` as in the KCFLAGS workflow."
	echo "  Analyze-only: each file's Kbuild command with"
	echo "  \`-fplugin-arg-ptebatch_plugin-analyze-only -S -o /dev/null\`; fsyntax-only:"
	echo "  the same command with \`-fsyntax-only\`."
	echo "- Instructions: valgrind --tool=$itool on cc1 (its command line from"
	echo "  \`gcc -###\` on Kbuild's), one run each, as the count is exact and"
	echo "  repeatable.${ir_cached:+ Plain counts reused from the cache (same cc1, command and preprocessed input):$ir_cached.}"
	echo "  Peak RSS: \`/usr/bin/time\` maximum resident size of that cc1."
	echo "- The machine is shared with other jobs: wall times are noisy when the"
	echo "  load average is above the CPU count; CPU times less so, instruction"
	echo "  counts not at all."
	if [ -f "$reference" ]; then
		echo
		echo "## Reference implementation: batched versus per-PTE unmap"
		echo
		echo "From \`make -C testsuite/reference bench\` ($(basename "$reference"), written $(date -u -r "$reference" '+%Y-%m-%d %H:%M UTC'))."
		echo
		cat "$reference"
	fi
} > "$work/performance.md"

cat "$work/performance.md"
if [ -n "$write" ]; then
	cp "$work/performance.md" "$out"
	say "wrote $out"
fi
say "total $(($(now) - t_start)) s"
