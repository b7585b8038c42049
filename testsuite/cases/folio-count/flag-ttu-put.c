// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7.3's try_to_unmap_one() with half of the batched-unmap fix undone:
 * the PTEs and the rmap are dropped for nr_pages entries, but the folio
 * loses one reference (nr_pages - 1 leak), or one mapcount.
 */
#include "../../include/kernel.h"

bool pte_unused(pte_t pte);

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end;

	if (flags & TTU_HWPOISON)
		return 1;
	if (!folio_test_large(folio))
		return 1;
	end = pmd_addr_end(addr, pvmw->vma->vm_end);
	if (pte_unused(pte))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

bool unmap_one_put(struct folio *folio, struct vm_area_struct *vma,
		   struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned long nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
		folio_put(folio); /* expect: folio-count */
		if (nr_pages == folio_nr_pages(folio))
			break;
	}
	return true;
}

bool unmap_one_rmap(struct folio *folio, struct vm_area_struct *vma,
		    struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned long nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		nr_pages = 1;
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		folio_remove_rmap_pte(folio, &folio->page, vma); /* expect: folio-count */
		folio_put_refs(folio, nr_pages);
	}
	return true;
}

/* the same with the page's reference: put_page() drops one (the rule
 * matches a single move of the batch's own folio expression only) */
bool unmap_one_page(struct folio *folio, struct vm_area_struct *vma,
		    struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned long nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
		put_page(&folio->page); /* expect[plugin]: folio-count */
	}
	return true;
}
