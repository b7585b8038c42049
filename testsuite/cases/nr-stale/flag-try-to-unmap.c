// SPDX-License-Identifier: GPL-2.0-only
/*
 * The try_to_unmap_one() bug fixed by "mm/rmap: initialize nr_pages to 1
 * at loop start in try_to_unmap_one" (seed 003): nr_pages is set on the
 * present-PTE path only, so a later iteration that takes the swap path
 * hands the previous batch to folio_remove_rmap_ptes().
 */
#include "../../include/kernel.h"

static unsigned int folio_unmap_pte_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end_addr = pmd_addr_end(addr, pvmw->vma->vm_end);

	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte,
			       (end_addr - addr) >> PAGE_SHIFT);
}

bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long nr_pages = 1, address;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		if (pte_present(pteval)) {
			nr_pages = folio_unmap_pte_batch(folio, pvmw, pteval);
			pteval = get_and_clear_full_ptes(mm, address, pvmw->pte,
							 nr_pages, 0);
			flush_tlb_range(vma, address,
					address + nr_pages * PAGE_SIZE);
		} else {
			pteval = ptep_get_and_clear(mm, address, pvmw->pte);
		}
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma); /* expect: nr-stale */
		add_mm_counter(mm, mm_counter(folio), -(long)nr_pages);
		if (nr_pages == folio_nr_pages(folio))
			break;
	}
	return true;
}
