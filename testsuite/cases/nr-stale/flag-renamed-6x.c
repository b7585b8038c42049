// SPDX-License-Identifier: GPL-2.0-only
/*
 * The same stale count with the 6.x folio_pte_batch(), other names and a
 * for loop: batch is only recomputed for large folios.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

void walk_and_drop(struct vm_area_struct *area, pte_t *tbl,
		unsigned long from, unsigned long to)
{
	int batch = 1;
	unsigned long va;

	for (va = from; va < to; va += PAGE_SIZE, tbl++) {
		pte_t val = ptep_get(tbl);
		struct folio *f = vm_normal_folio(area, va, val);

		if (folio_test_large(f))
			batch = folio_pte_batch(f, va, tbl, val,
					(pmd_addr_end(va, area->vm_end) - va) >> PAGE_SHIFT,
					FPB_IGNORE_DIRTY, NULL, NULL, NULL);
		clear_full_ptes(area->vm_mm, va, tbl, batch, 0); /* expect: nr-stale */
	}
}
