// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's zap path counts in a local rss vector given to add_mm_rss_vec();
 * here the batched clear is followed by a decrement, in the caller's
 * vector and in a vector passed as a pointer.  6.x folio_pte_batch().
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

static void zap_folio(struct mmu_gather *tlb, struct folio *folio,
		pte_t *pte, unsigned int nr, unsigned long addr, int *counts)
{
	if (!folio_test_anon(folio)) {
		get_and_clear_full_ptes(tlb->mm, addr, pte, nr, 0);
		counts[mm_counter(folio)] -= nr;
	} else {
		clear_full_ptes(tlb->mm, addr, pte, nr, 0);
		counts[MM_ANONPAGES]--; /* expect: rss-count */
	}
	tlb_remove_tlb_entries(tlb, pte, nr, addr);
}

void zap_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr, unsigned long end)
{
	int rss[NR_MM_COUNTERS] = { 0 };

	do {
		pte_t ptent = ptep_get(pte);
		struct folio *folio = vm_normal_folio(vma, addr, ptent);
		int nr = folio_pte_batch(folio, addr, pte, ptent,
					 (end - addr) / PAGE_SIZE,
					 FPB_IGNORE_DIRTY, NULL, NULL, NULL);

		if (folio_test_anon(folio)) {
			zap_folio(tlb, folio, pte, nr, addr, rss);
		} else {
			clear_full_ptes(tlb->mm, addr, pte, nr, 0);
			folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
			rss[mm_counter_file(folio)]--; /* expect: rss-count */
		}
		pte += nr;
		addr += nr * PAGE_SIZE;
	} while (addr != end);
	add_mm_rss_vec(tlb->mm, rss);
}
