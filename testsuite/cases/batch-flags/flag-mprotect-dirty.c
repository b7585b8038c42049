// SPDX-License-Identifier: GPL-2.0-only
/*
 * A change_pte_range()-like batch that respects the writable and
 * soft-dirty bits but writes back a value read from the first entry
 * (ptep_get(), not modify_prot_start_ptes(), which folds dirty and
 * accessed from all entries): pte_modify() makes the protection uniform,
 * the first entry's dirty and accessed bits are spread.
 */
#include "../../include/kernel.h"

pte_t pte_modify(pte_t pte, unsigned long newprot);

void change_ptes(struct vm_area_struct *vma, struct folio *folio,
		pte_t *pte, unsigned long addr, unsigned long end,
		unsigned long newprot)
{
	const fpb_t flags = FPB_RESPECT_SOFT_DIRTY | FPB_RESPECT_WRITE;
	pte_t oldpte = ptep_get(pte), ptent;
	int nr_ptes;

	nr_ptes = folio_pte_batch_flags(folio, NULL, pte, &oldpte,	// expect: batch-flags
					(end - addr) >> PAGE_SHIFT, flags);
	ptent = pte_modify(oldpte, newprot);
	modify_prot_commit_ptes(vma, addr, pte, oldpte, ptent, nr_ptes);
}
