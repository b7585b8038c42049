// SPDX-License-Identifier: GPL-2.0-only
/*
 * The collapse shapes of clean-7x-collapse.c without what bounds them: no
 * range_in_vma() test (a PMD-aligned base plus HPAGE_PMD_SIZE is only the
 * page table's end), a range test of another range, and a block whose
 * size is the folio's rather than the caller's order.
 */
#include "../../include/kernel.h"

void collapse_untested(struct folio *folio, pte_t *pte, unsigned long addr)
{
	unsigned long haddr = addr & HPAGE_PMD_MASK;
	unsigned long end = haddr + HPAGE_PMD_SIZE;

	folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
}

int collapse_other_range(struct folio *folio, struct vm_area_struct *vma,
			 pte_t *pte, unsigned long addr)
{
	unsigned long haddr = addr & HPAGE_PMD_MASK;
	unsigned long end = haddr + HPAGE_PMD_SIZE;

	if (!range_in_vma(vma, haddr, haddr + PAGE_SIZE))
		return -1;
	return folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
}

static unsigned int scan_folio(struct folio *folio, pte_t *pte,
			       unsigned long address)
{
	unsigned long end = address + PAGE_SIZE * folio_nr_pages(folio);

	return folio_pte_batch(folio, pte, ptep_get(pte), (end - address) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
}

unsigned int scan(struct folio *folio, pte_t *pte, unsigned long address)
{
	return scan_folio(folio, pte, address);
}
