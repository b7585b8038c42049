// SPDX-License-Identifier: GPL-2.0-only
/*
 * MGLRU's lru_gen_look_around() in 7.x: the window ends at
 * min(addr | ~PMD_MASK, vma->vm_end - 1) + 1 (the last byte of the page
 * table or of the VMA, plus one), and is then only narrowed: each new end
 * is at most the old one, as the test before it shows.
 */
#include "../../include/kernel.h"

#define MIN_LRU_BATCH	64

int look_around(struct folio *folio, struct vm_area_struct *vma, pte_t *pte,
		unsigned long addr)
{
	unsigned long start = max(addr & PMD_MASK, vma->vm_start);
	unsigned long end = min(addr | ~PMD_MASK, vma->vm_end - 1) + 1;
	unsigned int nr;
	int young = 0;

	if (end - start > MIN_LRU_BATCH * PAGE_SIZE) {
		if (addr - start < MIN_LRU_BATCH * PAGE_SIZE / 2)
			end = start + MIN_LRU_BATCH * PAGE_SIZE;
		else if (end - addr < MIN_LRU_BATCH * PAGE_SIZE / 2)
			start = end - MIN_LRU_BATCH * PAGE_SIZE;
		else {
			start = addr - MIN_LRU_BATCH * PAGE_SIZE / 2;
			end = addr + MIN_LRU_BATCH * PAGE_SIZE / 2;
		}
	}
	pte -= (addr - start) / PAGE_SIZE;
	for (addr = start; addr != end; pte += nr, addr += nr * PAGE_SIZE) {
		const unsigned int max_nr = (end - addr) >> PAGE_SHIFT;

		nr = folio_pte_batch(folio, pte, ptep_get(pte), max_nr);
		if (test_and_clear_young_ptes(vma, addr, pte, nr))
			young += nr;
	}
	return young;
}
