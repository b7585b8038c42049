// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.x's folio_pte_batch() always ignores the writable and accessed bits
 * and reports them through any_writable/any_young; a caller that passes
 * NULL and writes the first entry's value back spreads them.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

void copy_batch(struct vm_area_struct *dst_vma, struct folio *folio,
		pte_t *dst_pte, pte_t *src_pte, unsigned long addr, int max_nr)
{
	pte_t pte = ptep_get(src_pte);
	int nr;

	nr = folio_pte_batch(folio, addr, src_pte, pte, max_nr, 0,	// expect: batch-flags
			     NULL, NULL, NULL);
	set_ptes(dst_vma->vm_mm, addr, dst_pte, pte, nr);
}

/* dirty ignored on every path and not cleaned */
void copy_ignore_dirty(struct vm_area_struct *dst_vma, struct folio *folio,
		pte_t *dst_pte, pte_t *src_pte, unsigned long addr, int max_nr)
{
	pte_t pte = ptep_get(src_pte);
	bool any_writable;
	int nr;

	nr = folio_pte_batch(folio, addr, src_pte, pte, max_nr,	// expect: batch-flags
			     FPB_IGNORE_DIRTY, &any_writable, NULL, NULL);
	if (any_writable)
		pte = pte_mkwrite(pte, dst_vma);
	pte = pte_mkold(pte);
	set_ptes(dst_vma->vm_mm, addr, dst_pte, pte, nr);
}
