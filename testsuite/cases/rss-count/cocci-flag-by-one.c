// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counters moved by one after a batched unmap of nr pages: the file folio
 * path of try_to_unmap_one() before "mm: rmap: support batched unmapping
 * for file large folios", and a zap-style rss vector.
 */
#include "../../include/kernel.h"

void unmap_file_batch(struct folio *folio, struct vm_area_struct *vma,
		      pte_t *ptep, unsigned long address, unsigned int nr_pages)
{
	struct mm_struct *mm = vma->vm_mm;

	get_and_clear_full_ptes(mm, address, ptep, nr_pages, 0);
	dec_mm_counter(mm, mm_counter_file(folio)); /* expect: rss-count */
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}

void zap_folio_batch(struct folio *folio, struct vm_area_struct *vma,
		     pte_t *ptep, unsigned long addr, unsigned int nr,
		     int *rss)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
	rss[mm_counter(folio)]--; /* expect: rss-count */
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
}

void zap_swap_batch(swp_entry_t entry, unsigned int nr, int *rss)
{
	free_swap_and_cache_nr(entry, nr);
	--rss[MM_SWAPENTS]; /* expect[cocci]: rss-count */
}
