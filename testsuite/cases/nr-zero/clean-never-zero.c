// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counts that are never 0: a batch source's result (at least the first
 * entry), 1, folio_nr_pages() for a fresh mapping, a count tested on the
 * path (if (!nr) return;, if (nr), VM_WARN_ON_ONCE(!nr) then a return, a
 * loop's addr < end), a counter incremented before it is used.  The
 * hand-made counts go to a static helper of this file with set_ptes()'
 * loop (checked at its calls), or to a helper that maps a fresh folio:
 * given to the other batched helpers they would be nr-provenance findings.
 */
#include "../../include/kernel.h"

void zap_batch(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep)
{
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	pte_t pte = ptep_get(ptep);
	unsigned int nr;

	nr = folio_pte_batch(folio, ptep, pte, (end - addr) >> PAGE_SHIFT);
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
	clear_full_ptes(vma->vm_mm, addr, ptep, 1, 0);
}

void map_fresh(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, pte_t pte)
{
	set_ptes(vma->vm_mm, addr, ptep, pte, folio_nr_pages(folio));
}

/* the fault-around shape as filemap_map_folio_range() has it */
void map_none_run(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, pte_t pte, unsigned int max_nr)
{
	unsigned int count = 0;

	while (count < max_nr && pte_none(ptep_get(ptep + count)))
		count++;
	if (count)
		set_ptes(vma->vm_mm, addr, ptep, pte, count);
}

/* ... tested before the call instead */
void map_none_run_tested(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, pte_t pte, unsigned int max_nr)
{
	unsigned int count = 0;

	while (count < max_nr && pte_none(ptep_get(ptep + count)))
		count++;
	if (unlikely(!count))
		return;
	set_ptes(vma->vm_mm, addr, ptep, pte, count);
}

void map_run(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
		pte_t pte, unsigned int max_nr)
{
	unsigned int count = 0;

	do {
		count++;
	} while (count < max_nr && pte_none(ptep_get(ptep + count)));
	set_ptes(vma->vm_mm, addr, ptep, pte, count);
}

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

void share_notified(struct folio *folio, struct mmu_notifier_range *range)
{
	unsigned int nr = (range->end - range->start) >> PAGE_SHIFT;

	if (!nr)
		return;
	clear_exclusive(&folio->page, nr);
}

void share_warned(struct folio *folio, struct mmu_notifier_range *range)
{
	unsigned int nr = (range->end - range->start) >> PAGE_SHIFT;

	VM_WARN_ON_ONCE(!nr);
	if (nr == 0)
		return;
	clear_exclusive(&folio->page, nr);
}

void share_warn_return(struct folio *folio, struct mmu_notifier_range *range)
{
	unsigned int nr = (range->end - range->start) >> PAGE_SHIFT;

	if (WARN_ON_ONCE(!nr))
		return;
	clear_exclusive(&folio->page, nr);
}

/* the loop's own test shows the range is not empty */
void share_range(struct folio *folio, struct mmu_notifier_range *range)
{
	unsigned long addr = range->start, end = range->end;

	for (; addr < end; addr += PMD_SIZE)
		clear_exclusive(&folio->page, (end - addr) >> PAGE_SHIFT);
}

/* an inclusive count, as filemap_map_pages() passes to
 * filemap_map_folio_range(): last - first + 1 */
void share_pages(struct folio *folio, unsigned long first, unsigned long end,
		unsigned long end_pgoff)
{
	unsigned int nr_pages = min(end, end_pgoff) - first + 1;

	clear_exclusive(&folio->page, nr_pages);
}
