// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one-page flush with other names and another layout: the batch is
 * cleared in a loop over a range, the notifier range and the flush after
 * it end one page after the start; the count comes through a static
 * helper's parameter whose callers pass a batch.
 */
#include "../../include/kernel.h"

static void drop_run(struct vm_area_struct *area, pte_t *pt,
		unsigned long va, unsigned int run)
{
	struct mmu_notifier_range r;

	mmu_notifier_range_init(&r, 0, 0, area->vm_mm, va, va + PAGE_SIZE); /* expect: tlb-range */
	clear_full_ptes(area->vm_mm, va, pt, run, 0);
	flush_cache_range(area, va, va + PAGE_SIZE); /* expect: tlb-range */
}

void drop_all(struct vm_area_struct *area, pte_t *pt, unsigned long lo,
		unsigned long hi)
{
	unsigned int run;

	for (; lo < hi; lo += run * PAGE_SIZE, pt += run) {
		pte_t v = ptep_get(pt);
		struct folio *f = vm_normal_folio(area, lo, v);

		run = folio_pte_batch(f, pt, v,
				      (pmd_addr_end(lo, hi) - lo) >> PAGE_SHIFT);
		drop_run(area, pt, lo, run);
	}
}
