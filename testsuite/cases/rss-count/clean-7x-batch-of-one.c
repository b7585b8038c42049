// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's try_to_unmap_one(): the hwpoison and pte_unused() paths count one
 * page, and that is right, because folio_unmap_pte_batch() returns 1 under
 * the very tests that lead there (TTU_HWPOISON, pte_unused(pte)).
 */
#include "../../include/kernel.h"

bool pte_unused(pte_t pte);
bool folio_test_hwpoison(struct folio *folio);

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end;

	if (flags & TTU_HWPOISON)
		return 1;
	if (!folio_test_large(folio))
		return 1;
	end = pmd_addr_end(addr, pvmw->vma->vm_end);
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
		nr_pages = 1;
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		if (folio_test_hwpoison(folio) && (flags & TTU_HWPOISON))
			dec_mm_counter(mm, mm_counter(folio));
		else if (pte_present(pteval) && pte_unused(pteval))
			dec_mm_counter(mm, mm_counter(folio));
		else
			add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
		if (nr_pages == folio_nr_pages(folio))
			break;
	}
	return true;
}
