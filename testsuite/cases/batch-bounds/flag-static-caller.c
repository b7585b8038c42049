// SPDX-License-Identifier: GPL-2.0-only
/*
 * The limit enters a static helper as its end parameter; one caller
 * passes a walk end bounded by the page table and the VMA, another one
 * the end of the folio: reported at the batch source, with a note at the
 * bad call.
 */
#include "../../include/kernel.h"

static unsigned int span_batch(struct folio *folio, pte_t *ptep,
		unsigned long addr, unsigned long end)
{
	unsigned int max_nr = (end - addr) / PAGE_SIZE;

	return folio_pte_batch(folio, ptep, ptep_get(ptep), max_nr); /* expect[plugin]: batch-bounds */
}

unsigned int good_caller(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long addr)
{
	return span_batch(folio, ptep, addr, pmd_addr_end(addr, vma->vm_end));
}

unsigned int bad_caller(struct folio *folio, pte_t *ptep, unsigned long addr)
{
	return span_batch(folio, ptep, addr,
			  addr + folio_nr_pages(folio) * PAGE_SIZE);
}
