// SPDX-License-Identifier: GPL-2.0-only
/*
 * The same two branches, but the batch's own branch flushes one page, or
 * a flush after the if/else runs after either branch: the paths through
 * the batched clear are reported, in a walk as well.
 */
#include "../../include/kernel.h"

void unmap_present_one_page(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	pte_t pte = ptep_get(ptep);
	unsigned int nr;

	if (pte_present(pte)) {
		nr = folio_pte_batch(folio, ptep, pte, (end - addr) >> PAGE_SHIFT);
		get_and_clear_full_ptes(mm, addr, ptep, nr, 0);
		flush_tlb_page(vma, addr); /* expect: tlb-range */
	} else {
		pte = ptep_clear_flush(vma, addr, ptep);
	}
}

void unmap_then_flush_one(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	pte_t pte = ptep_get(ptep);
	unsigned int nr;

	if (pte_present(pte)) {
		nr = folio_pte_batch(folio, ptep, pte, (end - addr) >> PAGE_SHIFT);
		get_and_clear_full_ptes(mm, addr, ptep, nr, 0);
	} else {
		flush_cache_page(vma, addr, 0);
	}
	flush_tlb_page(vma, addr); /* expect: tlb-range */
}

/* in the walk, the batch's own branch flushes one page */
void walk_mapped_one_page(struct folio *folio, struct vm_area_struct *vma,
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
			flush_tlb_page(vma, pvmw->address); /* expect: tlb-range */
		} else {
			pte = ptep_clear_flush(vma, pvmw->address, pvmw->pte);
		}
	}
}
