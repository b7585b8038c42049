// SPDX-License-Identifier: GPL-2.0-only
/*
 * Swap slots of the ptebatch model: one swap device, a count per slot.
 */
#ifndef PTEBATCH_MODEL_SWAP_H
#define PTEBATCH_MODEL_SWAP_H

#include "mm.h"

#define SWAP_MAP_MAX	0x3e

static inline swp_entry_t page_swap_entry(struct page *page)
{
	struct folio *folio = page_folio(page);

	return swp_entry(swp_type(folio->swap),
			 swp_offset(folio->swap) + folio_page_idx(folio, page));
}

static inline swp_entry_t make_hwpoison_entry(struct page *page)
{
	return swp_entry(SWP_HWPOISON, page_to_pfn(page));
}

/* The swap PTE for the next slot, with the same bits. */
static inline pte_t pte_next_swp_offset(pte_t pte)
{
	return __pte(pte_val(pte) + (1ULL << _PAGE_PFN_SHIFT));
}

int swap_duplicate_nr(swp_entry_t entry, int nr);
void swap_free_nr(swp_entry_t entry, int nr);
int swap_count(swp_entry_t entry);

#endif /* PTEBATCH_MODEL_SWAP_H */
