// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's try_to_unmap_one() hands the batch to ttu_anon_folio(), which
 * hands it to the lazyfree path: a by-one counter move there, after a
 * batched clear in the caller, is the file-folio bug one call deeper.
 * Reported at the callee's line, with a note at the call.
 */
#include "../../include/kernel.h"

static bool lazyfree(struct vm_area_struct *vma, struct folio *folio,
		     unsigned long nr_pages)
{
	if (folio_test_swapbacked(folio))
		return false;
	dec_mm_counter(vma->vm_mm, MM_ANONPAGES); /* expect[plugin]: rss-count */
	return true;
}

/* not handed the batch: one page, as 7.3 says ("nr_pages > 1 not supported") */
static bool swapbacked(struct vm_area_struct *vma, struct folio *folio)
{
	dec_mm_counter(vma->vm_mm, MM_ANONPAGES);
	inc_mm_counter(vma->vm_mm, MM_SWAPENTS);
	return true;
}

static bool anon(struct vm_area_struct *vma, struct folio *folio,
		 unsigned long nr_pages)
{
	if (!folio_test_swapbacked(folio))
		return lazyfree(vma, folio, nr_pages);
	return swapbacked(vma, folio);
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
	if (folio_test_anon(folio))
		anon(vma, folio, nr_pages);
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}
