// SPDX-License-Identifier: GPL-2.0-only
/*
 * With strict, a count that is a parameter of a non-static function is
 * reported: its callers are out of sight.  (clean-create.c shows the
 * same function is clean by default.)
 */
// flags: -fplugin-arg-ptebatch_plugin-strict
#include "../../include/kernel.h"

void unmap_given(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, unsigned int nr)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0); /* expect[plugin]: nr-provenance, nr-zero */
}

static void unmap_static(struct folio *folio, struct vm_area_struct *vma,
		unsigned int nr)
{
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
}

void unmap_one(struct folio *folio, struct vm_area_struct *vma)
{
	unmap_static(folio, vma, 1);
}
