// SPDX-License-Identifier: GPL-2.0-only
/*
 * The in-memory shape of flag-in-memory.c, clean: the count in the local
 * struct is reset at the top of every iteration of the goto loop, so the
 * virtual PHI of the loop header carries no batch of a previous iteration
 * to the helper.
 */
#include "../../include/kernel.h"

struct unmap_state {
	unsigned int nr;
	unsigned long addr;
};

void unmap_walk_reset(struct folio *folio, struct page_vma_mapped_walk *pvmw)
{
	struct unmap_state st = { 1, 0 };
	struct vm_area_struct *vma = pvmw->vma;

again:
	if (!page_vma_mapped_walk(pvmw))
		return;
	st.nr = 1;
	st.addr = pvmw->address;
	if (pte_present(ptep_get(pvmw->pte)))
		st.nr = folio_pte_batch(folio, pvmw->pte, ptep_get(pvmw->pte),
				(pmd_addr_end(st.addr, vma->vm_end) - st.addr) >>
				PAGE_SHIFT);
	folio_remove_rmap_ptes(folio, &folio->page, st.nr, vma);
	goto again;
}
