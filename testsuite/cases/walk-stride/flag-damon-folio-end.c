// SPDX-License-Identifier: GPL-2.0-only
/*
 * A DAMON-style PTE walk before "respect folio end": after one entry,
 * the stride is the whole folio's size although the entry can map the
 * middle of the folio, so the walk jumps past the folio's end and never
 * looks at the entries it skips.
 */
#include "../../include/kernel.h"

void damos_migrate_ptes(struct vm_area_struct *vma, pte_t *pte,
		unsigned long addr, unsigned long next)
{
	struct folio *folio;
	unsigned int nr;

	for (; addr < next; pte += nr, addr += nr * PAGE_SIZE) {
		pte_t ptent;

		nr = 1;
		ptent = ptep_get(pte);
		if (pte_none(ptent) || !pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (!folio)
			continue;
		folio_mark_accessed(folio);
		nr = folio_nr_pages(folio);	// expect: walk-stride
	}
}

/* the same in a do-while walk, the stride kept in a long */
void stat_ptes(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end, unsigned long *young)
{
	long nr;

	do {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		nr = 1;
		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (folio && folio_test_large(folio))
			nr = folio_nr_pages(folio);	// expect[plugin]: walk-stride (a do-while walk)
		*young += nr;
	} while (pte += nr, addr += nr * PAGE_SIZE, addr != end);
}
