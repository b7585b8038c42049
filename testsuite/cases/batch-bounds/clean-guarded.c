// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's do_swap_page() shapes: the folio's size is the limit, but the
 * range was checked against the page table and the VMA before the scan
 * (and the scan only confirms it), or the scan starts at the folio's
 * naturally aligned block, which a large folio allocated for this VMA
 * never leaves.
 */
#include "../../include/kernel.h"

#define ALIGN_DOWN(x, a)	__ALIGN_MASK((x) - ((a) - 1), (a) - 1)

int swapin_checked(struct folio *folio, struct vm_area_struct *vma,
		pte_t *pte, unsigned long address, unsigned long idx)
{
	int nr = folio_nr_pages(folio);
	unsigned long folio_start = address - idx * PAGE_SIZE;
	unsigned long folio_end = folio_start + nr * PAGE_SIZE;

	if (unlikely(folio_start < max(address & PMD_MASK, vma->vm_start)))
		return 0;
	if (unlikely(folio_end > pmd_addr_end(address, vma->vm_end)))
		return 0;
	return swap_pte_batch(pte - idx, nr, ptep_get(pte - idx)) == nr;
}

static bool can_swapin_large(unsigned long address, pte_t *ptep, int nr_pages)
{
	unsigned long addr = ALIGN_DOWN(address, nr_pages * PAGE_SIZE);
	int idx = (address - addr) / PAGE_SIZE;

	return swap_pte_batch(ptep - idx, nr_pages, ptep_get(ptep - idx)) ==
	       nr_pages;
}

int swapin_aligned(struct folio *folio, unsigned long address, pte_t *ptep,
		int order)
{
	unsigned long nr = folio_nr_pages(folio);
	unsigned long start = ALIGN_DOWN(address, nr * PAGE_SIZE);
	pte_t *first = ptep - (address - start) / PAGE_SIZE;

	if (swap_pte_batch(first, nr, ptep_get(first)) != nr)
		return 0;
	return can_swapin_large(address, ptep, 1 << order);
}
