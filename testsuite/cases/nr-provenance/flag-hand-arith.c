// SPDX-License-Identifier: GPL-2.0-only
/*
 * Counts built by hand: from the address range, and from an unrelated
 * call.  Neither says the PTEs map consecutive pages of the folio.
 */
#include "../../include/kernel.h"

unsigned int guess_mapped(struct folio *folio);

void zap_span(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, unsigned long end, pte_t *ptep)
{
	unsigned long span = (end - addr) >> PAGE_SHIFT;

	clear_full_ptes(vma->vm_mm, addr, ptep, span, 0); /* expect: nr-provenance */
}

void zap_guess(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep)
{
	int n = guess_mapped(folio);

	folio_remove_rmap_ptes(folio, &folio->page, n, vma); /* expect[plugin]: nr-provenance */
}
