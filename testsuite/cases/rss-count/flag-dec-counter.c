// SPDX-License-Identifier: GPL-2.0-only
/*
 * "mm: rmap: support batched unmapping for file large folios" (seed 002)
 * before the fix: the batched path still does dec_mm_counter(), one page
 * for nr_pages unmapped.
 */
#include "../../include/kernel.h"

static unsigned int folio_unmap_pte_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end = pmd_addr_end(addr, pvmw->vma->vm_end);

	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long nr_pages, address, end_addr;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = folio_unmap_pte_batch(folio, pvmw, pteval);
		end_addr = address + nr_pages * PAGE_SIZE;
		pteval = get_and_clear_full_ptes(mm, address, pvmw->pte,
						 nr_pages, 0);
		flush_tlb_range(vma, address, end_addr);
		if (folio_test_anon(folio))
			add_mm_counter(mm, MM_ANONPAGES, -nr_pages);
		else
			dec_mm_counter(mm, mm_counter_file(folio)); /* expect: rss-count */
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
		if (nr_pages == folio_nr_pages(folio))
			break;
	}
	return true;
}
