// SPDX-License-Identifier: GPL-2.0-only
/*
 * Flushes that cover one page around a batched clear of nr PTEs at the
 * same address: a range ending at addr + PAGE_SIZE, the single-page APIs,
 * and the mmu_gather's single-entry form where the batched one is meant.
 * Before the clear counts too (the cache flush of try_to_unmap_one()).
 */
#include "../../include/kernel.h"

void unmap_lazyfree(struct vm_area_struct *vma, pte_t *ptep,
		    unsigned long address, unsigned int nr_pages)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;

	flush_cache_page(vma, address, 0); /* expect: tlb-range */
	pteval = get_and_clear_full_ptes(mm, address, ptep, nr_pages, 0);
	if (should_defer_flush(mm, TTU_BATCH_FLUSH))
		set_tlb_ubc_flush_pending(mm, pteval, address, address + PAGE_SIZE); /* expect: tlb-range */
	else
		flush_tlb_range(vma, address, address + PAGE_SIZE); /* expect: tlb-range */
}

void zap_batch(struct mmu_gather *tlb, struct vm_area_struct *vma,
	       pte_t *ptep, unsigned long addr, unsigned int nr)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
	tlb_remove_tlb_entry(tlb, ptep, addr); /* expect: tlb-range */
}

void wrprotect_batch(struct vm_area_struct *vma, pte_t *ptep,
		     unsigned long addr, unsigned int nr)
{
	wrprotect_ptes(vma->vm_mm, addr, ptep, nr);
	flush_tlb_page(vma, addr); /* expect: tlb-range */
}
