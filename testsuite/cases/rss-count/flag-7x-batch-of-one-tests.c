// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests that look like the batch source's "return 1" tests but do not
 * imply them: the flag's test negated, or one term of a disjunction, so
 * the batch can be larger than one on the by-one path.
 */
#include "../../include/kernel.h"

bool pte_unused(pte_t pte);
bool pte_special(pte_t pte);

static unsigned int unmap_batch(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, enum ttu_flags flags, pte_t pte)
{
	unsigned long addr = pvmw->address;
	unsigned long end = pmd_addr_end(addr, pvmw->vma->vm_end);

	if (flags & TTU_HWPOISON)
		return 1;
	if (pte_unused(pte))
		return 1;
	return folio_pte_batch(folio, pvmw->pte, pte, (end - addr) >> PAGE_SHIFT);
}

bool unmap_one(struct folio *folio, struct vm_area_struct *vma,
	       struct page_vma_mapped_walk *pvmw, enum ttu_flags flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long address;
	unsigned int nr_pages;
	pte_t pteval;

	while (page_vma_mapped_walk(pvmw)) {
		address = pvmw->address;
		pteval = ptep_get(pvmw->pte);
		nr_pages = unmap_batch(folio, pvmw, flags, pteval);
		pteval = get_and_clear_ptes(mm, address, pvmw->pte, nr_pages);
		flush_tlb_range(vma, address, address + nr_pages * PAGE_SIZE);
		if (pte_special(pteval) || pte_unused(pteval))
			dec_mm_counter(mm, mm_counter(folio)); /* expect: rss-count */
		else if (!(flags & TTU_HWPOISON))
			dec_mm_counter(mm, mm_counter(folio)); /* expect: rss-count */
		else
			add_mm_counter(mm, mm_counter_file(folio), -nr_pages);
		folio_remove_rmap_ptes(folio, &folio->page, nr_pages, vma);
	}
	return true;
}
