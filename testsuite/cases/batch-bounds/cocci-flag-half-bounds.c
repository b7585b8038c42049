// SPDX-License-Identifier: GPL-2.0-only
/*
 * Half a bound, written with the kernel's macros: ALIGN(addr + 1, PMD_SIZE)
 * stops the scan at the page table but not at the VMA's end; vma->vm_end
 * alone stops it at the VMA but not at the page table's end.  The folio's
 * size through a cast is no bound either.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

int batch_to_table_end(struct folio *folio, struct vm_area_struct *vma,
		       pte_t *ptep, unsigned long addr)
{
	unsigned long end_addr = ALIGN(addr + 1, PMD_SIZE);
	int max_nr = (end_addr - addr) >> PAGE_SHIFT;

	return folio_pte_batch(folio, addr, ptep, ptep_get(ptep), max_nr, /* expect: batch-bounds */
			       FPB_IGNORE_DIRTY, NULL, NULL, NULL);
}

int swap_batch_to_vma_end(struct vm_area_struct *vma, pte_t *ptep,
			  unsigned long addr)
{
	return swap_pte_batch(ptep, (vma->vm_end - addr) >> PAGE_SHIFT, /* expect: batch-bounds */
			      ptep_get(ptep));
}

int batch_whole_folio(struct folio *folio, pte_t *ptep, unsigned long addr)
{
	long max_nr = (long)folio_nr_pages(folio);

	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, addr, ptep, ptep_get(ptep), max_nr, 0, /* expect: batch-bounds */
			       NULL, NULL, NULL);
}
