// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's copy and zap shapes with the 9-argument folio_pte_batch(): the
 * count is a batch, or 1 on the small-folio path, and reaches the helpers
 * directly or through a static function's parameter.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

static void zap_folio_ptes(struct mmu_gather *tlb, struct vm_area_struct *vma,
		struct folio *folio, pte_t *pte, unsigned int nr,
		unsigned long addr, int *rss)
{
	clear_full_ptes(tlb->mm, addr, pte, nr, 0);
	rss[mm_counter(folio)] -= nr;
	tlb_remove_tlb_entries(tlb, pte, nr, addr);
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
}

static int zap_present(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, pte_t ptent, unsigned int max_nr, unsigned long addr,
		int *rss)
{
	struct folio *folio = vm_normal_folio(vma, addr, ptent);
	int nr;

	if (folio_test_large(folio) && max_nr != 1) {
		nr = folio_pte_batch(folio, addr, pte, ptent, max_nr,
				     FPB_IGNORE_DIRTY, NULL, NULL, NULL);
		zap_folio_ptes(tlb, vma, folio, pte, nr, addr, rss);
		return nr;
	}
	zap_folio_ptes(tlb, vma, folio, pte, 1, addr, rss);
	return 1;
}

unsigned long zap_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr, unsigned long end)
{
	int rss[NR_MM_COUNTERS] = { 0 };
	int nr;

	do {
		pte_t ptent = ptep_get(pte);

		nr = 1;
		if (pte_none(ptent))
			continue;
		nr = zap_present(tlb, vma, pte, ptent, (end - addr) / PAGE_SIZE,
				 addr, rss);
	} while (pte += nr, addr += PAGE_SIZE * nr, addr != end);
	add_mm_rss_vec(tlb->mm, rss);
	return addr;
}
