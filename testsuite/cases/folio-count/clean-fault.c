// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's do_swap_page(): a fresh mapping of the folio's pages, then the
 * reference of a lookup (another local folio, the swap cache's) dropped
 * once: no count of the batch.  A batch source whose result is only
 * compared (swap_pte_batch(...) != nr) is no batch either.
 */
#include "../../include/kernel.h"

struct folio *swap_lookup(unsigned long addr);
void folio_unlock(struct folio *folio);

int swap_fault(struct vm_area_struct *vma, pte_t *ptep, pte_t pte,
	       unsigned long addr, struct folio *large)
{
	struct folio *swapcache = swap_lookup(addr), *folio = swapcache;
	unsigned int max = (pmd_addr_end(addr, vma->vm_end) - addr) >> PAGE_SHIFT;
	unsigned int nr_pages = 1;

	if (folio_test_large(large) && swap_pte_batch(ptep, max, pte) == max) {
		folio = large;
		nr_pages = folio_nr_pages(folio);
	}
	folio_ref_add(folio, nr_pages - 1);
	folio_add_anon_rmap_ptes(folio, &folio->page, nr_pages, vma, addr, 0);
	set_ptes(vma->vm_mm, addr, ptep, pte, nr_pages);
	folio_unlock(folio);
	if (folio != swapcache) {
		folio_unlock(swapcache);
		folio_put(swapcache);
	}
	return 0;
}
