// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mmu_gather form (6.12's zap path): after clearing a batch the
 * single-entry tlb_remove_tlb_entry() (which 6.12 expands to
 * tlb_flush_pte_range(tlb, addr, PAGE_SIZE)) is used where
 * tlb_remove_tlb_entries(tlb, ptep, nr, addr) is meant.  Behind a static
 * helper, with the 6.x folio_pte_batch().
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

static void zap_batch(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned int count, unsigned long va)
{
	clear_full_ptes(tlb->mm, va, pte, count, 0);
	tlb_remove_tlb_entry(tlb, pte, va); /* expect: tlb-range */
}

static void zap_batch_62(struct mmu_gather *tlb, pte_t *pte,
		unsigned int count, unsigned long va)
{
	pte_t old = get_and_clear_full_ptes(tlb->mm, va, pte, count, 1);

	(void)old;
	tlb_flush_pte_range(tlb, va, PAGE_SIZE); /* expect: tlb-range */
}

int zap_present(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long va, unsigned long end)
{
	pte_t ptent = ptep_get(pte);
	struct folio *f = vm_normal_folio(vma, va, ptent);
	int nr = folio_pte_batch(f, va, pte, ptent,
				 (pmd_addr_end(va, end) - va) >> PAGE_SHIFT,
				 0, NULL, NULL, NULL);

	zap_batch(tlb, vma, pte, nr, va);
	zap_batch_62(tlb, pte, nr, va);
	return nr;
}
