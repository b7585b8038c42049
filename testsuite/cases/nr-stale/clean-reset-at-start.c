// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fix (seed 003): nr_pages = 1 at the start of every iteration.  Also
 * a count set on every path, and one computed before the loop and never
 * changed in it.
 */
#include "../../include/kernel.h"

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

void every_path(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct unmap_state { unsigned int nr; } st;

	while (page_vma_mapped_walk(pvmw)) {
		pte_t pte = ptep_get(pvmw->pte);

		if (pte_present(pte))
			st.nr = unmap_batch(folio, pvmw, pte);
		else
			st.nr = 1;
		folio_remove_rmap_ptes(folio, &folio->page, st.nr, vma);
	}
}

void fixed_before_loop(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	unsigned int nr = unmap_batch(folio, pvmw, pte);
	int i;

	for (i = 0; i < 4; i++)
		wrprotect_ptes(vma->vm_mm, pvmw->address, pvmw->pte, nr);
}
