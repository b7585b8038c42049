// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's zap_pte_range() loop with the 9-argument folio_pte_batch(): nr
 * is reset to 1 at the top of every iteration and also advances the loop,
 * so a value carried over the latch never reaches a helper.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

unsigned long zap_ptes(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr, unsigned long end)
{
	int nr;

	do {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		nr = 1;
		if (pte_none(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (folio_test_large(folio))
			nr = folio_pte_batch(folio, addr, pte, ptent,
					     (end - addr) / PAGE_SIZE,
					     FPB_IGNORE_DIRTY, NULL, NULL, NULL);
		clear_full_ptes(tlb->mm, addr, pte, nr, 0);
		tlb_remove_tlb_entries(tlb, pte, nr, addr);
		folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
	} while (pte += nr, addr += PAGE_SIZE * nr, addr != end);
	return addr;
}
