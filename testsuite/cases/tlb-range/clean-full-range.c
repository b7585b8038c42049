// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixed flushes (seed 000, v4): the range covers nr_pages; the mmu
 * gather removes nr entries; a single-page flush on the path that handles
 * one PTE, or after a clear of exactly one PTE, is right.
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
	unsigned long address = pvmw->address, end_addr;
	pte_t pteval = ptep_get(pvmw->pte);
	unsigned int nr_pages = unmap_batch(folio, pvmw, pteval);

	end_addr = address + nr_pages * PAGE_SIZE;
	flush_cache_range(vma, address, end_addr);
	pteval = get_and_clear_full_ptes(mm, address, pvmw->pte, nr_pages, 0);
	if (should_defer_flush(mm, flags))
		set_tlb_ubc_flush_pending(mm, pteval, address, end_addr);
	else
		flush_tlb_range(vma, address, end_addr);
}

void zap_one_or_batch(struct mmu_gather *tlb, struct vm_area_struct *vma,
		struct folio *folio, pte_t *pte, unsigned long addr)
{
	pte_t ptent = ptep_get(pte);
	unsigned int nr;

	if (!folio_test_large(folio)) {
		ptep_get_and_clear(tlb->mm, addr, pte);
		tlb_remove_tlb_entry(tlb, pte, addr);
		return;
	}
	nr = folio_pte_batch(folio, pte, ptent,
			     (pmd_addr_end(addr, vma->vm_end) - addr) >> PAGE_SHIFT);
	clear_full_ptes(tlb->mm, addr, pte, nr, 0);
	tlb_remove_tlb_entries(tlb, pte, nr, addr);
}

static void clear_some(struct vm_area_struct *vma, pte_t *pte,
		unsigned long addr, unsigned int n)
{
	clear_full_ptes(vma->vm_mm, addr, pte, n, 0);
	flush_tlb_page(vma, addr); /* expect[cocci]: tlb-range (static caller passes 1) */
}

void clear_single(struct vm_area_struct *vma, pte_t *pte, unsigned long addr)
{
	get_and_clear_full_ptes(vma->vm_mm, addr, pte, 1, 0);
	flush_tlb_page(vma, addr);
	clear_some(vma, pte, addr, 1);
}
