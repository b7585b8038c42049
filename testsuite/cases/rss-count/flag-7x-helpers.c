// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.x's batched clears followed by a counter moved by one:
 * get_and_clear_ptes() in an unmap path, clear_nonpresent_ptes() of a
 * batch of swap entries with MM_SWAPENTS in the zap's local vector.
 * Plugin-only until the cocci helper lists come from the rule table.
 */
#include "../../include/kernel.h"

void unmap_file(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address = pvmw->address;
	unsigned int nr_pages = folio_pte_batch(folio, pvmw->pte,
		ptep_get(pvmw->pte),
		(pmd_addr_end(address, vma->vm_end) - address) >> PAGE_SHIFT);

	get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
	flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
	dec_mm_counter(mm, mm_counter_file(folio)); /* expect: rss-count */
}

int zap_swap(struct folio *folio, struct mm_struct *mm, pte_t *pte,
	     unsigned long addr, unsigned long end, swp_entry_t entry)
{
	int rss[NR_MM_COUNTERS] = { 0 };
	int nr = swap_pte_batch(pte, (end - addr) / PAGE_SIZE, ptep_get(pte));

	swap_put_entries_direct(entry, nr);
	clear_nonpresent_ptes(mm, addr, pte, nr);
	rss[MM_SWAPENTS]--; /* expect: rss-count */
	add_mm_rss_vec(mm, rss);
	return nr;
}
