// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hand-built constant count handed to helpers that act on existing PTEs:
 * nothing says the next 4 or 16 entries map consecutive pages of one folio.
 * The constant 1 is always fine, and a fresh mapping of a fixed size
 * (a PMD split mapping all 512 entries) may use a constant.
 */
#include "../../include/kernel.h"

void clear_fixed(struct mm_struct *mm, struct vm_area_struct *vma,
		 struct folio *folio, unsigned long addr, pte_t *ptep)
{
	pte_t pte = get_and_clear_full_ptes(mm, addr, ptep, 4, 0); /* expect[plugin]: nr-provenance */

	folio_remove_rmap_ptes(folio, folio_page(folio, 0), 16, vma); /* expect[plugin]: nr-provenance */
	folio_remove_rmap_ptes(folio, folio_page(folio, 0), 1, vma);
	(void)pte;
}

void map_split_table(struct mm_struct *mm, struct vm_area_struct *vma,
		     struct folio *folio, unsigned long addr, pte_t *ptep,
		     pte_t pte)
{
	set_ptes(mm, addr, ptep, pte, PTRS_PER_PTE);
	folio_add_anon_rmap_ptes(folio, folio_page(folio, 0), PTRS_PER_PTE,
				 vma, addr, 0);
}
