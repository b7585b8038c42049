// SPDX-License-Identifier: GPL-2.0-only
/*
 * hugetlb in the ptebatch model: one PMD-sized folio mapped by the huge
 * entry of a PMD slot.
 */
#ifndef PTEBATCH_MODEL_HUGETLB_H
#define PTEBATCH_MODEL_HUGETLB_H

#include "mm.h"

pte_t *huge_pte_offset(struct mm_struct *mm, unsigned long addr,
		       unsigned long sz);
pte_t huge_ptep_clear_flush(struct vm_area_struct *vma, unsigned long addr,
			    pte_t *ptep);
void set_huge_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep,
		     pte_t pte, unsigned long sz);

static inline pte_t huge_ptep_get(struct mm_struct *mm, unsigned long addr,
				  pte_t *ptep)
{
	return *ptep;
}

static inline bool huge_pte_dirty(pte_t pte)
{
	return pte_dirty(pte);
}

static inline unsigned long huge_page_size_vma(struct vm_area_struct *vma)
{
	return PMD_SIZE;
}

#endif /* PTEBATCH_MODEL_HUGETLB_H */
