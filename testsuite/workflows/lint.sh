# SPDX-License-Identifier: GPL-2.0-only
#
# Sourced by run.sh: 'ptebatch lint' on a miniature kernel tree (a Makefile,
# mm/, a .config and Kbuild-style .cmd files), so both engines run in
# seconds: patches, series (mbox, --git), pre-existing findings, errors,
# and the git sendemail-validate hook.

mkdir -p kt/mm kt/include
cp "$inc/kernel.h" kt/include/
printf '# SPDX-License-Identifier: GPL-2.0-only\nall:\n' >kt/Makefile
printf 'CONFIG_MMU=y\n' >kt/.config
cat >kt/mm/unmap.c <<'EOF2'
// SPDX-License-Identifier: GPL-2.0-only
#include <kernel.h>

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end_addr = pmd_addr_end(addr, pvmw->vma->vm_end);

	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte,
			       (end_addr - addr) >> PAGE_SHIFT);
}

bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	unsigned long nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		pteval = ptep_get(pvmw->pte);
		if (pte_present(pteval))
			nr_pages = unmap_batch(folio, pvmw, pteval);
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
	}
	return true;
}

int old_check(struct folio *folio, int nr)
{
	VM_BUG_ON(nr < 0);
	return nr;
}
EOF2
# a batch-source wrapper (mprotect_folio_pte_batch()'s shape) and its caller
cat >kt/mm/protect.c <<'EOF2'
// SPDX-License-Identifier: GPL-2.0-only
#include <kernel.h>

static unsigned int prot_batch(struct folio *folio, pte_t *pte,
		unsigned int max_nr)
{
	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, pte, ptep_get(pte), max_nr);
}

unsigned int change_one(struct folio *folio, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr)
{
	unsigned int max_nr = (pmd_addr_end(addr, vma->vm_end) - addr) >> PAGE_SHIFT;
	unsigned int nr;

	nr = prot_batch(folio, pte, max_nr);
	wrprotect_ptes(vma->vm_mm, addr, pte, nr);
	return nr;
}
EOF2
echo 'savedcmd_mm/protect.o := gcc -Wp,-MMD,mm/.protect.o.d -I./include -D__KERNEL__ -Werror -Wall -O2 -DKBUILD_BASENAME='"'"'"protect"'"'"' -c -o mm/protect.o mm/protect.c' >kt/mm/.protect.o.cmd
echo 'savedcmd_mm/unmap.o := gcc -Wp,-MMD,mm/.unmap.o.d -I./include -D__KERNEL__ -Werror -Wall -O2 -DKBUILD_BASENAME='"'"'"unmap"'"'"' -c -o mm/unmap.o mm/unmap.c' >kt/mm/.unmap.o.cmd
(cd kt && git init -q && git add -A && git -c user.name=t -c user.email=t@example.com commit -q -m base) || ko "lint: git init"
kt=$tmp/kt

# mkpatch NAME SED-SCRIPT: a git-style diff of mm/unmap.c
mkpatch() {
	mkdir -p "p/a/mm" "p/b/mm"
	cp kt/mm/unmap.c p/a/mm/unmap.c
	sed "$2" kt/mm/unmap.c >p/b/mm/unmap.c
	(cd p && diff -u a/mm/unmap.c b/mm/unmap.c) >"$1.patch"
}
mkpatch stale '/^\t\tnr_pages = 1;$/d'
mkpatch vmbug 's/^\t\tpteval = ptep_get(pvmw->pte);$/&\n\t\tVM_BUG_ON(!vma);/'
mkpatch warn 's/^\t\tpteval = ptep_get(pvmw->pte);$/&\n\t\tVM_WARN_ON_ONCE(!vma);/'
mkpatch touch-old 's/^\treturn nr;$/\treturn nr + 0;/'
mkpatch reorder '/^\t\tnr_pages = 1;$/{h;d};/^\t\tpteval = ptep_get(pvmw->pte);$/{p;x}'

# the deleted reset makes a stale count at an unchanged call
run lint-stale 1 "$cli" lint --tree kt stale.patch
lines lint-stale-one "$tmp/out" 'ptebatch-' 1
has lint-stale-where "$tmp/out" '^mm/unmap.c:26:[0-9]*: warning: .*\[ptebatch-nr-stale\]'
has lint-summary "$tmp/out" '^total: 1 warnings, [0-9]* lines checked$'
[ "$(tail -n 1 "$tmp/out" | cut -c1-6)" = "total:" ] && ok || ko "lint-summary-last: output does not end with the summary"
run lint-reorder-clean 0 "$cli" lint --tree kt reorder.patch
has lint-clean-summary "$tmp/out" '^total: 0 warnings, '
run lint-vmbug 1 "$cli" lint --tree kt vmbug.patch
lines lint-vmbug-one "$tmp/out" 'ptebatch-vm-bug' 1
has lint-vmbug-line "$tmp/out" '^mm/unmap.c:25:'
run lint-warn-clean 0 "$cli" lint --tree kt warn.patch
# mails as lists carry them, read through GMime (tools/mail.c): a
# quoted-printable body (was "hunk is truncated or malformed"), a base64
# one, RFC 2047 encoded subjects; an mbox of both
qpmail() {
	printf 'From: A <a@example.org>\nSubject: =?UTF-8?q?=5BPATCH_1/2=5D_mm=3A_unmap=3A_=C3=A0_check?=\nMessage-ID: <qp@test>\n'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\n'
	sed 's/=/=3D/g; s/\t/=09/g' "$1"
}
b64mail() {
	printf 'From: A <a@example.org>\nSubject: =?UTF-8?b?W1BBVENIIDIvMl0gbW06IHVubWFwOiBhIHdhcm5pbmc=?=\nMessage-ID: <b64@test>\n'
	printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n'
	base64 "$1"
}
qpmail vmbug.patch >vmbug-qp.eml
run lint-qp 1 "$cli" lint --tree kt vmbug-qp.eml
lines lint-qp-one "$tmp/out" 'ptebatch-vm-bug' 1
has lint-qp-line "$tmp/out" '^mm/unmap.c:25:'
b64mail vmbug.patch >vmbug-b64.eml
run lint-base64 1 "$cli" lint --tree kt vmbug-b64.eml
has lint-base64-line "$tmp/out" '^mm/unmap.c:25:'
{ echo 'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001'; qpmail vmbug.patch
  echo; echo 'From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001'; b64mail touch-old.patch; } >mails.mbox
run lint-mail-mbox 1 "$cli" lint --tree kt mails.mbox
has lint-mail-subject "$tmp/out" '^\[1/2\] \[PATCH 1/2\] mm: unmap: à check$'
has lint-mail-subject-b64 "$tmp/out" '^\[2/2\] \[PATCH 2/2\] mm: unmap: a warning$'
lines lint-mail-mbox-one "$tmp/out" 'ptebatch-vm-bug' 1
# old_check's VM_BUG_ON was there before: touching the function is not enough
run lint-preexisting 0 "$cli" lint --tree kt touch-old.patch
hasnt lint-preexisting-quiet "$tmp/out" 'ptebatch-'
# A patch to a .c file has the code before compiled beside the code
# after, before it is known to be needed: a patch that fixes the build
# must not fail because the code before does not compile.
cp -a kt kt-broken && sed -i '1a int broken = ;' kt-broken/mm/unmap.c
mkdir -p p/a/mm p/b/mm && cp kt-broken/mm/unmap.c p/a/mm/unmap.c && cp kt/mm/unmap.c p/b/mm/unmap.c &&
	(cd p && diff -u a/mm/unmap.c b/mm/unmap.c) >fix-build.patch
run lint-fix-build 0 "$cli" lint --tree kt-broken fix-build.patch
has lint-fix-build-summary "$tmp/out" '^total: 0 warnings, '
# a limit changed in the caller: the finding lands in the untouched wrapper
mkdir -p p/a/mm p/b/mm
cp kt/mm/protect.c p/a/mm/protect.c
sed 's/^\tunsigned int max_nr = (pmd_addr_end.*/\tunsigned int max_nr = folio_nr_pages(folio);/' \
	kt/mm/protect.c >p/b/mm/protect.c
(cd p && diff -u a/mm/protect.c b/mm/protect.c) >wrapper.patch
sed 's/^\treturn nr;$/\treturn nr + 0;/' kt/mm/protect.c >p/b/mm/protect.c
(cd p && diff -u a/mm/protect.c b/mm/protect.c) >wrapper-touch.patch
run lint-wrapper 1 "$cli" lint --tree kt --engine=plugin wrapper.patch
has lint-wrapper-where "$tmp/out" '^mm/protect.c:9:[0-9]*: warning: .*\[ptebatch-batch-bounds\]'
run lint-wrapper-touch-clean 0 "$cli" lint --tree kt --engine=plugin wrapper-touch.patch
# the tree is never written
(cd kt && git diff --quiet && [ -z "$(git status --porcelain)" ]) && ok || ko "lint-tree-untouched: the tree changed"

# without a tree: the Coccinelle rules, and it says so
run lint-notree-vmbug 1 sh -c "cd kt && '$cli' lint ../vmbug.patch"
has lint-notree-note "$tmp/err" 'only the Coccinelle rules'
lines lint-notree-one "$tmp/out" 'ptebatch-vm-bug' 1
run lint-stdin 1 sh -c "cd kt && '$cli' lint - <../vmbug.patch"
run lint-notree-stale 0 sh -c "cd kt && '$cli' lint ../stale.patch"

# formats: the summary goes to stderr, the findings alone to stdout
run lint-json 1 "$cli" lint --tree kt --format=json vmbug.patch
lines lint-json-only "$tmp/out" '^{"file":"mm/unmap.c","line":25,' 1
has lint-json-summary "$tmp/err" '^total: 1 warnings'
run lint-baseline-write 0 "$cli" baseline lint --tree kt vmbug.patch
cp "$tmp/out" lint-bl.txt
run lint-baseline 0 "$cli" lint --tree kt --baseline lint-bl.txt vmbug.patch

# errors: a hunk that does not apply, not a kernel tree, missing tools
sed 's/^ \t\tpteval = ptep_get/ \t\tpteval = xxx_get/' vmbug.patch >bad.patch
run lint-does-not-apply 2 "$cli" lint --tree kt bad.patch
has lint-names-hunk "$tmp/err" "mm/unmap.c hunk #1 '@@ -"
run lint-not-kernel 2 "$cli" lint --tree "$tmp/p" vmbug.patch
has lint-not-kernel-why "$tmp/err" 'not a kernel tree'
mkdir -p kt2/mm && cp kt/Makefile kt2/
run lint-unconfigured 2 "$cli" lint --tree kt2 vmbug.patch
has lint-unconfigured-why "$tmp/err" 'no .config'
mkdir -p "$tmp/bin"
for t in gcc cc1 as ld sh rm git; do p=$(command -v $t) && ln -sf "$p" "$tmp/bin/$t"; done
run lint-no-spatch 2 env PATH="$tmp/bin" "$cli" lint --tree kt vmbug.patch
has lint-no-spatch-why "$tmp/err" 'spatch not found'
run lint-no-patch 2 "$cli" lint --tree kt
run lint-missing-patch 2 "$cli" lint --tree kt "$tmp/none.patch"
# a file not built yet gets a sibling's flags; a directory without any fails
mkdir -p kt/lib && cp kt/mm/unmap.c kt/lib/other.c
(cd p && rm -rf a b && mkdir -p a/lib b/lib && cp ../kt/lib/other.c a/lib/ &&
	sed 's/^\t\tnr_pages = 1;$//' ../kt/lib/other.c >b/lib/other.c &&
	diff -u a/lib/other.c b/lib/other.c) >nocmd.patch
run lint-no-flags 2 "$cli" lint --tree kt nocmd.patch
has lint-no-flags-why "$tmp/err" 'no compile flags for lib/other.c'
rm -rf kt/lib

# a series: patch 2 builds on patch 1 (mbox from git format-patch, --git)
gitc() { git -C kt -c user.name=t -c user.email=t@example.com "$@"; }
sed -i 's/^\t\tpteval = ptep_get(pvmw->pte);$/&\n\t\tVM_BUG_ON(!vma);/' kt/mm/unmap.c
gitc commit -q -am "mm: add a check" 
sed -i 's/^\t\tVM_BUG_ON(!vma);$/\t\tVM_WARN_ON_ONCE(!vma);/' kt/mm/unmap.c
gitc commit -q -am "mm: warn instead"
gitc format-patch -q --stdout HEAD~2..HEAD >series.mbox
run lint-mbox 1 "$cli" lint --tree kt series.mbox
has lint-mbox-first "$tmp/out" '^\[1/2\] \[PATCH 1/2\] mm: add a check'
has lint-mbox-second "$tmp/out" '^\[2/2\] \[PATCH 2/2\] mm: warn instead'
lines lint-mbox-one "$tmp/out" 'ptebatch-vm-bug' 1
has lint-mbox-total "$tmp/out" '^total: 1 warnings, [0-9]* lines checked$'
run lint-git-range 1 sh -c "cd kt && '$cli' lint --tree . --git HEAD~2..HEAD"
lines lint-git-range-one "$tmp/out" 'ptebatch-vm-bug' 1
run lint-git-range-notree 1 sh -c "cd kt && '$cli' lint --git HEAD~2..HEAD"
run lint-git-bad-range 2 sh -c "cd kt && '$cli' lint --git nosuchref..HEAD"

# git send-email through the sendemail-validate hook (docs/workflows.md)
if git send-email -h 2>&1 | grep -q -- '--dry-run'; then
	section 8 "sendemail-validate hook"
	mkdir -p kt/.git/hooks
	# the hook exactly as docs/workflows.md shows it
	sed -n "/^cat > .git\/hooks\/sendemail-validate <<'EOF'\$/,/^EOF\$/p" \
		"$top/docs/workflows.md" | sed '1d;$d' |
		sed "s|/path/to/ptebatch/tools/ptebatch|$cli|g" >kt/.git/hooks/sendemail-validate
	grep -q "$cli lint" kt/.git/hooks/sendemail-validate && ok ||
		ko "hook: no hook script found in docs/workflows.md"
	chmod +x kt/.git/hooks/sendemail-validate
	send() { (cd kt && git -c user.name=t -c user.email=t@example.com \
		-c sendemail.smtpserver=/bin/true send-email --dry-run --confirm=never \
		--to=linux-mm@example.org "$@"); }
	send HEAD~2..HEAD~1 >"$tmp/out" 2>"$tmp/err"
	[ $? -ne 0 ] && ok || ko "hook-refuses-bad: git send-email sent a bad patch"
	has hook-rejected "$tmp/err" 'rejected by sendemail-validate hook'
	has hook-says-why "$tmp/err" 'ptebatch-vm-bug'
	hasnt hook-not-sent "$tmp/out" 'Dry-OK\|Dry-Sent'
	# an unconfigured tree: the Coccinelle rules still refuse it
	mv kt/.config kt/.config.off
	send HEAD~2..HEAD~1 >"$tmp/out" 2>"$tmp/err"
	[ $? -ne 0 ] && grep -q 'only the Coccinelle rules' "$tmp/err" && ok ||
		ko "hook-unconfigured: the bad patch was not refused by the cocci-only lint"
	mv kt/.config.off kt/.config
	run hook-lets-good-go 0 send HEAD~1..HEAD
	has hook-dry-run-sent "$tmp/out" 'Dry-OK\|Dry-Sent'
	end_section
else
	skip_section 8 "sendemail-validate hook: git send-email not installed; run make deps (git-email)"
fi

# what docs/ci/ runs: SARIF and annotations of a range of commits
BASE=$(git -C kt rev-parse HEAD~2)
run ci-lint-sarif 1 sh -c "cd kt && '$cli' lint --tree . --format=sarif --git '$BASE..HEAD'"
cp "$tmp/out" lint.sarif
has ci-lint-sarif-result lint.sarif '"ruleId":"vm-bug"'
has ci-lint-sarif-summary "$tmp/err" '^total: 1 warnings'
if [ -x "$mt_dir/Sarif.Multitool" ] && [ "$mt_version" = "$SARIF_MULTITOOL_VERSION" ]; then
	validate sarif-lint lint.sarif
else
	skipped "SARIF validation: no $SARIF_MULTITOOL $SARIF_MULTITOOL_VERSION in $npm_dir (found: ${mt_version:-none}); run make deps"
fi
run ci-lint-github 1 sh -c "cd kt && '$cli' lint --tree . --format=github --git '$BASE..HEAD'"
lines ci-lint-github-one "$tmp/out" '^::warning file=mm/unmap.c,line=25,col=[0-9]*,title=ptebatch-vm-bug::' 1
if command -v yq >/dev/null 2>&1 && yq --version >/dev/null 2>&1; then
	section 2 "docs/ci YAML"
	[ "$(yq -r '.jobs.lint.steps[].run // empty' "$top/docs/ci/github-workflow.yml" | grep -c 'ptebatch lint --tree . --format=')" -eq 2 ] &&
		ok || ko "ci-github-yaml: the workflow does not parse or lacks the lint steps"
	yq -r '."ptebatch-lint".script[]' "$top/docs/ci/gitlab-ci.yml" | grep -q 'ptebatch lint --tree . --format=sarif --git "$BASE..HEAD"' &&
		ok || ko "ci-gitlab-yaml: the job does not parse or lacks the lint step"
	end_section
else
	skip_section 2 "docs/ci YAML: no yq to parse it; run make deps"
fi
