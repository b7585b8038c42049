// SPDX-License-Identifier: GPL-2.0-only
/*
 * Flushes that cover the whole batch, single-page flushes on the path that
 * clears one PTE, a batch of literally one PTE, and a loop whose address
 * moves on between the clear of one iteration and the flush of the next.
 */
#include "../../include/kernel.h"

void unmap_batch(struct vm_area_struct *vma, pte_t *ptep,
		 unsigned long address, unsigned int nr_pages)
{
	unsigned long end_addr = address + nr_pages * PAGE_SIZE;
	pte_t pteval;

	flush_cache_range(vma, address, end_addr);
	pteval = get_and_clear_full_ptes(vma->vm_mm, address, ptep, nr_pages, 0);
	if (should_defer_flush(vma->vm_mm, TTU_BATCH_FLUSH))
		set_tlb_ubc_flush_pending(vma->vm_mm, pteval, address, end_addr);
	else
		flush_tlb_range(vma, address, end_addr);
}

void zap_batch(struct mmu_gather *tlb, struct vm_area_struct *vma,
	       pte_t *ptep, unsigned long addr, unsigned int nr)
{
	if (nr > 1) {
		clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
		tlb_remove_tlb_entries(tlb, ptep, nr, addr);
	} else {
		ptep_get_and_clear(vma->vm_mm, addr, ptep);
		tlb_remove_tlb_entry(tlb, ptep, addr);
	}
}

void clear_one(struct vm_area_struct *vma, pte_t *ptep, unsigned long addr)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, 1, 0);
	flush_tlb_page(vma, addr);
}

void zap_loop(struct mmu_gather *tlb, struct vm_area_struct *vma,
	      pte_t *ptep, unsigned long addr, unsigned long end)
{
	unsigned int nr = 1;

	for (; addr < end; addr += nr * PAGE_SIZE, ptep += nr) {
		if (pte_none(ptep_get(ptep))) {
			tlb_remove_tlb_entry(tlb, ptep, addr);
			continue;
		}
		nr = swap_pte_batch(ptep, (end - addr) >> PAGE_SHIFT,
				    ptep_get(ptep));
		clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
		tlb_remove_tlb_entries(tlb, ptep, nr, addr);
	}
}
