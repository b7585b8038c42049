#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ptebatch lint as b4's per-patch check, end to end, for an author
# (b4 prep --check, b4.prep-perpatch-check-cmd) and a maintainer
# (b4 am --check, b4.am-perpatch-check-cmd), on a two-patch series whose
# second patch passes the folio size as a batch count.
#
# The per-patch check needs b4 >= 0.14 (Debian 12 has 0.12, which has no
# per-patch check): make deps unpacks Debian 13's b4 at the version
# testsuite/pins records (testsuite/debian-get.sh, a private apt
# configuration), run by this machine's python3 with the modules Debian 12
# has for it (make deps).  The test never fetches it.
#
# Sourced by testsuite/workflows/run.sh (lib.sh assertions, $tmp, $cli).

NR_B4=15
b4_dir=${PTEBATCH_DEBIAN_CACHE:-/var/cache/ptebatch/debian}/$B4_SUITE/b4
b4_py=/usr/bin/python3
b4_have=$(cat "$b4_dir/.ptebatch-version" 2>/dev/null)
if [ "$b4_have" != "b4 $B4_VERSION ($B4_SUITE)" ] || [ ! -f "$b4_dir/usr/bin/b4" ]; then
	skip_section $NR_B4 "b4 per-patch check: no b4 $B4_VERSION of Debian $B4_SUITE in $b4_dir (found: ${b4_have:-none}); run make deps"
	return 0 2>/dev/null || exit 0
fi
if ! PYTHONPATH=$b4_dir/usr/lib/python3/dist-packages "$b4_py" -c 'import b4.command' 2>"$tmp/b4-py.err"; then
	skip_section $NR_B4 "b4 per-patch check: b4's python modules missing ($(tail -n 1 "$tmp/b4-py.err")); run make deps"
	return 0 2>/dev/null || exit 0
fi
section $NR_B4 "b4 per-patch check"
b4() {
	PYTHONPATH=$b4_dir/usr/lib/python3/dist-packages HOME=$tmp/b4home \
		XDG_CACHE_HOME=$tmp/b4home/cache XDG_DATA_HOME=$tmp/b4home/data \
		"$b4_py" "$b4_dir/usr/bin/b4" --offline-mode "$@"
}
mkdir -p "$tmp/b4home"
b4_version=$(b4 --version 2>/dev/null)
echo "NOTE b4 $b4_version ($(cat "$b4_dir/.ptebatch-version"))"

# A repository with one mm/ file, a b4 prep branch and two patches.
repo=$tmp/b4repo
mkdir -p "$repo/mm"
cp "$inc/kernel.h" "$repo/mm/"
sed 's|"../../include/kernel.h"|"kernel.h"|' "$top/testsuite/cases/nr-provenance/clean-batch.c" \
	>"$repo/mm/unmap.c"
(
	cd "$repo" || exit 1
	git init -q -b master
	git config user.name "A U Thor"
	git config user.email author@example.org
	git add . && git commit -q -m "mm: base"
	b4 prep -n pbtest >/dev/null 2>&1 || exit 1
	sed -i '0,/^ \*\/$/s// * A comment line more.\n *\//' mm/unmap.c
	git commit -q -a -m "mm: unmap: say more" -m "Signed-off-by: A U Thor <author@example.org>"
	# the 2024 mistake: the folio size where the batch count belongs
	awk '/nr_pages = folio_unmap_pte_batch\(folio, pvmw, flags,$/ {
		print "\t\t\tnr_pages = folio_nr_pages(folio);"; getline; next } { print }' \
		mm/unmap.c >mm/unmap.c.new && mv mm/unmap.c.new mm/unmap.c
	git commit -q -a -m "mm: unmap: batch the whole folio" -m "Signed-off-by: A U Thor <author@example.org>"
	git config b4.prep-perpatch-check-cmd "$cli lint --format=b4 -"
	git config b4.am-perpatch-check-cmd "$cli lint --format=b4 -"
) >"$tmp/b4-setup.log" 2>&1 && ok || { ko "b4: setting up the series"; tail -n 5 "$tmp/b4-setup.log"; }

# The author: b4 prep --check
(cd "$repo" && b4 prep --check --no-cache) >"$tmp/b4-prep.log" 2>&1
has b4-prep-ran "$tmp/b4-prep.log" 'Checking patches using:'
has b4-prep-good-passed "$tmp/b4-prep.log" 'mm: unmap: say more'
lines b4-prep-bad-warnings "$tmp/b4-prep.log" 'ptebatch: mm/unmap.c:[0-9]*: WARNING: nr_pages passed to .*\[ptebatch-nr-provenance\]$' 2
has b4-prep-summary "$tmp/b4-prep.log" 'Success: 1, Warning: 2, Error: 0'

# The maintainer: the series as mail, b4 am --check
(cd "$repo" && git format-patch -q --thread --cover-letter -o "$tmp/b4mail" HEAD~2..HEAD &&
	cat "$tmp"/b4mail/*.patch >"$tmp/b4-series.mbox" && git checkout -q master) && ok ||
	ko "b4: format-patch"
(cd "$repo" && b4 am -m "$tmp/b4-series.mbox" --check -o "$tmp/b4am") >"$tmp/b4-am.log" 2>&1
has b4-am-ran "$tmp/b4-am.log" 'Total patches: 2'
sed -n '/\[PATCH 1\/2\]/,/\[PATCH 2\/2\]/p' "$tmp/b4-am.log" >"$tmp/b4-am.1"
has b4-am-first-passed "$tmp/b4-am.1" 'ptebatch: passed all checks'
sed -n '/\[PATCH 2\/2\]/,/^---/p' "$tmp/b4-am.log" >"$tmp/b4-am.2"
lines b4-am-second-warnings "$tmp/b4-am.2" 'ptebatch: mm/unmap.c:[0-9]*: WARNING: .*\[ptebatch-nr-provenance\]$' 2

# What b4 reads: nothing and 0 for a clean patch, one line a finding and 1,
# one line on stderr and 2 for a patch that does not apply
run b4-format-clean 0 sh -c "cd '$repo' && '$cli' lint --format=b4 - <'$tmp/b4mail/0001-mm-unmap-say-more.patch'"
[ -s "$tmp/out" ] || [ -s "$tmp/err" ] && ko "b4-format-clean: printed something" || ok
run b4-format-bad 1 sh -c "cd '$repo' && '$cli' lint --format=b4 - <'$tmp/b4mail/0002-mm-unmap-batch-the-whole-folio.patch'"
lines b4-format-bad-lines "$tmp/out" '^mm/unmap.c:[0-9]*: WARNING: ' 2
[ -s "$tmp/err" ] && ko "b4-format-bad: stderr is b4's 'fail': $(head -n 1 "$tmp/err")" || ok
sed '/^@@ /{n;s/^ .*/ no such context line/;}' "$tmp/b4mail/0001-mm-unmap-say-more.patch" >"$tmp/b4-broken.patch"
run b4-format-no-apply 2 sh -c "cd '$repo' && '$cli' lint --format=b4 - <'$tmp/b4-broken.patch'"
end_section
