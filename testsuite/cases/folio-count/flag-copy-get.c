// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's copy_present_ptes() batch: the references and the rmap of nr
 * entries are duplicated together.  Taking one reference (folio_get())
 * or duplicating one mapping (folio_dup_file_rmap_pte(),
 * folio_try_dup_anon_rmap_pte()) for a batch of nr is the bug.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

void copy_ptes(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
	       pte_t *dst_pte, pte_t *src_pte, pte_t pte, unsigned long addr,
	       unsigned int nr);

int copy_get(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
	     pte_t *dst_pte, pte_t *src_pte, pte_t pte, unsigned long addr,
	     int max_nr, long *rss, struct folio *folio, struct page *page)
{
	bool any_writable;
	int nr;

	if (folio_test_large(folio) && max_nr != 1) {
		nr = folio_pte_batch(folio, addr, src_pte, pte, max_nr, 0,
				     &any_writable, NULL, NULL);
		folio_get(folio); /* expect: folio-count */
		if (folio_test_anon(folio)) {
			if (folio_try_dup_anon_rmap_ptes(folio, page, nr, dst_vma,
							 src_vma))
				return -11;
			rss[MM_ANONPAGES] += nr;
		} else {
			folio_dup_file_rmap_ptes(folio, page, nr, dst_vma);
			rss[mm_counter_file(folio)] += nr;
		}
		copy_ptes(dst_vma, src_vma, dst_pte, src_pte, pte, addr, nr);
		return nr;
	}
	folio_get(folio);
	if (folio_test_anon(folio)) {
		if (folio_try_dup_anon_rmap_pte(folio, page, dst_vma, src_vma)) {
			folio_put(folio);
			return -11;
		}
		rss[MM_ANONPAGES]++;
	} else {
		folio_dup_file_rmap_pte(folio, page, dst_vma);
		rss[mm_counter_file(folio)]++;
	}
	copy_ptes(dst_vma, src_vma, dst_pte, src_pte, pte, addr, 1);
	return 1;
}

int copy_anon_one(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
		  pte_t *src_pte, pte_t pte, unsigned long addr, int max_nr,
		  struct folio *folio, struct page *page)
{
	int nr;

	nr = folio_pte_batch(folio, addr, src_pte, pte, max_nr, 0, NULL, NULL,
			     NULL);
	folio_ref_add(folio, nr);
	if (folio_try_dup_anon_rmap_pte(folio, page, dst_vma, src_vma)) /* expect: folio-count */
		return -11;
	return nr;
}

int copy_file_one(struct vm_area_struct *dst_vma, pte_t *src_pte, pte_t pte,
		  unsigned long addr, int max_nr, struct folio *folio,
		  struct page *page)
{
	int nr;

	nr = folio_pte_batch(folio, addr, src_pte, pte, max_nr, 0, NULL, NULL,
			     NULL);
	folio_ref_add(folio, nr);
	folio_dup_file_rmap_pte(folio, page, dst_vma); /* expect: folio-count */
	return nr;
}
