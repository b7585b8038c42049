// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's shapes with the 9-argument folio_pte_batch(): a single PTE is
 * cleared and flushed with tlb_flush_pte_range(tlb, addr, PAGE_SIZE) (what
 * tlb_remove_tlb_entry() expands to), a batch with
 * tlb_remove_tlb_entries(); the lazyfree path flushes the whole range.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

int zap_present(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr, unsigned long end)
{
	pte_t ptent = ptep_get(pte);
	struct folio *folio = vm_normal_folio(vma, addr, ptent);
	int nr;

	if (!folio) {
		ptep_get_and_clear(tlb->mm, addr, pte);
		tlb_flush_pte_range(tlb, addr, PAGE_SIZE);
		return 1;
	}
	nr = folio_pte_batch(folio, addr, pte, ptent,
			     (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT,
			     FPB_IGNORE_DIRTY, NULL, NULL, NULL);
	clear_full_ptes(tlb->mm, addr, pte, nr, 0);
	tlb_remove_tlb_entries(tlb, pte, nr, addr);
	return nr;
}

void lazyfree(struct folio *folio, struct vm_area_struct *vma, pte_t *pte,
		unsigned long address)
{
	int nr_pages = folio_pte_batch(folio, address, pte, ptep_get(pte),
			(pmd_addr_end(address, vma->vm_end) - address) >> PAGE_SHIFT,
			0, NULL, NULL, NULL);
	unsigned long end_addr = address + nr_pages * PAGE_SIZE;

	flush_cache_range(vma, address, end_addr);
	get_and_clear_full_ptes(vma->vm_mm, address, pte, nr_pages, 0);
	flush_tlb_range(vma, address, end_addr);
}
