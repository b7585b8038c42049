#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Expected-output tests of vm_bug.cocci's patch mode (Coccinelle's own
# NAME.c + NAME.res layout).  For every NAME.c here:
#   1. patch it and compare with NAME.res;
#   2. patch NAME.res again: a second run must change nothing;
#   3. report mode on NAME.c must succeed and list every VM_BUG_ON* use
#      of NAME.c, the ones the patch rewrites and the ones it leaves (what
#      the patch leaves is never silently dropped).
#
# The part of NAME before the first '-' says which mmdebug.h the patch sees:
#   mainline, v6.12, old  the file is copied to TMP/<tree>/mm/ next to
#                         trees/<tree>/include (found by walking up)
#   define                -D mmdebug=trees/mainline/include/linux/mmdebug.h
#   default               no header anywhere: 6.12's set is assumed
#
#   sh testsuite/cocci-patch/run.sh [-v] [NAME...]
#   SPATCH=/path/to/spatch sh testsuite/cocci-patch/run.sh
#   COCCI_PATCH_UPDATE=1 ... writes NAME.res from the current output (review
#   with git diff!): test 1 is then skipped, not passed

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cocci=$top/cocci/vm_bug.cocci
spatch=${SPATCH:-spatch}
verbose=0
[ "${1:-}" = "-v" ] && { verbose=1; shift; }

pass=0
fail=0
skip=0

if ! command -v "$spatch" >/dev/null 2>&1; then
	n=$(ls "$here"/*.c | wc -l)
	echo "SKIP $n cocci-patch tests: spatch not found; run make deps"
	echo "0 passed, 0 failed, $n skipped"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cocci-patch.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

opts=$(sed -n 's|^// Options:||p' "$cocci")

ok()
{
	pass=$((pass + 1))
	[ $verbose = 1 ] && echo "ok   $1"
	return 0
}

bad()
{
	fail=$((fail + 1))
	echo "FAIL $1"
	[ -n "${2:-}" ] && [ -s "$2" ] && sed 's/^/    /' "$2"
	return 0
}

# run_spatch MODE IN OUT EXTRA...: spatch with the file's own options
run_spatch()
{
	mode=$1 in=$2 out=$3
	shift 3
	# shellcheck disable=SC2086
	rm -f "$out"
	env -u PTEBATCH_MMDEBUG "$spatch" --very-quiet -D "$mode" $opts "$@" \
		--sp-file "$cocci" "$in" -o "$out" >"$tmp/stdout" 2>"$tmp/stderr" &&
		return 0
	# A file without any VM_BUG_ON* is skipped unparsed and -o refuses
	# to write: the output is the input.
	if grep -q "no modified files" "$tmp/stderr"; then
		cp "$in" "$out"
		return 0
	fi
	return 1
}

# place NAME SRC: where the input must sit so that the tree is found
place()
{
	name=$1 src=$2
	tree=${name%%-*}
	extra=
	case $tree in
	define)
		dir=$tmp/define/mm
		extra="-D mmdebug=$here/trees/mainline/include/linux/mmdebug.h"
		;;
	default)
		dir=$tmp/default/mm ;;
	*)
		[ -d "$here/trees/$tree" ] || return 1
		dir=$tmp/$tree/mm
		[ -e "$tmp/$tree/include" ] ||
			{ mkdir -p "$tmp/$tree" &&
			  ln -s "$here/trees/$tree/include" "$tmp/$tree/include"; }
		;;
	esac
	mkdir -p "$dir"
	cp "$src" "$dir/$name.c"
	placed=$dir/$name.c
	return 0
}

# Lines of real VM_BUG_ON* uses: not in comments, strings or #if 0.
vm_bug_lines()
{
	awk '
	/^[ \t]*#[ \t]*if[ \t]+0/ { skip++; next }
	skip && /^[ \t]*#[ \t]*if/ { skip++; next }
	skip && /^[ \t]*#[ \t]*endif/ { skip--; next }
	skip { next }
	/^[ \t]*(\/\*|\/\/|\*)/ { next }
	/"[^"]*VM_BUG_ON/ { next }
	/VM_BUG_ON[A-Z_]*\(/ { print NR }' "$1"
}

for src in "$here"/*.c; do
	name=$(basename "$src" .c)
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*) ;; *) continue ;; esac
	fi
	res=$here/$name.res
	if ! place "$name" "$src"; then
		bad "$name: no tree for prefix '${name%%-*}'"
		continue
	fi

	# 1. patch == .res
	if ! run_spatch patch "$placed" "$tmp/out.c" $extra; then
		bad "$name: spatch failed" "$tmp/stderr"
		continue
	fi
	if [ "${COCCI_PATCH_UPDATE:-0}" = 1 ]; then
		# an output compared with itself proves nothing
		cp "$tmp/out.c" "$res"
		skip=$((skip + 1))
		echo "SKIP $name.res written from this run (COCCI_PATCH_UPDATE=1): review it with git diff, then run without it"
	elif [ ! -f "$res" ]; then
		bad "$name: $name.res missing"
	elif diff -u "$res" "$tmp/out.c" >"$tmp/diff"; then
		ok "$name: output matches $name.res"
	else
		bad "$name: output differs from $name.res" "$tmp/diff"
	fi

	# 2. idempotent
	[ -f "$res" ] || continue
	cp "$res" "$placed"
	if run_spatch patch "$placed" "$tmp/again.c" $extra &&
	   diff -u "$res" "$tmp/again.c" >"$tmp/diff"; then
		ok "$name: second run changes nothing"
	else
		bad "$name: second run changes the result" "$tmp/diff"
	fi

	# 3. whatever the patch leaves is reported
	cp "$src" "$placed"
	if ! run_spatch report "$placed" "$tmp/unused.c" $extra --no-show-diff; then
		bad "$name: spatch failed in report mode" "$tmp/stderr"
		continue
	fi
	missing=
	uses=$(vm_bug_lines "$src")
	for l in $uses; do
		grep -q "^[^:]*:$l:[0-9-]*: WARNING: .*\[ptebatch-vm-bug\]$" \
			"$tmp/stdout" || missing="$missing $l"
	done
	if [ -z "$uses" ]; then
		bad "$name: $name.c has no VM_BUG_ON* use to report"
	elif [ -z "$missing" ]; then
		ok "$name: every use of $name.c is reported ($(echo $uses | wc -w))"
	else
		echo "lines not reported:$missing" >"$tmp/diff"
		bad "$name: uses not reported" "$tmp/diff"
	fi
done

echo "$pass passed, $fail failed${skip:+, $skip skipped}" | sed 's/, 0 skipped$//'
[ $fail = 0 ]
