// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.x's clears with flushes that cover the batch: try_to_unmap_one()'s
 * deferred flush of end_addr, move_ptes()' flush of the whole range, and a
 * single PTE cleared and flushed on its own path.
 */
#include "../../include/kernel.h"

void unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address = pvmw->address;
	unsigned long end = pmd_addr_end(address, vma->vm_end);
	pte_t pteval = ptep_get(pvmw->pte);
	unsigned int nr_pages = folio_pte_batch(folio, pvmw->pte, pteval,
						(end - address) >> PAGE_SHIFT);
	unsigned long end_addr = address + nr_pages * PAGE_SIZE;

	pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
	if (should_defer_flush(mm, flags))
		set_tlb_ubc_flush_pending(mm, pteval, address, end_addr);
	else
		flush_tlb_range(vma, address, end_addr);
}

void collapse_one(struct folio *folio, struct vm_area_struct *vma, pte_t *pte,
		  unsigned long address)
{
	unsigned int nr_ptes;

	if (!folio_test_large(folio)) {
		ptep_clear_flush(vma, address, pte);
		return;
	}
	nr_ptes = folio_pte_batch(folio, pte, ptep_get(pte),
		(pmd_addr_end(address, vma->vm_end) - address) >> PAGE_SHIFT);
	clear_ptes(vma->vm_mm, address, pte, nr_ptes);
	flush_tlb_range(vma, address, address + nr_ptes * PAGE_SIZE);
}
