// SPDX-License-Identifier: GPL-2.0-only
/*
 * The batch is handed to a static function that drops one reference or
 * one mapping: reported in the callee, with a note at the call (the
 * plugin; the Coccinelle rule does not follow a count into a callee).
 */
#include "../../include/kernel.h"

static void drop_refs(struct folio *folio, unsigned long nr)
{
	folio_put(folio); /* expect[plugin]: folio-count */
}

static void drop_map(struct vm_area_struct *vma, struct folio *folio,
		     unsigned long nr)
{
	folio_remove_rmap_pte(folio, &folio->page, vma); /* expect[plugin]: folio-count */
	drop_refs(folio, nr);
}

void zap_batch(struct mm_struct *mm, struct vm_area_struct *vma,
	       struct folio *folio, pte_t *pte, unsigned long addr,
	       unsigned long end)
{
	unsigned int nr;
	pte_t ptent;

	for (; addr < end; pte += nr, addr += nr * PAGE_SIZE) {
		ptent = ptep_get(pte);
		nr = folio_pte_batch(folio, pte, ptent,
				     (pmd_addr_end(addr, end) - addr) >> PAGE_SHIFT);
		ptent = get_and_clear_ptes(mm, addr, pte, nr);
		drop_map(vma, folio, nr);
	}
}
