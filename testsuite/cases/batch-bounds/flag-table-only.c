// SPDX-License-Identifier: GPL-2.0-only
/*
 * Limited to the page table but not to the VMA: ALIGN(addr + 1, PMD_SIZE)
 * without the min() with vma->vm_end (seed 000, the v5 review).
 */
#include "../../include/kernel.h"

unsigned int batch_to_table_end(struct folio *folio, unsigned long addr,
		pte_t *ptep)
{
	unsigned long next_pmd = ALIGN(addr + 1, PMD_SIZE);

	return folio_pte_batch(folio, ptep, ptep_get(ptep), /* expect: batch-bounds */
			       (next_pmd - addr) >> PAGE_SHIFT);
}
