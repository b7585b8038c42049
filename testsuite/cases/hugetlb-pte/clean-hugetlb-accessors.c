// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux 7.3's try_to_unmap_poisoned_hugetlb_one(), after the fix asked for
 * in seed 004: the hugetlb accessors with 7.3's signatures
 * (huge_ptep_get(mm, addr, ptep), set_huge_pte_at(..., sz)), and generic
 * helpers that have no hugetlb twin (pte_present(), pte_pfn()).
 */
#include "../../include/kernel.h"

static bool try_to_unmap_poisoned_hugetlb_one(struct folio *folio,
		struct vm_area_struct *vma, unsigned long address, void *arg)
{
	struct page_vma_mapped_walk pvmw = { folio, vma, address };
	const unsigned long hsz = huge_page_size(hstate_vma(vma));
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;

	if (!page_vma_mapped_walk(&pvmw))
		return true;
	pteval = huge_ptep_get(mm, address, pvmw.pte);
	VM_WARN_ON_ONCE(!pte_present(pteval));
	VM_WARN_ON_ONCE(pte_pfn(pteval) != folio_pfn(folio));
	pteval = huge_ptep_clear_flush(vma, address, pvmw.pte);
	if (huge_pte_dirty(pteval))
		folio_mark_dirty(folio);
	pteval = make_hwpoison_pte(folio);
	hugetlb_count_sub(folio_nr_pages(folio), mm);
	set_huge_pte_at(mm, address, pvmw.pte, pteval, hsz);
	hugetlb_remove_rmap(folio);
	page_vma_mapped_walk_done(&pvmw);
	return true;
}

static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, void *arg)
{
	struct page_vma_mapped_walk pvmw = { folio, vma, address };

	while (page_vma_mapped_walk(&pvmw))
		if (pte_dirty(ptep_get(pvmw.pte)))
			folio_mark_dirty(folio);
	return true;
}

void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = folio_test_hugetlb(folio) ?
			    try_to_unmap_poisoned_hugetlb_one : try_to_unmap_one,
		.arg = (void *)flags,
	};

	rmap_walk(folio, &rwc);
}
