// SPDX-License-Identifier: GPL-2.0-only
/*
 * By-one counting after a batch, with other names and layouts: the rmap
 * of a batch is dropped and the counter moved by add_mm_counter(..., -1);
 * in a loop, the anon counter is decremented through a pointer parameter
 * after a batched clear, in a static helper whose callers pass a batch.
 */
#include "../../include/kernel.h"

void drop_mapping(struct folio *f, struct vm_area_struct *area, pte_t *pt,
		unsigned long va)
{
	unsigned int run = folio_pte_batch(f, pt, ptep_get(pt),
		(pmd_addr_end(va, area->vm_end) - va) >> PAGE_SHIFT);

	folio_remove_rmap_ptes(f, &f->page, run, area);
	add_mm_counter(area->vm_mm, mm_counter(f), -1); /* expect: rss-count */
}

static void clear_run(struct mm_struct *mm, struct folio *f, pte_t *pt,
		unsigned long va, unsigned int run, int *stat)
{
	clear_full_ptes(mm, va, pt, run, 0);
	if (folio_test_anon(f))
		stat[MM_ANONPAGES] -= 1; /* expect[plugin]: rss-count */
	else
		stat[mm_counter_file(f)] -= run;
}

void clear_range(struct vm_area_struct *area, pte_t *pt, unsigned long lo,
		unsigned long hi)
{
	int stat[NR_MM_COUNTERS] = { 0 };
	unsigned int run;

	for (; lo < hi; lo += run * PAGE_SIZE, pt += run) {
		struct folio *f = vm_normal_folio(area, lo, ptep_get(pt));

		run = folio_pte_batch(f, pt, ptep_get(pt),
				      (pmd_addr_end(lo, hi) - lo) >> PAGE_SHIFT);
		clear_run(area->vm_mm, f, pt, lo, run, stat);
	}
	add_mm_rss_vec(area->vm_mm, stat);
}
