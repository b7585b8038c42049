// SPDX-License-Identifier: GPL-2.0-only
/* One bug, seen by both engines, on a call that spans two lines. */
#include "../../include/kernel.h"

int batch_flags(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep,
		pte_t *ptentp)
{
	return folio_pte_batch_flags(folio, vma, ptep, ptentp,
				     folio_nr_pages(folio), 0);
}
