#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Real-kernel harness: build mm/ of a Debian Linux tree (6.12, or 7.3 from
# Debian 13's backports) with and without the ptebatch plugin and check
# (--arch arm64: mm/ and arch/arm64/mm/ of an arm64 defconfig, cross-built
# with aarch64-linux-gnu-gcc and its plugin)
#   (a) identical objects
#   (b) same compile outcome for every file (no internal compiler error)
#   (c) plugin findings == testsuite/kernel/expected-plugin[-V].txt
#   (d) cocci findings  == testsuite/kernel/expected-cocci[-V].txt
#       (no suffix for 6.12, -7.3 for 7.3; then -wide for --config wide,
#       then -arm64 for --arch arm64)
#   (e) vm-bug findings in mm/*.c == an independent count of VM_BUG_ON* uses
#       (and arch/arm64/mm/*.c)
#   (f) mutants-V.txt (7.3 x86_64 default; elsewhere a SKIP line): every
#       mutant patch is reported by `ptebatch lint` with its check, every
#       correct patch (trap) is clean
# A plain build that fails, or an UNTRIAGED entry in a list, is a failure.
#
# usage: sh testsuite/kernel/check.sh [--version V] [--arch A] [--config C] [--update] [--tree DIR] [--lists DIR]
#                                     [--keep] [--from DIR] [--jobs N] [--no-cocci]
#                                     [--also DIRS]
#
#   --version V the Debian tree: 6.12 (default) or 7.3
#   --arch A    x86_64 (default) or arm64 (CROSS_COMPILE, default
#               aarch64-linux-gnu-; its own tree, linux-V-arm64-check)
#   --config C  default, or wide (7.3: every mm/ option that builds, see
#               prepare.sh; its own tree, linux-7.3-wide[-arm64]-check)
#   --update    rewrite the expected lists from this run: verdicts of known
#               findings are kept, new ones are marked UNTRIAGED (vm-bug
#               findings that count_vm_bug confirms are triaged as real),
#               which fails the run until they are triaged
#   --tree DIR  use your own configured tree (built in place); (c) and (d)
#               then only print the findings unless --lists DIR is given
#   --lists DIR directory holding expected-{plugin,cocci}.txt
#   --keep      keep the work directory (findings, logs, objects)
#   --from DIR  no builds: redo (c)-(e) from the findings of a --keep run in
#               DIR (with --update: regenerate the lists in seconds)
#   --no-cocci  skip (d)
#   --also DIRS repeat (a) and (b) for these directories too, e.g. "fs kernel"
#
# Environment: PTEBATCH_PLUGIN (default <repo>/plugin/ptebatch_plugin.so,
# plugin/TARGET/ptebatch_plugin.so for a cross build),
# PTEBATCH_CHECK_DIR (the harness's private tree, default
# /var/cache/ptebatch/linux-V[-wide][-arm64]-check), PTEBATCH_JOBS (default nproc),
# PTEBATCH_COCCI_TIMEOUT (seconds per rule, default 900).
#
# Ends with `N passed, N failed[, N skipped]`; exit 1 when something failed.

set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
jobs=${PTEBATCH_JOBS:-$(nproc 2>/dev/null || echo 2)}
cocci_timeout=${PTEBATCH_COCCI_TIMEOUT:-900}

update=
tree=
lists=$here
lists_dir=
keep=
from=
no_cocci=
also=
version=6.12
arch=x86_64
config=default
while [ $# -gt 0 ]; do
	case $1 in
	--version) version=$2; shift ;;
	--arch) arch=$2; shift ;;
	--config) config=$2; shift ;;
	--update) update=1 ;;
	--tree) tree=$2; shift ;;
	--lists) lists_dir=$(cd "$2" && pwd) || exit 2; shift ;;
	--keep) keep=1 ;;
	--from) from=$2; keep=1; shift ;;
	--jobs) jobs=$2; shift ;;
	--no-cocci) no_cocci=1 ;;
	--also) also=$2; shift ;;
	*) echo "usage: $0 [--version V] [--arch A] [--config C] [--update] [--tree DIR] [--lists DIR] [--keep]" \
		"[--from DIR] [--jobs N] [--no-cocci] [--also DIRS]" >&2; exit 2 ;;
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
# What Kbuild is told on every make (it does not remember ARCH), the
# directories built and checked, and the include directories of the arch
# (srcarch, as Kbuild's SRCARCH) for the cocci runs.
case $arch in
x86_64) cross= srcarch=x86 dirs=mm
	# a cross compiler named in the environment is not for this tree (and
	# would reconfigure it for that compiler): not for the CLI either
	unset CROSS_COMPILE
	plugin=${PTEBATCH_PLUGIN:-$repo/plugin/ptebatch_plugin.so} ;;
arm64)	cross=${CROSS_COMPILE:-aarch64-linux-gnu-} srcarch=arm64 dirs="mm arch/arm64/mm"
	suffix=$suffix-arm64
	plugin=${PTEBATCH_PLUGIN:-$repo/plugin/$(basename "${cross%-}")/ptebatch_plugin.so} ;;
*) echo "$0: unknown --arch '$arch' (x86_64 or arm64)" >&2; exit 2 ;;
esac
# (x86_64 is the host: no ARCH, as a native build runs; CROSS_COMPILE= also
# overrides one that an outer make passes down in MAKEFLAGS)
kmake() { make ${cross:+ARCH="$arch"} CROSS_COMPILE="$cross" "$@"; }
# "mm/" or "mm/ arch/arm64/mm/", for messages and make goals
goals=$(for d in $dirs; do printf '%s/ ' "$d"; done)
goals=${goals% }
# the compiled C files of $dirs (not their subdirectories): (e) counts there
dirs_re="^($(echo $dirs | sed 's/ /|/g'))/[^/]*"
# A --tree has no triaged lists unless --lists names them.
if [ -n "$lists_dir" ]; then
	lists=$lists_dir
elif [ -n "$tree" ]; then
	lists=
fi

passed=0
failed=0
skipped=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() { echo "SKIP: $*"; skipped=$((skipped + 1)); }
note() { echo "  $*"; }
now() { date +%s; }
finish()
{
	if [ "$skipped" -gt 0 ]; then
		echo "$passed passed, $failed failed, $skipped skipped"
	else
		echo "$passed passed, $failed failed"
	fi
	[ "$failed" -eq 0 ]
	exit $?
}

t_start=$(now)
export LC_ALL=C

if [ -n "$from" ]; then
	work=$(cd "$from" && pwd) || exit 2
	[ -f "$work/findings.raw" ] || { echo "$from: not a kept work directory" >&2; exit 2; }
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-kcheck.XXXXXX")
fi
if [ -z "$keep" ]; then
	trap 'rm -rf "$work"' EXIT
	trap 'rm -rf "$work"; exit 130' INT TERM
fi

# --- the tree ---------------------------------------------------------------
# The Debian tree used here is private to the harness (not the shared tree of
# prepare.sh), so a concurrent `make C=2 mm/` elsewhere cannot clobber it.
if [ -n "$tree" ]; then
	T=$(sh "$here/prepare.sh" --arch "$arch" --tree "$tree" | tail -n 1) || {
		fail "prepare.sh --tree $tree"
		finish
	}
else
	T=$(PTEBATCH_KERNEL_DIR=${PTEBATCH_CHECK_DIR:-/var/cache/ptebatch/linux-$version$config_suffix${cross:+-$arch}-check} \
		sh "$here/prepare.sh" --version "$version" --arch "$arch" --config "$config")
	case $? in
	0) T=$(echo "$T" | tail -n 1) ;;
	3) skip "the whole harness: no linux-source-$version in this Debian ($(cat /etc/debian_version 2>/dev/null)); run make check-kernel on Debian 12 or 13, or sh testsuite/kernel/check.sh --tree DIR"
	   finish ;;
	*) fail "prepare.sh"
	   finish ;;
	esac
fi
[ -f "$T/Makefile" ] || { fail "no kernel tree at '$T'"; finish; }
# One harness run per tree at a time: a second one would delete the objects
# the first is comparing.
if command -v flock > /dev/null; then
	exec 9> "$T/.ptebatch-check.lock"
	flock -n 9 || {
		echo "waiting for another check.sh on $T"
		flock 9
	}
fi
echo "tree: $T ($(make -s -C "$T" kernelversion 2>/dev/null))"
# With debug info (arm64's defconfig has it) gcc records its options,
# -fplugin=... included, in DW_AT_producer: both builds ask it not to, so
# that objects stay comparable byte for byte, debug info included.
base_kcflags=
grep -q '^CONFIG_DEBUG_INFO=y' "$T/.config" && base_kcflags=-gno-record-gcc-switches

if [ ! -f "$plugin" ]; then
	fail "plugin not found: $plugin (build it with make${cross:+ CROSS_COMPILE=$cross})"
	finish
fi
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")
echo "plugin: $plugin"

cc -O2 -Wall -o "$work/count_vm_bug" "$here/count_vm_bug.c" || {
	fail "cannot build count_vm_bug"
	finish
}
# The independent counter must itself be right: a synthetic file with
# comments, strings, #defines, dead #if groups and split calls.
if cc -E -fdirectives-only -o "$work/sample.i" "$here/count-sample.c" &&
   (cd "$here" && "$work/count_vm_bug" count-sample.c "$work/sample.i") \
	> "$work/sample.out" &&
   grep -v '^#' "$here/count-sample.expected" | cmp -s - "$work/sample.out"; then
	pass "count_vm_bug self-test: $(wc -l < "$work/sample.out") uses in count-sample.c"
else
	fail "count_vm_bug self-test (- expected, + counted):"
	grep -v '^#' "$here/count-sample.expected" | diff - "$work/sample.out" | sed 's/^/  /'
fi

# Objects of $dirs, relative to the tree, sorted.
list_objs()
{
	# shellcheck disable=SC2086
	(cd "$T" && find $dirs -name '*.o' ! -name '*.mod.o' | sort -u)
}

# Builds $goals plain and with the plugin, counts VM_BUG_ON* uses, checks (a) and
# (b). Skipped by --from, which reuses the findings of a kept run.
build_and_compare()
{
	# --- plain build ------------------------------------------------------------
	t0=$(now)
	# shellcheck disable=SC2086
	kmake -C "$T" -j"$jobs" -k KCFLAGS="$base_kcflags" $goals > "$work/plain.log" 2>&1
	plain_rc=$?
	echo "plain build of $goals: $(($(now) - t0)) s (exit $plain_rc)"
	list_objs > "$work/plain.objs"
	mkdir -p "$work/plain"
	(cd "$T" && while read -r o; do
		mkdir -p "$work/plain/$(dirname "$o")" && cp "$o" "$work/plain/$o"
	done) < "$work/plain.objs"

	# Which lines of each compiled mm/*.c (arch/arm64/mm/*.c) survive
	# preprocessing, learnt with the
	# file's real command line from Kbuild's .cmd file (plain build, so no plugin
	# flags): -E -fdirectives-only evaluates #if but copies source lines verbatim.
	t0=$(now)
	mkdir -p "$work/count"
	grep -E "$dirs_re[.]o\$" "$work/plain.objs" | sed 's/\.o$//' > "$work/count.list"
	count_one()
	{
		src=$1
		cmdf=$T/$(dirname "$src")/.$(basename "$src").o.cmd
		[ -f "$T/$src.c" ] || return 0
		cmd=$(sed -n 's|^\(saved\)\{0,1\}cmd_'"$src"'\.o := ||p' "$cmdf")
		[ -n "$cmd" ] || { echo "no command in $cmdf" >&2; return 1; }
		cmd=$(printf '%s\n' "$cmd" | sed -e 's/ -Wp,-M[^ ]*//' \
			-e 's/ -c -o [^ ]* / -E -fdirectives-only -o - /')
		(cd "$T" && eval "$cmd" | "$work/count_vm_bug" "$src.c" -) \
			> "$work/count/$(echo "$src" | tr / _).txt"
	}
	count_failed=
	while read -r src; do
		count_one "$src" || count_failed="$count_failed $src"
	done < "$work/count.list"
	echo "independent VM_BUG_ON* count: $(($(now) - t0)) s"

	# --- plugin build -----------------------------------------------------------
	mkdir -p "$work/findings"
	# vm-bug is opt-in in builds: the lists hold it, so ask for it
	kcflags="${base_kcflags:+$base_kcflags }-fplugin=$plugin -fplugin-arg-ptebatch_plugin-W=vm-bug -fplugin-arg-ptebatch_plugin-output=$work/findings"
	# The prepare step recompiles a few files (asm-offsets...) when KCFLAGS
	# changes; do it first so that only $goals translation units report.
	kmake -C "$T" -j"$jobs" KCFLAGS="$kcflags" prepare > "$work/plugin-prepare.log" 2>&1
	rm -rf "$work/findings"
	mkdir -p "$work/findings"
	# Plugin contents are not tracked by Kbuild: always rebuild all of $goals.
	# shellcheck disable=SC2086
	(cd "$T" && find $dirs -name '*.o' -exec rm -f {} +)
	t0=$(now)
	# shellcheck disable=SC2086
	kmake -C "$T" -j"$jobs" -k KCFLAGS="$kcflags" $goals > "$work/plugin.log" 2>&1
	plugin_rc=$?
	echo "plugin build of $goals: $(($(now) - t0)) s (exit $plugin_rc)"
	list_objs > "$work/plugin.objs"

	# --- (a) identical objects ----------------------------------------------------
	ndiff=0
	nsame=0
	while read -r o; do
		[ -f "$T/$o" ] || continue
		if cmp -s "$work/plain/$o" "$T/$o"; then
			nsame=$((nsame + 1))
			continue
		fi
		ndiff=$((ndiff + 1))
		if [ "$ndiff" -le 5 ]; then
			objdump -d "$work/plain/$o" | tail -n +3 > "$work/a.dis"
			objdump -d "$T/$o" | tail -n +3 > "$work/b.dis"
			if cmp -s "$work/a.dis" "$work/b.dis"; then
				note "$o differs, same code (objdump -d): data/metadata differ"
			else
				note "$o: code differs:"
				diff "$work/a.dis" "$work/b.dis" | head -n 10 | sed 's/^/    /'
			fi
		fi
	done < "$work/plain.objs"
	if [ "$ndiff" -eq 0 ] && [ "$nsame" -gt 0 ]; then
		pass "(a) $nsame $goals objects byte-identical with and without the plugin"
	else
		fail "(a) $ndiff of $((nsame + ndiff)) $goals objects differ with the plugin"
	fi

	# --- (b) same compile outcome -------------------------------------------------
	# A plain build that fails is not the plugin's doing, but a check
	# that accepted it would pass two builds that fail the same way (and
	# a file that does not compile is not checked at all).
	ice=$(grep -c 'internal compiler error' "$work/plugin.log")
	if [ "$plain_rc" -ne 0 ]; then
		fail "(b) the plain build of $goals failed (make exit $plain_rc, plugin build exit $plugin_rc):" \
			"the tree or its configuration is broken, not the plugin"
		grep -B2 -A4 'error:\|Error [0-9]' "$work/plain.log" | head -n 30 | sed 's/^/    /'
	elif [ "$plain_rc" -eq "$plugin_rc" ] && [ "$ice" -eq 0 ] &&
	   cmp -s "$work/plain.objs" "$work/plugin.objs"; then
		pass "(b) same outcome for all $(wc -l < "$work/plain.objs") $goals files" \
			"(make exit $plain_rc both times, no ICE)"
	else
		fail "(b) compile outcome differs (make exit $plain_rc plain, $plugin_rc plugin, $ice ICE)"
		diff "$work/plain.objs" "$work/plugin.objs" | sed -n 's/^</  only plain:/p; s/^>/  only plugin:/p'
		grep -B2 -A8 'internal compiler error\|error:' "$work/plugin.log" | head -n 40 | sed 's/^/    /'
	fi

}

if [ -z "$from" ]; then
	build_and_compare
else
	skip "(a) (b): reusing the findings of $work"
	count_failed=
fi

# --- findings: JSON lines -> `file:line:check:function` ----------------------
# Keys come in a fixed order (docs/interfaces.md), so sed can take them apart.
cat "$work"/findings/*.jsonl 2>/dev/null > "$work/findings.jsonl"
sed -n 's/^{"file":"\([^"]*\)","line":\([0-9]*\),"column":\([0-9]*\),"check":"\([^"]*\)",.*"severity":"[^"]*","function":"\([^"]*\)".*/\1:\2:\4:\5:\3/p' \
	"$work/findings.jsonl" |
	sed -e 's|^\./||' -e "s|^$T/||" > "$work/findings.raw"
nbad=$(($(wc -l < "$work/findings.jsonl") - $(wc -l < "$work/findings.raw")))
# file:line:check:function (the column only feeds (e)). A header finding
# can come without a function from TUs that do not use the inline function
# it sits in: keep that form only when no TU named the function.
sed 's/:[0-9]*$//' "$work/findings.raw" | sort -u |
	awk -F: '{
		k = $1 ":" $2 ":" $3
		if ($4 != "")
			named[k] = 1
		l[NR] = $0; key[NR] = k; fn[NR] = $4
	}
	END {
		for (i = 1; i <= NR; i++)
			if (fn[i] != "" || !(key[i] in named))
				print l[i]
	}' |
	sort -u > "$work/plugin.txt"

# Triaged list: `FINDING # VERDICT: REASON`; lines starting with # are comments.
strip_list() { sed -e '/^#/d' -e '/^[[:space:]]*$/d' -e 's/[[:space:]]*#.*//' "$1" | sort -u; }

# Print confirmations for vm-bug findings: a finding whose line has a
# VM_BUG_ON* use according to count_vm_bug (file read without liveness: a
# header line has no single liveness) is a real use.
vm_bug_confirmed()
{
	grep -E ':vm-bug(:|$)' "$1" | cut -d: -f1 | sort -u | while read -r f; do
		[ -f "$T/$f" ] && (cd "$T" && "$work/count_vm_bug" -a "$f")
	done | awk -F: '{ print $1 ":" $2 "\t" $4 }' | sort -u
}

# update_list NEW OLD -> new contents on stdout
update_list()
{
	vm_bug_confirmed "$1" > "$work/confirmed"
	{
		if [ -f "$2" ]; then
			sed -n '/^#/p' "$2"
		else
			echo "# SPDX-License-Identifier: GPL-2.0-only"
			echo "# Triaged findings on Linux $version $arch${config_suffix:+ $config configuration} $goals (see docs/kernel.md)."
			echo "# FINDING # VERDICT: REASON, VERDICT = real | false-positive | UNTRIAGED"
		fi
		awk -v old="${2:-/dev/null}" -v conf="$work/confirmed" '
		BEGIN {
			while ((getline l < old) > 0) {
				if (l ~ /^#/ || l ~ /^[ \t]*$/)
					continue
				k = l; sub(/[ \t]*#.*/, "", k)
				if (l ~ /#[ \t]*UNTRIAGED/)
					continue
				keep[k] = l
			}
			while ((getline l < conf) > 0) {
				split(l, p, "\t"); what[p[1]] = p[2]
			}
		}
		{
			if ($0 in keep) { print keep[$0]; next }
			n = split($0, f, ":")
			if (f[3] == "vm-bug" && ((f[1] ":" f[2]) in what)) {
				print $0 " # real: " what[f[1] ":" f[2]] \
					"() use, confirmed by count_vm_bug"
				next
			}
			print $0 " # UNTRIAGED: new finding, not reviewed yet"
		}' "$1"
	} > "$work/list.new"
	cat "$work/list.new"
}

# compare_list LETTER WHAT FOUND LISTFILE
compare_list()
{
	letter=$1 what=$2 found=$3 list=$4
	if [ -z "$lists" ]; then
		skip "($letter) $what: $(wc -l < "$found") findings (no triaged list for --tree; see $work)"
		return
	fi
	if [ -n "$update" ]; then
		old=
		[ -f "$list" ] && old=$list
		update_list "$found" "$old" > "$work/updated"
		if [ -f "$list" ]; then
			strip_list "$list" > "$work/old.keys"
			comm -23 "$work/old.keys" "$found" | sed 's/^/  dropped: /'
			comm -13 "$work/old.keys" "$found" | sed 's/^/  added:   /' | head -n 50
		fi
		cp "$work/updated" "$list"
		echo "  updated $list"
	fi
	if [ ! -f "$list" ]; then
		fail "($letter) $what: no list $list (run check.sh --update)"
		return
	fi
	strip_list "$list" > "$work/expected.keys"
	# Every entry needs a verdict: an UNTRIAGED one fails the run (the
	# lists are the truth, and a finding nobody read is not known to be
	# either a bug or a false positive).
	untriaged=$(grep -c '#[[:space:]]*UNTRIAGED' "$list")
	if cmp -s "$work/expected.keys" "$found" && [ "$untriaged" -eq 0 ]; then
		pass "($letter) $what: $(wc -l < "$found") findings match $(basename "$list"), all triaged"
	elif cmp -s "$work/expected.keys" "$found"; then
		fail "($letter) $what: $(wc -l < "$found") findings match $(basename "$list")," \
			"but $untriaged of its entries are UNTRIAGED:"
		grep '#[[:space:]]*UNTRIAGED' "$list" | head -n 20 | sed 's/^/  /'
		note "read the code and replace each UNTRIAGED with real: or false-positive: (docs/kernel.md)"
	else
		and=
		[ "$untriaged" -eq 0 ] || and=", and $untriaged UNTRIAGED entries"
		fail "($letter) $what differ from $(basename "$list")$and (- expected, + found):"
		diff -U0 "$work/expected.keys" "$found" | grep '^[-+][^-+]' | head -n 60 | sed 's/^/  /'
		note "if the change is intended: sh testsuite/kernel/check.sh --update, then triage"
	fi
}

# --- (c) plugin findings ------------------------------------------------------
if [ "$nbad" -ne 0 ]; then
	fail "(c) $nbad malformed JSON lines in the plugin output:"
	grep -v '^{"file":"[^"]*","line":[0-9]*,"column":[0-9]*,"check":"[^"]*",.*"severity":"[^"]*","function":"' \
		"$work/findings.jsonl" | head -n 3 | sed 's/^/    /'
else
	compare_list c "plugin findings" "$work/plugin.txt" "${lists:+$lists/expected-plugin$suffix.txt}"
fi

# --- (d) cocci findings -------------------------------------------------------
# run_cocci RULE...: every rule over $dirs, report lines in $work/cocci-NAME.out
run_cocci()
{
	t0=$(now)
	# As scripts/coccicheck does: the arch's LINUXINCLUDE options, plus the
	# rule's own "// Options:" line (the CLI passes that one too).
	a=./arch/$srcarch/include
	for rule; do
		name=$(basename "$rule" .cocci)
		opts=$(sed -n 's|^// Options:||p' "$rule" | head -n 1)
		: > "$work/cocci-$name.out"
		: > "$work/cocci-$name.err"
		for d in $dirs; do
			(cd "$T" && timeout "$cocci_timeout" spatch --very-quiet -D report \
				--cocci-file "$rule" --dir "$d" --jobs "$jobs" --chunksize 1 \
				--timeout 200 \
				-I $a -I $a/generated -I ./include -I $a/uapi \
				-I $a/generated/uapi -I ./include/uapi \
				-I ./include/generated/uapi \
				--include ./include/linux/compiler-version.h \
				--include ./include/linux/kconfig.h $opts) \
				>> "$work/cocci-$name.out" 2>> "$work/cocci-$name.err" ||
				cocci_failed="$cocci_failed $name"
		done
	done
	echo "cocci over $goals ($# rules): $(($(now) - t0)) s"
}

: > "$work/cocci.txt"
set -- "$repo"/cocci/*.cocci
if [ -n "$no_cocci" ]; then
	skip "(d) cocci (--no-cocci)"
elif [ ! -f "$1" ]; then
	skip "(d) no cocci rules in $repo/cocci"
elif ! command -v spatch > /dev/null; then
	fail "(d) spatch not installed (apt-get install coccinelle)"
else
	cocci_failed=
	[ -n "$from" ] || run_cocci "$@"
	# FILE:LINE:COL-COL: WARNING: MESSAGE [ptebatch-ID] -> file:line:ID
	cat "$work"/cocci-*.out |
		sed -n 's/^\([^:]*\):\([0-9]*\):[0-9-]*: .*\[ptebatch-\([a-z-]*\)\][[:space:]]*$/\1:\2:\3/p' |
		sed -e 's|^\./||' -e "s|^$T/||" | sort -u > "$work/cocci.txt"
	if [ -n "$cocci_failed" ]; then
		fail "(d) spatch failed or timed out ($cocci_timeout s) for:$cocci_failed"
		for n in $cocci_failed; do
			tail -n 5 "$work/cocci-$n.err" | sed 's/^/    /'
		done
	else
		compare_list d "cocci findings" "$work/cocci.txt" "${lists:+$lists/expected-cocci$suffix.txt}"
	fi
fi

# --- (e) vm-bug agrees with the independent count -----------------------------
if [ -n "$count_failed" ]; then
	fail "(e) could not preprocess:$count_failed"
else
	# plugin: file:line:col of vm-bug findings in mm/*.c, one per use
	awk -F: -v re="$dirs_re[.]c\$" '$3 == "vm-bug" && $1 ~ re { print $1 ":" $2 ":" $5 }' \
		"$work/findings.raw" | sort -u > "$work/e.plugin"
	cat "$work"/count/*.txt | cut -d: -f1-3 | sort -u > "$work/e.count"
	if cmp -s "$work/e.plugin" "$work/e.count" && [ -s "$work/e.count" ]; then
		pass "(e) vm-bug: $(wc -l < "$work/e.count") uses in" \
			"$(cut -d: -f1 "$work/e.count" | sort -u | wc -l) $(for d in $dirs; do printf '%s/*.c ' "$d"; done)files agree with count_vm_bug"
	else
		fail "(e) vm-bug findings disagree with count_vm_bug:"
		printf '  %-28s %8s %8s\n' file counted plugin
		cut -d: -f1 "$work/e.count" "$work/e.plugin" | sort -u | while read -r f; do
			c=$(grep -c "^$f:" "$work/e.count")
			p=$(grep -c "^$f:" "$work/e.plugin")
			[ "$c" = "$p" ] || printf '  %-28s %8s %8s\n' "$f" "$c" "$p"
		done
		comm -23 "$work/e.count" "$work/e.plugin" | head -n 20 | sed 's/^/  only counted: /'
		comm -13 "$work/e.count" "$work/e.plugin" | head -n 20 | sed 's/^/  only plugin:  /'
	fi
fi

# --- (f) mutants: lint finds the bugs, passes the correct patches -------------
# A mutant is a sed script on a pristine file of the tree (no kernel source in
# the repository); the patch is linted against the tree with the plugin.
mutants=$here/mutants$suffix.txt
run_mutants()
{
	mdir=$work/mutants
	rm -rf "$mdir"
	mkdir -p "$mdir"
	t0=$(now)
	found=0 clean=0 bad=0
	tab=$(printf '\t')
	grep -v '^#' "$mutants" | grep -v '^[[:space:]]*$' > "$mdir/list"
	while IFS=$tab read -r name file expect script; do
		mkdir -p "$mdir/$name/a/$(dirname "$file")" "$mdir/$name/b/$(dirname "$file")"
		cp "$T/$file" "$mdir/$name/a/$file"
		if ! sed "$script" "$T/$file" > "$mdir/$name/b/$file" ||
		   cmp -s "$mdir/$name/a/$file" "$mdir/$name/b/$file"; then
			note "$name: the sed script does not change $file"
			bad=$((bad + 1))
			continue
		fi
		(cd "$mdir/$name" && diff -u "a/$file" "b/$file") > "$mdir/$name.patch"
		"$repo/tools/ptebatch" lint --tree "$T" --engine=plugin \
			"$mdir/$name.patch" > "$mdir/$name.out" 2> "$mdir/$name.err"
		rc=$?
		if [ "$expect" = clean ]; then
			if [ "$rc" -eq 0 ]; then
				clean=$((clean + 1))
			else
				note "$name: correct patch reported (exit $rc):"
				grep 'ptebatch-\|error' "$mdir/$name.out" "$mdir/$name.err" | head -n 3 | sed 's/^/    /'
				bad=$((bad + 1))
			fi
		elif [ "$rc" -eq 1 ] && grep -q "\[ptebatch-$expect\]" "$mdir/$name.out"; then
			found=$((found + 1))
		else
			note "$name: $expect not reported (exit $rc):"
			cat "$mdir/$name.out" "$mdir/$name.err" | head -n 4 | sed 's/^/    /'
			bad=$((bad + 1))
		fi
	done < "$mdir/list"
	echo "mutants: $(($(now) - t0)) s"
	if [ "$bad" -eq 0 ] && [ "$found" -gt 0 ]; then
		pass "(f) mutants: $found bugs found, $clean correct patches clean ($(basename "$mutants"))"
	else
		fail "(f) mutants: $bad of $((found + clean + bad)) wrong ($found found, $clean clean)"
	fi
}
if [ -n "$tree" ]; then
	skip "(f) mutants: --tree (the mutants' sed scripts are for the harness's Debian trees)"
elif [ ! -f "$mutants" ]; then
	skip "(f) mutants: none for Linux $version $arch${config_suffix:+ $config} (the mutants are linted on the 7.3 x86_64 default tree, mutants-7.3.txt)"
elif [ -x "$repo/tools/ptebatch" ]; then
	run_mutants
else
	fail "(f) mutants: no CLI at $repo/tools/ptebatch (build it with make)"
fi

# --- (a) and (b) on more directories (--also) ----------------------------------
# The no-ICE and identical-object guarantees hold for the whole kernel, not
# only mm/: `--also "fs kernel"` repeats (a) and (b) there (slow: minutes per
# directory; findings there are not compared).
also_dir()
{
	d=${1%/}
	objs() { (cd "$T" && find "$d" -name '*.o' ! -name '*.mod.o' | sort); }
	t0=$(now)
	kmake -C "$T" -j"$jobs" -k KCFLAGS="$base_kcflags" prepare > /dev/null 2>&1
	kmake -C "$T" -j"$jobs" -k KCFLAGS="$base_kcflags" "$d/" > "$work/also-plain.log" 2>&1
	rc_a=$?
	objs > "$work/also-plain.objs"
	rm -rf "$work/also"
	(cd "$T" && while read -r o; do
		mkdir -p "$work/also/$(dirname "$o")" && cp "$o" "$work/also/$o"
	done) < "$work/also-plain.objs"
	kc="${base_kcflags:+$base_kcflags }-fplugin=$plugin"
	kmake -C "$T" -j"$jobs" KCFLAGS="$kc" prepare > /dev/null 2>&1
	(cd "$T" && find "$d" -name '*.o' -exec rm -f {} +)
	kmake -C "$T" -j"$jobs" -k KCFLAGS="$kc" "$d/" > "$work/also-plugin.log" 2>&1
	rc_b=$?
	objs > "$work/also-plugin.objs"
	echo "$d/: plain and plugin builds $(($(now) - t0)) s"
	n=0
	nd=0
	while read -r o; do
		n=$((n + 1))
		[ -f "$T/$o" ] && cmp -s "$work/also/$o" "$T/$o" && continue
		nd=$((nd + 1))
		[ "$nd" -le 5 ] && note "$o differs"
	done < "$work/also-plain.objs"
	if [ "$nd" -eq 0 ] && [ "$n" -gt 0 ]; then
		pass "(a) $n $d/ objects byte-identical with and without the plugin"
	else
		fail "(a) $nd of $n $d/ objects differ with the plugin"
	fi
	ice=$(grep -c 'internal compiler error' "$work/also-plugin.log")
	if [ "$rc_a" -ne 0 ]; then
		fail "(b) $d/: the plain build failed (make exit $rc_a, plugin build exit $rc_b):" \
			"the tree or its configuration is broken, not the plugin"
		grep -B2 -A4 'error:\|Error [0-9]' "$work/also-plain.log" | head -n 30 | sed 's/^/    /'
	elif [ "$rc_a" -eq "$rc_b" ] && [ "$ice" -eq 0 ] &&
	   cmp -s "$work/also-plain.objs" "$work/also-plugin.objs"; then
		pass "(b) same outcome for all $n $d/ files (make exit $rc_a both times, no ICE)"
	else
		fail "(b) $d/: compile outcome differs (make exit $rc_a plain, $rc_b plugin, $ice ICE)"
		diff "$work/also-plain.objs" "$work/also-plugin.objs" |
			sed -n 's/^</  only plain:/p; s/^>/  only plugin:/p'
		grep -B2 -A8 'internal compiler error' "$work/also-plugin.log" |
			head -n 40 | sed 's/^/    /'
	fi
}
if [ -n "$also" ] && [ -z "$from" ]; then
	for d in $also; do
		also_dir "$d"
	done
fi

echo "total: $(($(now) - t_start)) s${keep:+, work dir $work}"
finish
