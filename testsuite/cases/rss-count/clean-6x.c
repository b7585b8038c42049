// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's counting with the 9-argument folio_pte_batch(): a batch moves the
 * vector by nr through a pointer parameter, the single-PTE path of the
 * same helper by one.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

static void zap_folio(struct mmu_gather *tlb, struct folio *folio,
		pte_t *pte, unsigned int nr, unsigned long addr, int *rss)
{
	clear_full_ptes(tlb->mm, addr, pte, nr, 0);
	rss[mm_counter(folio)] -= nr;
	tlb_remove_tlb_entries(tlb, pte, nr, addr);
}

static void zap_single(struct mmu_gather *tlb, struct folio *folio,
		pte_t *pte, unsigned long addr, int *rss)
{
	ptep_get_and_clear(tlb->mm, addr, pte);
	rss[mm_counter(folio)]--;
	tlb_remove_tlb_entry(tlb, pte, addr);
}

void zap_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr, unsigned long end)
{
	int rss[NR_MM_COUNTERS] = { 0 };

	while (addr != end) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio = vm_normal_folio(vma, addr, ptent);
		int nr = 1;

		if (folio_test_large(folio)) {
			nr = folio_pte_batch(folio, addr, pte, ptent,
					     (end - addr) / PAGE_SIZE,
					     FPB_IGNORE_DIRTY, NULL, NULL, NULL);
			zap_folio(tlb, folio, pte, nr, addr, rss);
		} else {
			zap_single(tlb, folio, pte, addr, rss);
		}
		pte += nr;
		addr += nr * PAGE_SIZE;
	}
	add_mm_rss_vec(tlb->mm, rss);
}
