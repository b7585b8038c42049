// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stable kernel's try_to_unmap_one(): the batch source returns 1 under a
 * conjunction (anon && swapbacked), and the swap path is reached through
 * nested tests of the same predicates, one of them negated and left by
 * the other branch.  nr_pages is 1 there: the by-one counters are right.
 * The folio's counts (folio-count) and the one-page flush (tlb-range) pair
 * their moves the same way.  The
 * Coccinelle rule matches one test in one condition, not nested tests:
 * it still reports the two counters and the flush, and batch-flags the
 * restoring set_ptes() of the swap path (docs/engines.md).
 */
#include "../../include/kernel.h"

bool pte_unused(pte_t pte);
int swap_dup(struct folio *folio, struct page *page);

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end;

	if (flags & TTU_HWPOISON)
		return 1;
	if (!folio_test_large(folio))
		return 1;
	end = pmd_addr_end(addr, pvmw->vma->vm_end);
	if (folio_test_anon(folio) && folio_test_swapbacked(folio))
		return 1;
	if (pte_unused(pte))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT); /* expect[cocci]: batch-flags */
}

bool unmap_one(struct folio *folio, struct vm_area_struct *vma,
	       struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned long nr_pages;
	struct page *page;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		address = pvmw->address;
		page = &folio->page;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		if (folio_test_anon(folio)) {
			if (!folio_test_swapbacked(folio)) {
				add_mm_counter(mm, MM_ANONPAGES, -nr_pages);
				goto discard;
			}
			if (swap_dup(folio, page) < 0) {
				set_ptes(mm, address, pvmw->pte, pteval, nr_pages);
				break;
			}
			dec_mm_counter(mm, MM_ANONPAGES); /* expect[cocci]: rss-count */
			inc_mm_counter(mm, MM_SWAPENTS); /* expect[cocci]: rss-count */
			flush_tlb_page(vma, address); /* expect[cocci]: tlb-range */
			folio_remove_rmap_pte(folio, page, vma);
			folio_put(folio);
			continue;
		}
		add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
discard:
		folio_remove_rmap_ptes(folio, page, nr_pages, vma);
		folio_put_refs(folio, nr_pages);
	}
	return true;
}
