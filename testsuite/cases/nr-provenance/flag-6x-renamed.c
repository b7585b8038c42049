// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's names of the helpers 7.x renamed (clear_not_present_full_ptes(),
 * free_swap_and_cache_nr()) and the "full" forms of get_and_clear_ptes()
 * and clear_ptes(), handed the folio's size.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

void zap_batch(struct folio *folio, struct mm_struct *mm, pte_t *ptep,
	       unsigned long addr, swp_entry_t entry)
{
	int nr = folio_nr_pages(folio);

	get_and_clear_full_ptes(mm, addr, ptep, nr, 1); /* expect: nr-provenance */
	clear_full_ptes(mm, addr, ptep, nr, 1); /* expect: nr-provenance */
	clear_not_present_full_ptes(mm, addr, ptep, nr, 1); /* expect: nr-provenance */
	free_swap_and_cache_nr(entry, nr); /* expect: nr-provenance */
}

int zap_swap_batch(struct mm_struct *mm, pte_t *ptep, unsigned long addr,
		   unsigned long end, swp_entry_t entry)
{
	int nr = swap_pte_batch(ptep, (end - addr) / PAGE_SIZE, ptep_get(ptep));

	free_swap_and_cache_nr(entry, nr);
	clear_not_present_full_ptes(mm, addr, ptep, nr, 1);
	return nr;
}
