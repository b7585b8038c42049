// SPDX-License-Identifier: GPL-2.0-only
/*
 * The count lives in a local struct, so it is in memory at every
 * optimisation level: the previous iteration reaches the helper through
 * the virtual PHI of the loop header.  The loop is a goto.
 */
#include "../../include/kernel.h"

struct unmap_state {
	unsigned int nr;
	unsigned long addr;
};

void unmap_walk(struct folio *folio, struct page_vma_mapped_walk *pvmw)
{
	struct unmap_state st = { 1, 0 };
	struct vm_area_struct *vma = pvmw->vma;

again:
	if (!page_vma_mapped_walk(pvmw))
		return;
	st.addr = pvmw->address;
	if (pte_present(ptep_get(pvmw->pte)))
		st.nr = folio_pte_batch(folio, pvmw->pte, ptep_get(pvmw->pte),
				(pmd_addr_end(st.addr, vma->vm_end) - st.addr) >>
				PAGE_SHIFT);
	folio_remove_rmap_ptes(folio, &folio->page, st.nr, vma); /* expect: nr-stale */
	goto again;
}
