// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shape of clean-7x-batch-of-one.c where the test before the by-one
 * counter is not one that makes the batch source return 1: another flag,
 * another PTE test, and the anon path (the source batches anon folios).
 */
#include "../../include/kernel.h"

bool pte_unused(pte_t pte);
bool pte_special(pte_t pte);

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end = pmd_addr_end(addr, pvmw->vma->vm_end);

	if (flags & TTU_HWPOISON)
		return 1;
	if (pte_unused(pte))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

bool unmap_one(struct folio *folio, struct vm_area_struct *vma,
	       struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned int nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		if (flags & TTU_SYNC)
			dec_mm_counter(mm, mm_counter(folio)); /* expect: rss-count */
		else if (pte_special(pteval))
			dec_mm_counter(mm, mm_counter(folio)); /* expect: rss-count */
		else if (folio_test_anon(folio))
			dec_mm_counter(mm, MM_ANONPAGES); /* expect: rss-count */
		else
			add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
	}
	return true;
}
