// SPDX-License-Identifier: GPL-2.0-only
/*
 * The folio's size spelt other ways: in bytes shifted down, as 1 <<
 * order, as the head page's compound_nr(); and clamped to the range's
 * end, which still passes the folio's end.
 */
#include "../../include/kernel.h"

void walk_bytes(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	unsigned long nr;

	for (; addr != end; pte += nr, addr += nr * PAGE_SIZE) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		nr = 1;
		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (!folio)
			continue;
		nr = folio_size(folio) >> PAGE_SHIFT;	// expect: walk-stride
	}
}

void walk_order(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	unsigned int nr;

	for (; addr != end; pte += nr, addr += nr * PAGE_SIZE) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		nr = 1;
		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (folio)
			nr = 1 << folio_order(folio);	// expect: walk-stride
	}
}

void walk_compound(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	unsigned long step;

	for (; addr != end; pte += step, addr += step * PAGE_SIZE) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		step = 1;
		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (folio)
			step = compound_nr(&folio->page);	// expect: walk-stride
	}
}

void walk_clamped(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end)
{
	unsigned long nr;

	for (; addr != end; pte += nr, addr += nr * PAGE_SIZE) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		nr = 1;
		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (folio)
			nr = min((unsigned long)folio_nr_pages(folio), // expect[plugin]: walk-stride (min())
				 (end - addr) >> PAGE_SHIFT);
	}
}
