// SPDX-License-Identifier: GPL-2.0-only
/*
 * A batch on one branch of the walk, one swap entry on the other: the
 * else branch's by-one move never follows the batched unmap in one
 * iteration and is left alone; the batched branch's own by-one move is
 * reported.
 */
#include "../../include/kernel.h"

void walk_mapped(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int nr;
	pte_t pte;

	while (page_vma_mapped_walk(pvmw)) {
		pte = ptep_get(pvmw->pte);
		if (pte_present(pte)) {
			nr = folio_pte_batch(folio, pvmw->pte, pte,
					     (pmd_addr_end(pvmw->address, vma->vm_end) -
					      pvmw->address) >> PAGE_SHIFT);
			get_and_clear_full_ptes(mm, pvmw->address, pvmw->pte, nr, 0);
			add_mm_counter(mm, MM_ANONPAGES, -(long)nr);
		} else {
			dec_mm_counter(mm, MM_SWAPENTS);
		}
	}
}

void walk_mapped_by_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int nr;
	pte_t pte;

	while (page_vma_mapped_walk(pvmw)) {
		pte = ptep_get(pvmw->pte);
		if (pte_present(pte)) {
			nr = folio_pte_batch(folio, pvmw->pte, pte,
					     (pmd_addr_end(pvmw->address, vma->vm_end) -
					      pvmw->address) >> PAGE_SHIFT);
			get_and_clear_full_ptes(mm, pvmw->address, pvmw->pte, nr, 0);
			dec_mm_counter(mm, MM_ANONPAGES); /* expect: rss-count */
		} else {
			dec_mm_counter(mm, MM_SWAPENTS);
		}
	}
}
