// SPDX-License-Identifier: GPL-2.0-only
/*
 * lru_gen_look_around()'s window gone wrong: widened past the old end
 * (start + N without the test that the window is larger than N), or
 * ending at the VMA without the page table's last byte.
 */
#include "../../include/kernel.h"

#define MIN_LRU_BATCH	64

unsigned int widened(struct folio *folio, struct vm_area_struct *vma,
		     pte_t *pte, unsigned long addr)
{
	unsigned long start = max(addr & PMD_MASK, vma->vm_start);
	unsigned long end = min(addr | ~PMD_MASK, vma->vm_end - 1) + 1;

	if (end - start < MIN_LRU_BATCH * PAGE_SIZE)
		end = start + MIN_LRU_BATCH * PAGE_SIZE;
	return folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
}

unsigned int vma_only(struct folio *folio, struct vm_area_struct *vma,
		      pte_t *pte, unsigned long addr)
{
	unsigned long end = min(addr | ~PAGE_MASK, vma->vm_end - 1) + 1;

	return folio_pte_batch(folio, pte, ptep_get(pte), (end - addr) >> PAGE_SHIFT); /* expect[plugin]: batch-bounds */
}
