// SPDX-License-Identifier: GPL-2.0-only
/*
 * Generic accessors under a hugetlb test: the branch of
 * folio_test_hugetlb() (also through unlikely() and a bool kept for
 * later), the rest of a function after "if (!is_vm_hugetlb_page(vma))
 * return".  set_pte_at() is named as written, not as the set_ptes() it
 * expands to.
 */
#include "../../include/kernel.h"

void unmap_branch(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, pte_t *ptep)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pteval;

	if (folio_test_hugetlb(folio)) {
		pteval = ptep_clear_flush(vma, address, ptep); /* expect: hugetlb-pte */
		hugetlb_count_sub(folio_nr_pages(folio), mm);
		set_pte_at(mm, address, ptep, pteval); /* expect: hugetlb-pte */
	} else {
		pteval = ptep_clear_flush(vma, address, ptep);
		set_pte_at(mm, address, ptep, pteval);
	}
}

bool dirty_unlikely(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, pte_t *ptep)
{
	if (unlikely(folio_test_hugetlb(folio)))
		return pte_dirty(huge_ptep_get(vma->vm_mm, address, ptep)); /* expect: hugetlb-pte */
	return pte_dirty(ptep_get(ptep));
}

bool write_kept(struct folio *folio, struct vm_area_struct *vma,
		unsigned long address, pte_t *ptep)
{
	bool hugetlb = folio_test_hugetlb(folio);
	pte_t pte = huge_ptep_get(vma->vm_mm, address, ptep);

	folio_mark_dirty(folio);
	if (hugetlb)
		return pte_write(pte); /* expect[plugin]: hugetlb-pte */
	return false;
}

bool hugetlb_vma_none(struct vm_area_struct *vma, unsigned long address,
		pte_t *ptep)
{
	pte_t pte;

	if (!is_vm_hugetlb_page(vma))
		return false;
	pte = ptep_get(ptep); /* expect: hugetlb-pte */
	return pte_none(pte); /* expect: hugetlb-pte */
}
