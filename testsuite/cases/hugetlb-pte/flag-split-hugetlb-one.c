// SPDX-License-Identifier: GPL-2.0-only
/*
 * "mm/rmap: Add try_to_unmap_hugetlb_one" v4 (seed 004): the hugetlb half
 * of try_to_unmap_one() moved into its own function, which try_to_unmap()
 * only picks for hugetlb folios, still with the generic accessors:
 * "Should we now properly use huge_ptep_get()?", "Should we now use
 * huge_pte_dirty() for consistency?".  The function is hugetlb-only
 * because every use of it is (through a static caller, and an rmap_one
 * chosen under folio_test_hugetlb()).
 */
#include "../../include/kernel.h"

static bool __try_to_unmap_hugetlb_one(struct folio *folio,
		struct vm_area_struct *vma, struct page_vma_mapped_walk *pvmw)
{
	unsigned long hsz = huge_page_size(hstate_vma(vma));
	unsigned long address = pvmw->address;
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;

	if (!page_vma_mapped_walk(pvmw))
		return true;
	pteval = ptep_get(pvmw->pte); /* expect[plugin]: hugetlb-pte */
	pteval = huge_ptep_clear_flush(vma, address, pvmw->pte);
	if (pte_dirty(pteval)) /* expect[plugin]: hugetlb-pte */
		folio_mark_dirty(folio);
	pteval = make_hwpoison_pte(folio);
	hugetlb_count_sub(folio_nr_pages(folio), mm);
	set_huge_pte_at(mm, address, pvmw->pte, pteval, hsz);
	hugetlb_remove_rmap(folio);
	page_vma_mapped_walk_done(pvmw);
	return true;
}

static bool try_to_unmap_hugetlb_one(struct folio *folio,
		struct vm_area_struct *vma, unsigned long address, void *arg)
{
	struct page_vma_mapped_walk pvmw = { folio, vma, address };

	return __try_to_unmap_hugetlb_one(folio, vma, &pvmw);
}

static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, void *arg)
{
	struct page_vma_mapped_walk pvmw = { folio, vma, address };

	while (page_vma_mapped_walk(&pvmw)) {
		pte_t pteval = ptep_get(pvmw.pte);

		if (pte_dirty(pteval))
			folio_mark_dirty(folio);
	}
	return true;
}

void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = folio_test_hugetlb(folio) ?
			    try_to_unmap_hugetlb_one : try_to_unmap_one,
		.arg = (void *)flags,
	};

	rmap_walk(folio, &rwc);
}
