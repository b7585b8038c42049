// SPDX-License-Identifier: GPL-2.0-only
/*
 * can_batch_unmap_folio_ptes() as first posted (seed 000): the scan limit
 * is the folio's size, so folio_pte_batch() reads past the PTE table when
 * the folio's first page sits in the table's last entry.
 */
#include "../../include/kernel.h"

bool can_batch_unmap_folio_ptes(unsigned long addr, struct folio *folio,
		pte_t *ptep)
{
	int max_nr = folio_nr_pages(folio);
	pte_t pte = ptep_get(ptep);

	return folio_pte_batch(folio, ptep, pte, max_nr) == max_nr; /* expect: batch-bounds */
}
