// SPDX-License-Identifier: GPL-2.0-only
/*
 * The stale count reaches the batched helper through a static function:
 * reported at the call that passes it, with a note at the helper.  A
 * caller that resets the count every iteration stays clean.
 */
#include "../../include/kernel.h"

static void put_ptes(struct folio *folio, struct vm_area_struct *vma,
		unsigned int how_many)
{
	folio_remove_rmap_ptes(folio, &folio->page, how_many, vma);
}

void stale_caller(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	unsigned int n = 1;

	while (page_vma_mapped_walk(pvmw)) {
		if (pte_present(ptep_get(pvmw->pte)))
			n = folio_pte_batch(folio, pvmw->pte, ptep_get(pvmw->pte),
				(pmd_addr_end(pvmw->address, vma->vm_end) -
				 pvmw->address) >> PAGE_SHIFT);
		put_ptes(folio, vma, n); /* expect: nr-stale */
	}
}

void fresh_caller(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	while (page_vma_mapped_walk(pvmw)) {
		unsigned int n = 1;

		if (pte_present(ptep_get(pvmw->pte)))
			n = folio_pte_batch(folio, pvmw->pte, ptep_get(pvmw->pte),
				(pmd_addr_end(pvmw->address, vma->vm_end) -
				 pvmw->address) >> PAGE_SHIFT);
		put_ptes(folio, vma, n);
	}
}
