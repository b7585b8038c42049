// SPDX-License-Identifier: GPL-2.0-only
/*
 * The 7.x helpers with the count a batch source returned, or one entry:
 * move_ptes(), change_pte_range(), the MGLRU walk and zap_nonpresent_ptes()
 * shapes.
 */
#include "../../include/kernel.h"

unsigned int move_batch(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long addr, unsigned long end)
{
	unsigned int max_nr = (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT;
	unsigned int nr = folio_pte_batch(folio, ptep, ptep_get(ptep), max_nr);	// expect: batch-flags (move_ptes() before the writable fix)
	pte_t pte;

	pte = get_and_clear_ptes(vma->vm_mm, addr, ptep, nr);
	clear_ptes(vma->vm_mm, addr, ptep, nr);
	wrprotect_ptes(vma->vm_mm, addr, ptep, nr);
	if (clear_flush_young_ptes(vma, addr, ptep, nr))
		folio_mark_dirty(folio);
	if (test_and_clear_young_ptes(vma, addr, ptep, 1))
		folio_mark_dirty(folio);
	pte = modify_prot_start_ptes(vma, addr, ptep, nr);
	modify_prot_commit_ptes(vma, addr, ptep, pte, pte, nr);
	return nr;
}

int zap_swap_batch(struct mm_struct *mm, pte_t *ptep, unsigned long addr,
		   unsigned long end, swp_entry_t entry)
{
	int max_nr = (end - addr) / PAGE_SIZE;
	int nr = swap_pte_batch(ptep, max_nr, ptep_get(ptep));

	swap_put_entries_direct(entry, nr);
	clear_nonpresent_ptes(mm, addr, ptep, nr);
	return nr;
}
