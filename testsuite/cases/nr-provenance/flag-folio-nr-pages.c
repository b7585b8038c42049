// SPDX-License-Identifier: GPL-2.0-only
/*
 * The v4 lazyfree batching (seed 000): when the folio "can be batched",
 * nr_pages becomes folio_nr_pages() and goes straight to the batched
 * helpers, instead of the count a batch source returned.
 */
#include "../../include/kernel.h"

static bool can_batch_unmap_folio_ptes(unsigned long addr,
		struct folio *folio, pte_t *ptep, struct vm_area_struct *vma)
{
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	unsigned int max_nr = (end - addr) >> PAGE_SHIFT;
	pte_t pte = ptep_get(ptep);

	return folio_pte_batch(folio, ptep, pte, max_nr) == folio_nr_pages(folio);
}

bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address = pvmw->address;
	unsigned long nr_pages = 1;
	pte_t pteval;

	if (folio_test_large(folio) && !(flags & TTU_HWPOISON) &&
	    can_batch_unmap_folio_ptes(address, folio, pvmw->pte, vma))
		nr_pages = folio_nr_pages(folio);
	flush_cache_range(vma, address, address + nr_pages * PAGE_SIZE);
	pteval = get_and_clear_full_ptes(mm, address, pvmw->pte, nr_pages, 0); /* expect: nr-provenance */
	flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
	if (pte_dirty(pteval))
		folio_mark_dirty(folio);
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma); /* expect: nr-provenance */
	return true;
}
