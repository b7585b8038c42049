// SPDX-License-Identifier: GPL-2.0-only
/*
 * Same bug as flag-folio-nr-pages.c with the 6.x folio_pte_batch() and
 * other names: the whole folio's size is used once the batch matched.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

static int whole_folio_mapped(struct folio *f, unsigned long va, pte_t *pt,
		struct vm_area_struct *area)
{
	unsigned long stop = pmd_addr_end(va, area->vm_end);
	int limit = (stop - va) >> PAGE_SHIFT;

	return folio_pte_batch(f, va, pt, ptep_get(pt), limit,
			       FPB_IGNORE_DIRTY, NULL, NULL, NULL) ==
	       folio_nr_pages(f);
}

void reclaim_lazyfree(struct folio *f, struct vm_area_struct *area,
		unsigned long va, pte_t *pt)
{
	int cnt = 1;

	if (whole_folio_mapped(f, va, pt, area))
		cnt = (int)folio_nr_pages(f);
	clear_full_ptes(area->vm_mm, va, pt, cnt, 0); /* expect: nr-provenance */
	flush_tlb_range(area, va, va + cnt * PAGE_SIZE);
	folio_remove_rmap_ptes(f, &f->page, cnt, area); /* expect: nr-provenance */
}
