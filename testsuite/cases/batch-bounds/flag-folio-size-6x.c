// SPDX-License-Identifier: GPL-2.0-only
/*
 * The same with the 6.x signature and other names; the limit is derived
 * from folio_size() >> PAGE_SHIFT, and from the end of the VMA alone.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

int scan_folio(struct folio *f, unsigned long va, pte_t *pt)
{
	unsigned int lim = folio_size(f) >> PAGE_SHIFT;

	return folio_pte_batch(f, va, pt, ptep_get(pt), lim, 0, NULL, NULL, NULL); /* expect: batch-bounds */
}

int scan_to_vma_end(struct folio *f, struct vm_area_struct *area,
		unsigned long va, pte_t *pt)
{
	int lim = (area->vm_end - va) >> PAGE_SHIFT;

	return folio_pte_batch(f, va, pt, ptep_get(pt), lim, 0, NULL, NULL, NULL); /* expect: batch-bounds */
}
