// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's lazyfree path as written: the callee handed the batch moves the
 * counter by it; a callee handed one PTE (the constant 1) may count one.
 */
#include "../../include/kernel.h"

static bool lazyfree(struct vm_area_struct *vma, struct folio *folio,
		     unsigned long nr_pages)
{
	if (folio_test_swapbacked(folio))
		return false;
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, -nr_pages);
	return true;
}

static void drop_one(struct vm_area_struct *vma, unsigned long nr)
{
	if (nr)
		dec_mm_counter(vma->vm_mm, MM_ANONPAGES);
}

void unmap(struct folio *folio, struct vm_area_struct *vma,
	   struct page_vma_mapped_walk *pvmw)
{
	unsigned long address = pvmw->address;
	unsigned long nr_pages = folio_pte_batch(folio, pvmw->pte,
		ptep_get(pvmw->pte),
		(pmd_addr_end(address, vma->vm_end) - address) >> PAGE_SHIFT);

	get_and_clear_ptes(vma->vm_mm, address, pvmw->pte, nr_pages);
	flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
	lazyfree(vma, folio, nr_pages);
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}

void unmap_single(struct folio *folio, struct vm_area_struct *vma,
		  pte_t *pte, unsigned long address)
{
	ptep_get_and_clear(vma->vm_mm, address, pte);
	folio_remove_rmap_ptes(folio, &folio->page, 1, vma);
	drop_one(vma, 1);
}
