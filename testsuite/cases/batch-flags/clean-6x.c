// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's copy_present_ptes() shape: any_writable merges the writable bit,
 * pte_mkold() makes accessed uniform, dirty and soft-dirty are ignored
 * only on some paths (FPB_IGNORE_* set under a test), and there the
 * value is cleaned.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

bool vma_soft_dirty_enabled(struct vm_area_struct *vma);

void copy_batch(struct vm_area_struct *dst_vma,
		struct vm_area_struct *src_vma, struct folio *folio,
		pte_t *dst_pte, pte_t *src_pte, unsigned long addr, int max_nr)
{
	pte_t pte = ptep_get(src_pte);
	bool any_writable;
	fpb_t flags = 0;
	int nr;

	if (src_vma->vm_flags & 1)
		flags |= FPB_IGNORE_DIRTY;
	if (!vma_soft_dirty_enabled(src_vma))
		flags |= FPB_IGNORE_SOFT_DIRTY;
	nr = folio_pte_batch(folio, addr, src_pte, pte, max_nr, flags,
			     &any_writable, NULL, NULL);
	if (any_writable)
		pte = pte_mkwrite(pte, dst_vma);
	if (src_vma->vm_flags & 1)
		pte = pte_mkclean(pte);
	pte = pte_mkold(pte);
	set_ptes(dst_vma->vm_mm, addr, dst_pte, pte, nr);
}
