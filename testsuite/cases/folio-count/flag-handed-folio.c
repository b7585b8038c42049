// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's zap_present_folio_ptes(): the folio and the count are handed in
 * together, and the batched clear names no folio.  A single rmap removal
 * of the folio it was handed is the bug.
 */
#include "../../include/kernel.h"

static void zap_folio_ptes(struct mm_struct *mm, struct vm_area_struct *vma,
			   struct folio *folio, struct page *page, pte_t *pte,
			   unsigned int nr, unsigned long addr, long *rss)
{
	get_and_clear_full_ptes(mm, addr, pte, nr, 0);
	rss[mm_counter(folio)] -= nr;
	folio_remove_rmap_pte(folio, page, vma); /* expect[plugin]: folio-count */
}

int zap_ptes(struct mm_struct *mm, struct vm_area_struct *vma,
	     struct folio *folio, pte_t *pte, pte_t ptent, unsigned int max_nr,
	     unsigned long addr, long *rss)
{
	unsigned int nr = folio_pte_batch(folio, pte, ptent, max_nr);

	zap_folio_ptes(mm, vma, folio, &folio->page, pte, nr, addr, rss);
	return nr;
}
