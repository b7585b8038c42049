// SPDX-License-Identifier: GPL-2.0-only
/*
 * Batched clear, single-page flushes (seed 000, before the v4 rework):
 * the deferred flush and the immediate flush still cover
 * address + PAGE_SIZE, and the cache flush before the clear one page.
 */
#include "../../include/kernel.h"

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end = pmd_addr_end(addr, pvmw->vma->vm_end);

	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

void unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address = pvmw->address;
	pte_t pteval = ptep_get(pvmw->pte);
	unsigned int nr_pages = unmap_batch(folio, pvmw, pteval);

	flush_cache_page(vma, address, pte_pfn(pteval)); /* expect: tlb-range */
	pteval = get_and_clear_full_ptes(mm, address, pvmw->pte, nr_pages, 0);
	if (should_defer_flush(mm, flags))
		set_tlb_ubc_flush_pending(mm, pteval, address, address + PAGE_SIZE); /* expect: tlb-range */
	else
		flush_tlb_page(vma, address); /* expect: tlb-range */
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}
