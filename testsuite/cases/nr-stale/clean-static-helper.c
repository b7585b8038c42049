// SPDX-License-Identifier: GPL-2.0-only
/*
 * The static-helper shape of flag-static-helper.c, clean: the count that
 * reaches the helper is set on every path of the iteration, by the batch
 * or by its else branch, and a helper called before any batch gets a
 * constant 1.  Nothing of a previous iteration reaches a batched helper.
 */
#include "../../include/kernel.h"

static void put_ptes(struct folio *folio, struct vm_area_struct *vma,
		unsigned int how_many)
{
	folio_remove_rmap_ptes(folio, &folio->page, how_many, vma);
}

void every_path_sets(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	unsigned int n;

	while (page_vma_mapped_walk(pvmw)) {
		if (pte_present(ptep_get(pvmw->pte)))
			n = folio_pte_batch(folio, pvmw->pte, ptep_get(pvmw->pte),
				(pmd_addr_end(pvmw->address, vma->vm_end) -
				 pvmw->address) >> PAGE_SHIFT);
		else
			n = 1;
		put_ptes(folio, vma, n);
	}
}

void one_before_the_loop(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	put_ptes(folio, vma, 1);
	while (page_vma_mapped_walk(pvmw)) {
		unsigned int n = folio_pte_batch(folio, pvmw->pte,
				ptep_get(pvmw->pte),
				(pmd_addr_end(pvmw->address, vma->vm_end) -
				 pvmw->address) >> PAGE_SHIFT);

		put_ptes(folio, vma, n);
	}
}
