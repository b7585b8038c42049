// SPDX-License-Identifier: GPL-2.0-only
/*
 * 6.12's zap and mlock shapes with the 9-argument folio_pte_batch(): the
 * limit comes from a walk end through static callers whose table end is
 * pmd_addr_end(); small folios return 1 before the scan.
 */
// flags: -DPTEBATCH_API_6X
#include "../../include/kernel.h"

static unsigned int mlock_step(struct folio *folio, pte_t *pte,
		unsigned long addr, unsigned long end)
{
	unsigned int count = (end - addr) >> PAGE_SHIFT;

	if (!folio_test_large(folio))
		return 1;
	return folio_pte_batch(folio, addr, pte, ptep_get(pte), count,
			       FPB_IGNORE_DIRTY, NULL, NULL, NULL);
}

static unsigned long zap_ptes(struct folio *folio, pte_t *pte,
		unsigned long addr, unsigned long end)
{
	do {
		unsigned int nr = mlock_step(folio, pte, addr, end);

		pte += nr;
		addr += nr * PAGE_SIZE;
	} while (addr != end);
	return addr;
}

void zap_pmds(struct folio *folio, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		zap_ptes(folio, pte, addr, next);
	} while (addr = next, addr != end);
}
