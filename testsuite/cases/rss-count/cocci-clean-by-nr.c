// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counters moved by the batch size, moved by one on the path that unmaps
 * one page, or after a batch of literally one page.
 */
#include "../../include/kernel.h"

void unmap_file_batch(struct folio *folio, struct vm_area_struct *vma,
		      pte_t *ptep, unsigned long address, unsigned int nr_pages)
{
	struct mm_struct *mm = vma->vm_mm;

	get_and_clear_full_ptes(mm, address, ptep, nr_pages, 0);
	add_mm_counter(mm, mm_counter_file(folio), -(long)nr_pages);
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}

void zap_folio(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep,
	       unsigned long addr, unsigned int nr, int *rss)
{
	if (nr > 1) {
		clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
		rss[mm_counter(folio)] -= nr;
	} else {
		ptep_get_and_clear(vma->vm_mm, addr, ptep);
		rss[mm_counter(folio)]--;
	}
	add_mm_rss_vec(vma->vm_mm, rss);
}

void zap_one(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep,
	     unsigned long addr)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, 1, 0);
	dec_mm_counter(vma->vm_mm, MM_ANONPAGES);
}
