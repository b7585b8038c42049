// SPDX-License-Identifier: GPL-2.0-only
/*
 * The folio's size reaching batched helpers: directly, through a cast,
 * through folio_size(), and at every later use of the same variable.  A
 * page count computed from an address range by hand is no batch either.
 */
#include "../../include/kernel.h"

unsigned long folio_size(const struct folio *folio);

void zap_whole_folio(struct folio *folio, struct vm_area_struct *vma,
		     pte_t *ptep, unsigned long addr)
{
	unsigned int nr = (unsigned int)folio_nr_pages(folio);

	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0); /* expect: nr-provenance */
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma); /* expect: nr-provenance */
}

void wrprotect_whole_folio(struct folio *folio, struct vm_area_struct *vma,
			   pte_t *ptep, unsigned long addr)
{
	wrprotect_ptes(vma->vm_mm, addr, ptep, folio_nr_pages(folio)); /* expect: nr-provenance */
}

void share_whole_folio(struct folio *folio)
{
	unsigned int pages = folio_size(folio) >> PAGE_SHIFT;

	folio_try_share_anon_rmap_ptes(folio, &folio->page, pages); /* expect: nr-provenance */
}

void clear_range(struct vm_area_struct *vma, pte_t *ptep,
		 unsigned long addr, unsigned long end)
{
	unsigned int n;

	n = (end - addr) / PAGE_SIZE;
	clear_young_dirty_ptes(vma, addr, ptep, n, 0); /* expect: nr-provenance */
}
