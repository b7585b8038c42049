#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The real-bug corpus: real upstream bugs in batched-PTE / large-folio code,
# put back into Linux 7.3 and linted (docs/realbugs.md).
#
#   sh testsuite/realbugs/run.sh [--prepare] [--tree DIR] [--wide-tree DIR]
#                                [--arm64-tree DIR] [--keep] [NAME...]
#
# For each bug of bugs.txt (or the NAMEs given):
#   1. the patch: sed/NAME.sed on the pristine file of the bug's tree, one
#      sed command per line, each of which must change the file (a command
#      that changes nothing means the bug no longer applies: a failure);
#   2. `ptebatch lint --tree TREE PATCH`: "found" when the bug's check
#      reports it, compared with expected.txt;
#   3. the fixed code: `ptebatch kcheck` (what make C=2 runs) on the
#      pristine file with its recorded flags, and no finding (vm-bug aside,
#      opt-in in builds) in the bug's functions.
# A bug passes when lint is as expected (or finds a bug expected missed:
# a NOTE says to flip expected.txt) and its fixed code is clean.
#
# Trees: default is the prepared 7.3 tree (prepare.sh --version 7.3;
# --prepare prepares it, else a tree that is not prepared is a SKIP per
# bug); wide is the wide 7.3 configuration ($PTEBATCH_WIDE_TREE,
# /var/cache/ptebatch/linux-7.3-wide-check), arm64 the arm64 7.3 tree
# ($PTEBATCH_ARM64_TREE, /var/cache/ptebatch/linux-7.3-arm64-check, else
# /var/cache/ptebatch/linux-7.3-arm64).  A bug whose
# tree is missing, or whose object is not built in a tree this script does
# not own (wide, arm64), is a SKIP with the reason.  Objects missing in the
# default tree are built (make FILE.o).
#
# Output: one table line per bug (bug, class, check, result, expected,
# verdict), FAIL/SKIP/NOTE lines, the time taken and
# "N passed, N failed, N skipped".  Exit 0 when nothing failed.

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cli=$repo/tools/ptebatch
export LC_ALL=C

prepare=
tree=${PTEBATCH_REALBUGS_TREE:-}
wide_tree=${PTEBATCH_WIDE_TREE:-/var/cache/ptebatch/linux-7.3-wide-check}
# The harness's arm64 tree (make check-kernel) when it exists, else the one
# prepare.sh --arch arm64 makes.
arm64_tree=${PTEBATCH_ARM64_TREE:-}
if [ -z "$arm64_tree" ]; then
	arm64_tree=/var/cache/ptebatch/linux-7.3-arm64
	[ -f /var/cache/ptebatch/linux-7.3-arm64-check/.config ] &&
		arm64_tree=/var/cache/ptebatch/linux-7.3-arm64-check
fi
keep=
only=
usage()
{
	echo "usage: $0 [--prepare] [--tree DIR] [--wide-tree DIR] [--arm64-tree DIR] [--keep] [NAME...]" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--prepare) prepare=1; shift ;;
	--tree) [ $# -ge 2 ] || usage; tree=$2; shift 2 ;;
	--wide-tree) [ $# -ge 2 ] || usage; wide_tree=$2; shift 2 ;;
	--arm64-tree) [ $# -ge 2 ] || usage; arm64_tree=$2; shift 2 ;;
	--keep) keep=1; shift ;;
	-h|--help) usage ;;
	-*) usage ;;
	*) only="$only $1"; shift ;;
	esac
done

passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
skip() { skipped=$((skipped + 1)); echo "SKIP: $*"; }
note() { echo "NOTE: $*"; }
now() { date +%s; }
t0=$(now)

if [ ! -x "$cli" ]; then
	echo "FAIL: no CLI at $cli (build it with make)"
	echo "0 passed, 1 failed"
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-realbugs.XXXXXX") || exit 2
if [ -z "$keep" ]; then
	trap 'rm -rf "$work"' EXIT
	trap 'rm -rf "$work"; exit 130' INT TERM
else
	echo "work directory: $work"
fi

tab=$(printf '\t')
# FILE:LINE:CHECK of the findings triaged real on each pristine 7.3 tree
# (testsuite/kernel/expected-{plugin,cocci}-7.3[-wide|-arm64].txt)
for k in default wide arm64; do
	case $k in default) sfx= ;; *) sfx=-$k ;; esac
	cat "$repo/testsuite/kernel/expected-plugin-7.3$sfx.txt" \
	    "$repo/testsuite/kernel/expected-cocci-7.3$sfx.txt" 2>/dev/null |
		grep '# real' | sed 's/ *#.*//' |
		awk -F: '{ print $1 ":" $2 ":" $3 }' | sort -u > "$work/triaged-$k"
done
grep -v '^#' "$here/bugs.txt" | grep -v '^[[:space:]]*$' > "$work/bugs"
grep -v '^#' "$here/expected.txt" | grep -v '^[[:space:]]*$' > "$work/expected"

# --- the default tree ---------------------------------------------------------
default_ok= default_why=
if [ -n "$prepare" ] && [ -z "$tree" ]; then
	tree=$(sh "$repo/testsuite/kernel/prepare.sh" --version 7.3 2> "$work/prepare.err")
	case $? in
	0) tree=$(echo "$tree" | tail -n 1) ;;
	3) default_why="no linux-source-7.3 in this Debian ($(cat /etc/debian_version 2>/dev/null))"; tree= ;;
	*) fail "prepare.sh --version 7.3:"; tail -n 3 "$work/prepare.err" | sed 's/^/  /'
	   default_why="prepare.sh --version 7.3 failed (above)"; tree= ;;
	esac
fi
[ -n "$tree" ] || [ -n "$default_why" ] || tree=/var/cache/ptebatch/linux-7.3
if [ -z "$default_why" ]; then
	if [ -f "$tree/.ptebatch-prepared" ] && [ -f "$tree/.config" ]; then
		default_ok=1
	else
		default_why="the 7.3 tree $tree is not prepared (sh testsuite/kernel/prepare.sh --version 7.3, or run.sh --prepare)"
	fi
fi
if [ -n "$default_ok" ] && command -v flock > /dev/null; then
	# Objects this script builds in the shared tree: one run at a time.
	exec 9> "$tree/.ptebatch-realbugs.lock"
	flock 9
fi

# tree_of KIND: T is the directory of a kind of tree, or "" with $why set
tree_of()
{
	T= why=
	case $1 in
	default)
		if [ -n "$default_ok" ]; then T=$tree; else why=$default_why; fi ;;
	wide)
		if [ -f "$wide_tree/.config" ]; then T=$wide_tree
		else why="no wide 7.3 configuration at $wide_tree (PTEBATCH_WIDE_TREE)"; fi ;;
	arm64)
		if [ -f "$arm64_tree/.config" ]; then T=$arm64_tree
		else why="no arm64 7.3 tree at $arm64_tree (PTEBATCH_ARM64_TREE)"; fi ;;
	*)	why="unknown tree kind '$1' in bugs.txt" ;;
	esac
}

# kmake KIND DIR ARGS...: make in a tree, for its architecture
kmake()
{
	km_kind=$1 km_dir=$2
	shift 2
	if [ "$km_kind" = arm64 ]; then
		make -s -C "$km_dir" ARCH=arm64 CROSS_COMPILE="${CROSS_COMPILE:-aarch64-linux-gnu-}" "$@"
	else
		make -s -C "$km_dir" "$@"
	fi
}

# kcheck_obj DIR OBJ OUTDIR: what `make C=2 CHECK="ptebatch kcheck"` runs
# for OBJ, run directly with the flags its .cmd file records (no make: the
# wide and arm64 trees belong to other jobs, and a make with other flags
# than theirs would rebuild their objects); -c, -o, the dependency file
# and any plugin of that build are left out.
kcheck_obj()
{
	ko_dir=$1 ko_obj=$2 ko_out=$3
	ko_cmd=$(sed -n '1s/^\(saved\)\{0,1\}cmd_[^ ]* := //p' \
		"$ko_dir/$(dirname "$ko_obj")/.$(basename "$ko_obj").cmd")
	[ -n "$ko_cmd" ] || { echo "no compile command for $ko_obj"; return 2; }
	(
		cd "$ko_dir" || exit 2
		eval "set -- $ko_cmd"
		shift
		n=$# i=0 drop=
		while [ "$i" -lt "$n" ]; do
			a=$1
			shift
			i=$((i + 1))
			if [ -n "$drop" ]; then drop=; continue; fi
			case $a in
			-c|-Wp,-MMD,*|-Wp,-MD,*|-fplugin=*|-fplugin-arg-*) continue ;;
			-o) drop=1; continue ;;
			esac
			set -- "$@" "$a"
		done
		exec "$cli" kcheck --output="$ko_out" "$@"
	)
}

printf '%-29s %-12s %-13s %-24s %-8s %s\n' BUG CLASS CHECK RESULT EXPECTED VERDICT > "$work/table"

run_bug()
{
	name=$1 class=$2 check=$3 kind=$4 file=$5 funcs=$6
	d=$work/$name
	mkdir -p "$d"
	want=$(awk -v n="$name" '$1 == n { print $2 }' "$work/expected")
	case $want in
	found|missed) ;;
	*) fail "$name: no found/missed line in expected.txt"; return ;;
	esac
	script=$here/sed/$name.sed
	[ -f "$script" ] || { fail "$name: no sed/$name.sed"; return; }

	tree_of "$kind"
	if [ -z "$T" ]; then
		skip "$name ($class): $why"
		printf '%-29s %-12s %-13s %-24s %-8s %s\n' "$name" "$class" "$check" "-" "$want" skipped >> "$work/table"
		return
	fi
	[ -f "$T/$file" ] || { fail "$name: no $file in $T"; return; }

	# The compilation unit: the file itself, or for a header the .c that
	# FUNCS names after an @.
	unit=$file
	case $funcs in *@*) unit=${funcs#*@}; funcs=${funcs%@*} ;; esac
	obj=${unit%.c}.o
	cmdf=$T/$(dirname "$unit")/.$(basename "$obj").cmd
	if [ ! -f "$cmdf" ]; then
		if [ "$kind" = default ]; then
			kmake "$kind" "$T" "$obj" > "$d/build.log" 2>&1 || {
				fail "$name: make $obj in $T failed:"
				tail -n 3 "$d/build.log" | sed 's/^/  /'
				return
			}
		else
			skip "$name ($class): $obj is not built in $T (build that tree first)"
			printf '%-29s %-12s %-13s %-24s %-8s %s\n' "$name" "$class" "$check" "-" "$want" skipped >> "$work/table"
			return
		fi
	fi

	# 1. the patch, one sed command at a time
	mkdir -p "$d/a/$(dirname "$file")"
	cp "$T/$file" "$d/a/$file"
	cp "$T/$file" "$d/cur"
	step=0 stale=
	while IFS= read -r cmd; do
		case $cmd in ''|'#'*) continue ;; esac
		step=$((step + 1))
		if ! sed "$cmd" "$d/cur" > "$d/next" 2> "$d/sed.err"; then
			fail "$name: sed command $step is not valid: $(head -n 1 "$d/sed.err")"
			return
		fi
		if cmp -s "$d/cur" "$d/next"; then
			stale="$stale $step"
		fi
		mv "$d/next" "$d/cur"
	done < "$script"
	if [ "$step" -eq 0 ] || [ -n "$stale" ]; then
		fail "$name: the bug no longer applies to $file: sed command(s)${stale:- (none)} change nothing"
		printf '%-29s %-12s %-13s %-24s %-8s %s\n' "$name" "$class" "$check" "does not apply" "$want" FAIL >> "$work/table"
		return
	fi
	(cd "$d" && diff -u --label "a/$file" --label "b/$file" "a/$file" cur) > "$d/bug.patch"

	# 2. lint
	if [ "$kind" = arm64 ]; then
		CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-} "$cli" lint --tree "$T" "$d/bug.patch" > "$d/lint.out" 2> "$d/lint.err"
	else
		"$cli" lint --tree "$T" "$d/bug.patch" > "$d/lint.out" 2> "$d/lint.err"
	fi
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		fail "$name: lint failed (exit $rc): $(head -n 1 "$d/lint.err")"
		printf '%-29s %-12s %-13s %-24s %-8s %s\n' "$name" "$class" "$check" "lint error" "$want" FAIL >> "$work/table"
		return
	fi
	reported=$(sed -n 's/.*warning: .*\[ptebatch-\([a-z-]*\)\]$/\1/p' "$d/lint.out" | sort -u | tr '\n' ',' | sed 's/,$//')
	got=missed
	case ",$reported," in *",$check,"*) got=found ;; esac
	result=$got
	[ "$got" = missed ] && [ -n "$reported" ] && result="missed ($reported)"

	# 3. the fixed code: the tree as it is, no finding in the bug's functions
	# (once per tree and object: six bugs are in mm/rmap.c)
	kc=$work/kc-$kind-$(echo "$obj" | tr / _)
	if [ ! -f "$kc.rc" ]; then
		mkdir -p "$kc"
		if [ "$kind" = arm64 ]; then
			CROSS_COMPILE=${CROSS_COMPILE:-aarch64-linux-gnu-} kcheck_obj "$T" "$obj" "$kc" > "$kc.out" 2>&1
		else
			kcheck_obj "$T" "$obj" "$kc" > "$kc.out" 2>&1
		fi
		echo $? > "$kc.rc"
	fi
	cp "$kc.out" "$d/kcheck.out"
	krc=$(cat "$kc.rc")
	flagged=
	if [ "$krc" -eq 0 ] || [ "$krc" -eq 1 ]; then
		for fn in $(echo "$funcs" | tr ',' ' '); do
			cat "$kc"/*.jsonl 2>/dev/null |
				grep -F "\"function\":\"$fn\"" |
				grep -v '"check":"vm-bug"' >> "$d/fixed.json"
		done
		# A finding of the pristine tree triaged real (another bug at
		# another site of the same function) is not the fixed code's.
		sed -n 's/^{"file":"\([^"]*\)","line":\([0-9]*\),.*"check":"\([a-z-]*\)".*/\1:\2:\3/p' \
			"$d/fixed.json" | sort -u > "$d/fixed.keys"
		comm -23 "$d/fixed.keys" "$work/triaged-$kind" > "$d/fixed.new"
		n_triaged=$(($(wc -l < "$d/fixed.keys") - $(wc -l < "$d/fixed.new")))
		[ "$n_triaged" -gt 0 ] &&
			note "$name: $n_triaged finding(s) in $funcs triaged real in testsuite/kernel/expected-*-7.3*.txt left aside"
		if [ -s "$d/fixed.new" ]; then
			flagged=$(tr '\n' ' ' < "$d/fixed.new")
		fi
	fi

	# One verdict per bug; every reason is printed.
	why=
	if [ "$want" = found ] && [ "$got" = missed ]; then
		why="expected found by $check, missed"
	elif [ "$want" = missed ] && [ "$got" = found ]; then
		note "$name: found by $check but expected missed: flip it in expected.txt"
	fi
	if [ "$krc" -ne 0 ] && [ "$krc" -ne 1 ]; then
		why="${why:+$why; }kcheck of $obj failed (exit $krc)"
	elif [ -n "$flagged" ]; then
		why="${why:+$why; }the fixed code is flagged in $funcs: $flagged"
	fi
	verdict=pass
	if [ -n "$why" ]; then
		verdict=FAIL
		fail "$name: $why"
		cat "$d/lint.out" "$d/lint.err" | head -n 4 | sed 's/^/  lint: /'
		[ "$krc" -gt 1 ] && tail -n 3 "$d/kcheck.out" | sed 's/^/  kcheck: /'
	fi
	printf '%-29s %-12s %-13s %-24s %-8s %s\n' "$name" "$class" "$check" "$result" "$want" "$verdict" >> "$work/table"
	if [ "$verdict" = pass ]; then pass; fi
}

while IFS=$tab read -r name class check kind file funcs fix fixed title note; do
	if [ -n "$only" ]; then
		case " $only " in *" $name "*) ;; *) continue ;; esac
	fi
	run_bug "$name" "$class" "$check" "$kind" "$file" "$funcs" < /dev/null
done < "$work/bugs"
for n in $only; do
	awk -F'\t' -v n="$n" '$1 == n { f = 1 } END { exit !f }' "$work/bugs" ||
		fail "$n: no such bug in bugs.txt"
done

echo
cat "$work/table"
echo "realbugs: $(($(now) - t0)) s"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
