// SPDX-License-Identifier: GPL-2.0-only
/*
 * A batch on one branch, a single PTE on the other: the else branch's
 * one-page ptep_clear_flush() never follows (or precedes) the batched
 * clear, in one iteration or across iterations of the walk.
 */
#include "../../include/kernel.h"

void unmap_present_or_single(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	pte_t pte = ptep_get(ptep);
	unsigned int nr;

	if (pte_present(pte)) {
		nr = folio_pte_batch(folio, ptep, pte, (end - addr) >> PAGE_SHIFT);
		get_and_clear_full_ptes(mm, addr, ptep, nr, 0);
		flush_tlb_range(vma, addr, addr + nr * PAGE_SIZE);
	} else {
		pte = ptep_clear_flush(vma, addr, ptep);
	}
}

void walk_present_or_single(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int nr;

	for (; addr < end; addr += nr * PAGE_SIZE, ptep += nr) {
		pte_t pte = ptep_get(ptep);

		nr = 1;
		if (pte_present(pte)) {
			nr = folio_pte_batch(folio, ptep, pte,
					     (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT);
			get_and_clear_full_ptes(mm, addr, ptep, nr, 0);
			flush_tlb_range(vma, addr, addr + nr * PAGE_SIZE);
		} else {
			pte = ptep_clear_flush(vma, addr, ptep);
		}
	}
}

/* try_to_unmap_one()'s walk: the address moves inside the walk, not here */
void walk_mapped(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int nr;
	pte_t pte;

	while (page_vma_mapped_walk(pvmw)) {
		pte = ptep_get(pvmw->pte);
		if (pte_present(pte)) {
			nr = folio_pte_batch(folio, pvmw->pte, pte,
					     (pmd_addr_end(pvmw->address, vma->vm_end) -
					      pvmw->address) >> PAGE_SHIFT);
			get_and_clear_full_ptes(mm, pvmw->address, pvmw->pte, nr, 0);
			flush_tlb_range(vma, pvmw->address,
					pvmw->address + nr * PAGE_SIZE);
		} else {
			pte = ptep_clear_flush(vma, pvmw->address, pvmw->pte);
		}
	}
}
