// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mapping a fresh folio: folio_nr_pages() is the right count for the
 * helpers that create mappings.  A non-static function's parameter is
 * unknown and only reported with strict.
 */
#include "../../include/kernel.h"

void map_new_folio(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, pte_t entry)
{
	int nr = folio_nr_pages(folio);

	folio_add_anon_rmap_ptes(folio, &folio->page, nr, vma, addr, 0);
	set_ptes(vma->vm_mm, addr, ptep, entry, nr);
}

void unmap_given(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, unsigned int nr)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
}
