// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.x's get_and_clear_ptes() and clear_ptes() clear a batch like the
 * "full" forms: a deferred or immediate flush of one page after them is
 * short.  Plugin-only until the cocci helper lists come from the rule table.
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
	unsigned long address = pvmw->address;
	pte_t pteval = ptep_get(pvmw->pte);
	unsigned int nr_pages = unmap_batch(folio, pvmw, pteval);

	pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
	if (should_defer_flush(mm, flags))
		set_tlb_ubc_flush_pending(mm, pteval, address, address + PAGE_SIZE); /* expect: tlb-range */
	else
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}

void collapse_one(struct folio *folio, struct vm_area_struct *vma, pte_t *pte,
		  unsigned long address)
{
	unsigned int nr_ptes = folio_pte_batch(folio, pte, ptep_get(pte),
		(pmd_addr_end(address, vma->vm_end) - address) >> PAGE_SHIFT);

	clear_ptes(vma->vm_mm, address, pte, nr_ptes);
	flush_tlb_page(vma, address); /* expect: tlb-range */
}
