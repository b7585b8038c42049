// SPDX-License-Identifier: GPL-2.0-only
/*
 * Limits bounded by both ends, as mm writes them: min() of the aligned
 * table end and vm_end, pmd_addr_end(addr, vma->vm_end), a walk's end
 * parameter, and a folio size checked against the table before use (the
 * do_swap_page() shape).
 */
#include "../../include/kernel.h"

unsigned int unmap_batch(struct folio *folio, struct vm_area_struct *vma,
			 pte_t *ptep, unsigned long addr)
{
	unsigned long end_addr = min(ALIGN(addr + 1, PMD_SIZE), vma->vm_end);
	unsigned int max_nr = (end_addr - addr) >> PAGE_SHIFT;

	return folio_pte_batch(folio, ptep, ptep_get(ptep), max_nr);
}

unsigned int lazyfree_batch(struct folio *folio, struct vm_area_struct *vma,
			    pte_t *ptep, unsigned long addr)
{
	unsigned long end_addr = pmd_addr_end(addr, vma->vm_end);

	return folio_pte_batch_flags(folio, vma, ptep, NULL,
				     (end_addr - addr) >> PAGE_SHIFT,
				     FPB_RESPECT_WRITE);
}

int walk_batch(pte_t *ptep, unsigned long addr, unsigned long end)
{
	int max_nr = (end - addr) / PAGE_SIZE;

	return swap_pte_batch(ptep, max_nr, ptep_get(ptep));
}

int swapin_batch(struct folio *folio, struct vm_area_struct *vma,
		 pte_t *ptep, unsigned long address)
{
	int nr = folio_nr_pages(folio);
	unsigned long folio_end = address + nr * PAGE_SIZE;

	if (folio_end > pmd_addr_end(address, vma->vm_end))
		return 0;
	return swap_pte_batch(ptep, nr, ptep_get(ptep)); /* the guard above bounds it */
}
