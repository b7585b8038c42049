// SPDX-License-Identifier: GPL-2.0-only
/*
 * The helpers 7.x added or renamed, each handed the folio's size instead
 * of the count a batch source returned.
 */
#include "../../include/kernel.h"

void move_batch(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep,
		unsigned long addr)
{
	unsigned int nr = folio_nr_pages(folio);
	pte_t pte;

	pte = get_and_clear_ptes(vma->vm_mm, addr, ptep, nr); /* expect: nr-provenance */
	clear_ptes(vma->vm_mm, addr, ptep, nr); /* expect: nr-provenance */
	clear_nonpresent_ptes(vma->vm_mm, addr, ptep, nr); /* expect: nr-provenance */
	wrprotect_ptes(vma->vm_mm, addr, ptep, nr); /* expect: nr-provenance */
	if (clear_flush_young_ptes(vma, addr, ptep, nr)) /* expect: nr-provenance */
		folio_mark_dirty(folio);
	if (test_and_clear_young_ptes(vma, addr, ptep, nr)) /* expect: nr-provenance */
		folio_mark_dirty(folio);
	pte = modify_prot_start_ptes(vma, addr, ptep, nr); /* expect: nr-provenance */
	modify_prot_commit_ptes(vma, addr, ptep, pte, pte, nr); /* expect: nr-provenance */
}

void zap_swap_batch(struct folio *folio, swp_entry_t entry)
{
	swap_put_entries_direct(entry, folio_nr_pages(folio)); /* expect: nr-provenance */
}
