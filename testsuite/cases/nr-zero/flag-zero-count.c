// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calls of helpers that need nr >= 1 (rules.def's NR_NONZERO lines) with
 * counts that can be 0: a difference of two range ends nobody tested, a
 * counter that starts at 0 and may never move.
 */
#include "../../include/kernel.h"

void clear_notified_range(struct vm_area_struct *vma, pte_t *ptep,
		struct mmu_notifier_range *range)
{
	unsigned int nr = (range->end - range->start) >> PAGE_SHIFT;

	clear_full_ptes(vma->vm_mm, range->start, ptep, nr, 0); /* expect: nr-provenance */ /* expect[plugin]: nr-zero */
}

void wrprotect_present(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int max_nr)
{
	unsigned int nr = 0, i;

	for (i = 0; i < max_nr; i++) {
		if (!pte_present(ptep_get(ptep + i)))
			break;
		nr++;
	}
	wrprotect_ptes(vma->vm_mm, addr, ptep, nr); /* expect: nr-zero */ /* expect[plugin]: nr-provenance */
}

/* the fault-around shape: a run of none PTEs, maybe empty, mapped at once */
void map_none_run(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, pte_t pte, unsigned int max_nr)
{
	unsigned int count = 0;

	while (count < max_nr && pte_none(ptep_get(ptep + count)))
		count++;
	set_ptes(vma->vm_mm, addr, ptep, pte, count); /* expect: nr-zero */
}

/* the zero comes in through a static function's parameter */
static void drop_run(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int nr)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
}

void drop_present(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int max_nr)
{
	unsigned int nr = 0;

	while (nr < max_nr && pte_present(ptep_get(ptep + nr)))
		nr++;
	drop_run(vma, addr, ptep, nr); /* expect[plugin]: nr-zero, nr-provenance */
}

/* a static helper of this file with set_ptes()' loop: checked at its calls */
void ClearPageAnonExclusive(struct page *page);

static void clear_exclusive(struct page *page, unsigned int nr)
{
	for (;;) {
		ClearPageAnonExclusive(page);
		if (--nr == 0)
			break;
		++page;
	}
}

void share_range(struct folio *folio, struct mmu_notifier_range *range)
{
	clear_exclusive(&folio->page, (range->end - range->start) >> PAGE_SHIFT); /* expect[plugin]: nr-zero */
}
