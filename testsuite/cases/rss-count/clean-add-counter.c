// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixed counting (seed 002; 6.12's zap path): add_mm_counter() with
 * -nr, rss[...] -= nr; by-one updates on the single-PTE path and on other
 * branches of the loop, reached from the batch only through the next
 * iteration, are right.
 */
#include "../../include/kernel.h"

void unmap_batch(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned int nr_pages = folio_pte_batch(folio, ptep, ptep_get(ptep),
		(pmd_addr_end(address, vma->vm_end) - address) >> PAGE_SHIFT);

	get_and_clear_full_ptes(mm, address, ptep, nr_pages, 0);
	add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
	folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
}

void zap_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
		pte_t *pte, unsigned long addr, unsigned long end)
{
	int rss[NR_MM_COUNTERS] = { 0 };
	int nr;

	do {
		pte_t ptent = ptep_get(pte);
		struct folio *folio = vm_normal_folio(vma, addr, ptent);

		nr = 1;
		if (pte_present(ptent)) {
			nr = folio_pte_batch(folio, pte, ptent,
					     (end - addr) / PAGE_SIZE);
			clear_full_ptes(tlb->mm, addr, pte, nr, 0);
			rss[mm_counter(folio)] -= nr;
			continue;
		}
		if (pte_none(ptent))
			continue;
		ptep_get_and_clear(tlb->mm, addr, pte);
		rss[mm_counter(folio)]--;
		dec_mm_counter(tlb->mm, MM_SWAPENTS);
	} while (pte += nr, addr += PAGE_SIZE * nr, addr != end);
	add_mm_rss_vec(tlb->mm, rss);
}

void single_pte(struct folio *folio, struct vm_area_struct *vma,
		pte_t *ptep, unsigned long address)
{
	get_and_clear_full_ptes(vma->vm_mm, address, ptep, 1, 0);
	dec_mm_counter(vma->vm_mm, mm_counter_file(folio));
	folio_remove_rmap_ptes(folio, &folio->page, 1, vma);
	inc_mm_counter(vma->vm_mm, MM_SWAPENTS);
}
