// SPDX-License-Identifier: GPL-2.0-only
/*
 * The batch source returns 1 only where both anon and swapbacked hold;
 * the caller's path that tests one of them, or the opposite of the
 * other, can have a batch of more than one.
 */
#include "../../include/kernel.h"

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end;

	if (!folio_test_large(folio))
		return 1;
	end = pmd_addr_end(addr, pvmw->vma->vm_end);
	if (folio_test_anon(folio) && folio_test_swapbacked(folio))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

bool unmap_one(struct folio *folio, struct vm_area_struct *vma,
	       struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned long nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		if (folio_test_swapbacked(folio)) {
			dec_mm_counter(mm, MM_ANONPAGES); /* expect: rss-count */
			flush_tlb_page(vma, address); /* expect: tlb-range */
			folio_put(folio); /* expect: folio-count */
		} else if (folio_test_anon(folio)) {
			/* anon, not swapbacked: a batch */
			dec_mm_counter(mm, MM_ANONPAGES); /* expect: rss-count */
		} else {
			add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		}
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
	}
	return true;
}
