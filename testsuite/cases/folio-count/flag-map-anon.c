// SPDX-License-Identifier: GPL-2.0-only
/*
 * A batch of nr entries mapped (set_ptes()) with one reference or one
 * mapcount: folio_add_anon_rmap_pte() and folio_add_file_rmap_pte() are
 * macros around the _ptes forms with 1 in both trees.
 */
#include "../../include/kernel.h"

void restore_batch(struct mm_struct *mm, struct vm_area_struct *vma,
		   struct folio *folio, struct page *page, pte_t *ptep,
		   unsigned long addr, pte_t pte, unsigned int max_nr)
{
	unsigned int nr = folio_pte_batch(folio, ptep, pte, max_nr);

	set_ptes(mm, addr, ptep, pte, nr);
	if (folio_test_anon(folio))
		folio_add_anon_rmap_pte(folio, page, vma, addr, 0); /* expect: folio-count */
	else
		folio_add_file_rmap_pte(folio, page, vma); /* expect: folio-count */
	folio_ref_add(folio, nr);
}
