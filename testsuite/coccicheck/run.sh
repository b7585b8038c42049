#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Proves that cocci/*.cocci run unchanged under the kernel's own driver:
#   make coccicheck MODE=<mode> COCCI=<abs>/cocci/<rule>.cocci M=<dir>
# in a Linux 6.12 tree (testsuite/kernel/prepare.sh makes one; default
# /var/cache/ptebatch/linux-6.12, or $PTEBATCH_KERNEL_DIR).
#
#  1. report mode on a copy of testsuite/cases/<id>/ (M= an outside dir):
#     the tagged findings are exactly the lines marked for Coccinelle;
#  2. context and org modes run and mark the same cases;
#  3. vm_bug patch mode picks the twins of the tree the file sits in: a
#     stand-in tree with a mainline mmdebug.h gets VM_WARN_ON_ONCE_VMA,
#     6.12's mm/ never does;
#  4. report mode on 6.12's mm/: every line is tagged, vm-bug finds the
#     tree's VM_BUG_ON* uses, and the other rules find exactly the findings
#     triaged in docs/triage-cocci.md (set PTEBATCH_COCCICHECK_QUICK=1 to
#     skip this part, about two minutes on two cores).
# Without a tree or spatch everything is skipped.  Closing line:
# "N passed, N failed, N skipped".

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tree=${PTEBATCH_KERNEL_DIR:-/var/cache/ptebatch/linux-6.12}
rules=$(for f in "$top"/cocci/*.cocci.in; do basename "$f" .cocci.in; done)
# two tests a rule on its cases, one patch-mode test, then on mm/ one
# patch-mode test and two over every rule's findings
NR=$((2 * $(echo $rules | wc -w) + 4))
jobs=${J:-2}

pass=0
fail=0
skip=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad()
{
	fail=$((fail + 1))
	echo "FAIL $1"
	[ -n "${2:-}" ] && [ -s "$2" ] && head -n 20 "$2" | sed 's/^/    /'
	return 0
}

if ! command -v spatch >/dev/null 2>&1; then
	echo "SKIP coccicheck tests: no spatch; run make deps"
	echo "0 passed, 0 failed, $NR skipped"
	exit 0
fi
if [ ! -f "$tree/scripts/coccicheck" ] || [ ! -f "$tree/.config" ]; then
	echo "SKIP coccicheck tests: no prepared 6.12 tree at $tree; run make kernel-tree"
	echo "0 passed, 0 failed, $NR skipped"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ptebatch-coccicheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# coccicheck MODE RULE DIR OUT: the kernel's driver, as a user runs it
coccicheck()
{
	make -s -C "$tree" coccicheck MODE="$1" COCCI="$top/cocci/$2.cocci" \
		M="$3" J="$jobs" >"$4" 2>"$4.err"
	status=$?
	if [ $status -ne 0 ] || grep -q "coccicheck failed" "$4" "$4.err"; then
		cat "$4.err" >>"$4"
		return 1
	fi
	return 0
}

# Lines of a case marked for Coccinelle: "LINE:ID"
expected()
{
	# every mark of a line ("expect: a, b", "expect[cocci]: c"), not the
	# plugin's
	grep -n 'expect' "$1" | while IFS= read -r l; do
		printf '%s\n' "$l" | grep -o 'expect\(\[[a-z]*\]\)\{0,1\}: [a-z, -]*' |
			grep -v '^expect\[plugin\]' | sed 's/^[^:]*: //' |
			tr ',' '\n' | tr -d ' ' | grep . | sed "s/^/${l%%:*}:/"
	done
}

# Tagged findings of one file in coccicheck output: "LINE:ID"
found()
{
	grep "^$1:[0-9]*:[0-9-]*: " "$2" |
		sed -n 's/^[^:]*:\([0-9]*\):.*\[ptebatch-\([a-z-]*\)\]$/\1:\2/p'
}

# 1. + 2.: the cases through coccicheck
for rule in $rules; do
	id=$(echo "$rule" | tr _ -)
	dir=$tmp/cases/$id
	mkdir -p "$dir"
	# Cases with per-file compiler flags are fine: spatch reads them as
	# written and ignores -D lines in comments.
	cp "$top/testsuite/cases/$id/"*.c "$dir/" 2>/dev/null || {
		bad "$id: no cases in testsuite/cases/$id (2 tests)"
		fail=$((fail + 1))
		continue
	}
	if ! coccicheck report "$rule" "$dir" "$tmp/$id.report"; then
		bad "$id: coccicheck MODE=report failed (2 tests)" "$tmp/$id.report"
		fail=$((fail + 1))
		continue
	fi
	: >"$tmp/$id.diff"
	for c in "$dir"/*.c; do
		expected "$c" | grep ":$id$" | sort -u >"$tmp/exp"
		found "$c" "$tmp/$id.report" | sort -u >"$tmp/got"
		if ! cmp -s "$tmp/exp" "$tmp/got"; then
			echo "$(basename "$c"): expected $(tr '\n' ' ' <"$tmp/exp")got $(tr '\n' ' ' <"$tmp/got")" \
				>>"$tmp/$id.diff"
		fi
	done
	if [ -s "$tmp/$id.diff" ]; then
		bad "$id: MODE=report findings differ from the case marks" "$tmp/$id.diff"
	else
		ok "$id: MODE=report finds exactly the marked lines ($(grep -c '\[ptebatch-' "$tmp/$id.report") findings)"
	fi

	n_ctx=0
	if coccicheck context "$rule" "$dir" "$tmp/$id.context"; then
		n_ctx=$(grep -c '^-' "$tmp/$id.context")
	fi
	n_org=0
	if coccicheck org "$rule" "$dir" "$tmp/$id.org"; then
		n_org=$(grep -c '^\* TODO .*\[ptebatch-' "$tmp/$id.org")
	fi
	n_rep=$(grep -c '\[ptebatch-' "$tmp/$id.report")
	if [ "$n_ctx" -gt 0 ] && [ "$n_org" = "$n_rep" ]; then
		ok "$id: MODE=context ($n_ctx lines) and MODE=org ($n_org items) run"
	else
		bad "$id: context marked $n_ctx lines, org $n_org items, report $n_rep" \
			"$tmp/$id.org"
	fi
done

# 3. vm_bug patch mode follows the tree the file sits in
stand=$tmp/mainline-tree
mkdir -p "$stand/include/linux" "$stand/mm"
cp "$top/testsuite/cocci-patch/trees/mainline/include/linux/mmdebug.h" \
	"$stand/include/linux/"
cp "$top/testsuite/cocci-patch/mainline-rewrite.c" "$stand/mm/"
if coccicheck patch vm_bug "$stand/mm" "$tmp/stand.patch" &&
   grep -q '^+.*VM_WARN_ON_ONCE_VMA(' "$tmp/stand.patch" &&
   ! grep -q '^+.*VM_BUG_ON' "$tmp/stand.patch"; then
	ok "vm-bug: MODE=patch in a mainline tree uses VM_WARN_ON_ONCE_VMA"
else
	bad "vm-bug: MODE=patch in a mainline stand-in tree" "$tmp/stand.patch"
fi

if [ "${PTEBATCH_COCCICHECK_QUICK:-0}" = 1 ]; then
	skip=$((skip + 3))
	echo "SKIP tests on 6.12 mm/: PTEBATCH_COCCICHECK_QUICK=1; run without it"
	echo "$pass passed, $fail failed, $skip skipped"
	[ $fail = 0 ]
	exit
fi

# 3b. and on 6.12's own mm/, where mmdebug.h has no _VMA twin
if coccicheck patch vm_bug mm/ "$tmp/mm.patch" &&
   grep -q '^+.*VM_WARN_ON_ONCE_FOLIO(' "$tmp/mm.patch" &&
   ! grep -q '^+.*VM_WARN_ON_ONCE_VMA(' "$tmp/mm.patch"; then
	ok "vm-bug: MODE=patch on 6.12 mm/ uses only 6.12's twins ($(grep -c '^+.*VM_WARN_ON_ONCE' "$tmp/mm.patch") rewrites)"
else
	bad "vm-bug: MODE=patch on 6.12 mm/" "$tmp/mm.patch"
fi

# 4. report mode on 6.12's mm/
: >"$tmp/mm.all"
mm_ok=1
for rule in $rules; do
	if ! coccicheck report "$rule" mm/ "$tmp/mm.$rule"; then
		bad "$rule: coccicheck MODE=report M=mm/ failed" "$tmp/mm.$rule"
		mm_ok=0
		continue
	fi
	grep -v '^\s*$' "$tmp/mm.$rule" | grep -v '\[ptebatch-' |
		grep ':[0-9]*:[0-9-]*: ' >>"$tmp/untagged"
	cat "$tmp/mm.$rule" >>"$tmp/mm.all"
done
if [ $mm_ok = 1 ]; then
	n=$(grep -c '\[ptebatch-vm-bug\]$' "$tmp/mm.all")
	if [ "$n" -ge 300 ] && [ ! -s "$tmp/untagged" ]; then
		ok "mm/: $n vm-bug findings, every finding line tagged"
	else
		bad "mm/: $n vm-bug findings (expected >= 300) or untagged lines" \
			"$tmp/untagged"
	fi
	# Findings other than vm-bug, as FILE:LINE:ID, against the triage.
	sed -n 's/^\(mm\/[^:]*\):\([0-9]*\):.*\[ptebatch-\([a-z-]*\)\]$/\1:\2:\3/p' \
		"$tmp/mm.all" | grep -v ':vm-bug$' | sort -u >"$tmp/mm.got"
	sed -n 's/^| `\(mm\/[^:`]*:[0-9]*\)` | `\([a-z-]*\)` .*/\1:\2/p' \
		"$top/docs/triage-cocci.md" | sort -u >"$tmp/mm.triaged"
	if cmp -s "$tmp/mm.got" "$tmp/mm.triaged"; then
		ok "mm/: the $(wc -l <"$tmp/mm.got") other findings are exactly the triaged ones"
	else
		diff "$tmp/mm.triaged" "$tmp/mm.got" >"$tmp/mm.diff"
		bad "mm/: findings differ from docs/triage-cocci.md (< triaged, > found)" \
			"$tmp/mm.diff"
	fi
else
	bad "mm/: the findings of every rule (2 tests): a rule failed above"
	fail=$((fail + 1))
fi
[ $((pass + fail + skip)) -eq $NR ] ||
	bad "counted $((pass + fail + skip)) tests, NR says $NR (fix NR)"

echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
