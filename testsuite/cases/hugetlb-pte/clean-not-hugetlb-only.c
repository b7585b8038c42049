// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic accessors on paths that are not hugetlb-only: before the test,
 * after the branches join, on the other side, under a test that other
 * mappings pass too (||), and in a static function that non-hugetlb code
 * uses as well (6.12's try_to_unmap_one() reads the PTE before it looks at
 * folio_test_hugetlb(), and sets the dirty flag after the branches join).
 */
#include "../../include/kernel.h"

void unmap_one(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, pte_t *ptep)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pfn = pte_pfn(ptep_get(ptep));
	pte_t pteval;

	if (folio_test_hugetlb(folio)) {
		pteval = huge_ptep_clear_flush(vma, address, ptep);
	} else {
		flush_cache_page(vma, address, pfn);
		pteval = ptep_clear_flush(vma, address, ptep);
	}
	if (pte_dirty(pteval))
		folio_mark_dirty(folio);
	if (folio_test_hugetlb(folio))
		set_huge_pte_at(mm, address, ptep, pteval,
				huge_page_size(hstate_vma(vma)));
	else
		set_pte_at(mm, address, ptep, pteval);
}

bool either(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep)
{
	if (folio_test_large(folio) || folio_test_hugetlb(folio))
		return pte_dirty(ptep_get(ptep));
	if (!folio_test_hugetlb(folio))
		return pte_write(ptep_get(ptep));
	return false;
}

static bool entry_dirty(pte_t *ptep)
{
	return pte_dirty(ptep_get(ptep));
}

bool any_dirty(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep)
{
	if (is_vm_hugetlb_page(vma))
		return entry_dirty(ptep);
	return entry_dirty(ptep) || folio_test_anon(folio);
}

/* used under the test, and its address given away elsewhere */
static bool one_entry(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, void *arg)
{
	return pte_none(ptep_get((pte_t *)arg));
}

void walk_either(struct folio *folio, struct rmap_walk_control *rwc)
{
	if (folio_test_hugetlb(folio))
		one_entry(folio, NULL, 0, NULL);
	rwc->rmap_one = one_entry;
}
