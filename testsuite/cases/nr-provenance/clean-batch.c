// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixed shape (seed 000, 001): a static folio_unmap_pte_batch()
 * wrapper returns 1 or a batch, so it is a batch source itself; its
 * result, 1, and min() with a batch are all accepted.
 */
#include "../../include/kernel.h"

static unsigned int folio_unmap_pte_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags,
		pte_t pte)
{
	struct vm_area_struct *vma = pvmw->vma;
	unsigned long end_addr, addr = pvmw->address;
	unsigned int max_nr;

	if (flags & TTU_HWPOISON)
		return 1;
	if (!folio_test_large(folio))
		return 1;
	end_addr = pmd_addr_end(addr, vma->vm_end);
	max_nr = (end_addr - addr) >> PAGE_SHIFT;
	if (userfaultfd_wp(vma))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, max_nr);
}

bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long nr_pages, end_addr, address;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		if (pte_present(pteval)) {
			nr_pages = folio_unmap_pte_batch(folio, pvmw, flags,
							 pteval);
			end_addr = address + nr_pages * PAGE_SIZE;
			flush_cache_range(vma, address, end_addr);
			pteval = get_and_clear_full_ptes(mm, address, pvmw->pte,
							 nr_pages, 0);
			flush_tlb_range(vma, address, end_addr);
		}
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
		add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		if (nr_pages == folio_nr_pages(folio))
			break;
	}
	return true;
}

void wrprotect_batch(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, unsigned int other)
{
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	unsigned int nr = folio_pte_batch(folio, ptep, ptep_get(ptep),
					  (end - addr) >> PAGE_SHIFT);

	wrprotect_ptes(vma->vm_mm, addr, ptep, min(nr, other));
	wrprotect_ptes(vma->vm_mm, addr, ptep, 1);
}
