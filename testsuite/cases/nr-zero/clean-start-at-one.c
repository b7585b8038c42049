// SPDX-License-Identifier: GPL-2.0-only
/*
 * A count that starts at 1 and is set from a batch source on some
 * iterations (the per-iteration reset moved to the declaration): where it
 * can reach a helper with the value of a previous iteration, even the 0
 * of a split-and-retry path, that is nr-stale's finding; it never "starts
 * at 0".  The Coccinelle rule does not follow a 0 across a continue.
 */
#include "../../include/kernel.h"

int split_folio(struct folio *folio);
struct folio *vm_normal_folio(struct vm_area_struct *vma, unsigned long addr, pte_t pte);

void free_range(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	int nr = 1;

	for (; addr != end; pte += nr, addr += PAGE_SIZE * nr) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		if (pte_none(ptent))
			continue;
		if (!pte_present(ptent)) {
			nr = swap_pte_batch(pte, (end - addr) / PAGE_SIZE, ptent);
			clear_nonpresent_ptes(vma->vm_mm, addr, pte, nr);
			continue;
		}
		folio = vm_normal_folio(vma, addr, ptent);
		if (folio_test_large(folio)) {
			nr = folio_pte_batch(folio, pte, ptent, (end - addr) / PAGE_SIZE);
			if (nr < folio_nr_pages(folio)) {
				if (split_folio(folio))
					continue;
				nr = 0;
				continue;
			}
		}
		clear_young_dirty_ptes(vma, addr, pte, nr, 0); /* expect: nr-stale */
	}
}

void zap_swap(struct mm_struct *mm, pte_t *pte, unsigned long addr,
	      unsigned long end)
{
	int nr = 1;

	do {
		pte_t ptent = ptep_get(pte);

		if (!pte_present(ptent))
			nr = swap_pte_batch(pte, (end - addr) >> PAGE_SHIFT, ptent);
		clear_full_ptes(mm, addr, pte, nr, 0); /* expect: nr-stale */
	} while (pte += nr, addr += nr * PAGE_SIZE, addr != end);
}
