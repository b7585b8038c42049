// SPDX-License-Identifier: GPL-2.0-only
/*
 * The accepted strides: the folio's remainder from the page the entry
 * maps ("respect folio end"), that remainder clamped to the range, a
 * batch source's count, 1, and a walk that steps one entry and then the
 * rest of a batch (mlock's pte += step - 1).
 */
#include "../../include/kernel.h"

void damos_migrate_ptes(struct vm_area_struct *vma, pte_t *pte,
		unsigned long addr, unsigned long next)
{
	struct folio *folio;
	unsigned int nr;

	for (; addr < next; pte += nr, addr += nr * PAGE_SIZE) {
		unsigned long page_idx;
		pte_t ptent;

		nr = 1;
		ptent = ptep_get(pte);
		if (pte_none(ptent) || !pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (!folio)
			continue;
		page_idx = folio_page_idx(folio, pte_page(ptent));
		nr = folio_nr_pages(folio) - page_idx;
	}
}

void walk_clamped_rest(struct vm_area_struct *vma, pte_t *pte,
		unsigned long addr, unsigned long end)
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
			nr = min(folio_nr_pages(folio) -
				 folio_page_idx(folio, pte_page(ptent)),
				 (end - addr) >> PAGE_SHIFT);
	}
}

void walk_batch(struct vm_area_struct *vma, pte_t *pte, unsigned long addr,
		unsigned long end, unsigned long *young)
{
	unsigned int nr;

	for (; addr != end; pte += nr, addr += nr * PAGE_SIZE) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		nr = 1;
		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (!folio)
			continue;
		/* the folio's size only bounds the batch; it is no stride */
		if (folio_test_large(folio) &&
		    folio_nr_pages(folio) > 1)
			nr = folio_pte_batch(folio, pte, ptent,
					     (end - addr) >> PAGE_SHIFT);
		*young += folio_nr_pages(folio);
	}
}

void walk_step(struct vm_area_struct *vma, pte_t *start_pte,
		unsigned long addr, unsigned long end)
{
	unsigned int step;
	pte_t *pte;

	for (pte = start_pte; addr != end; pte++, addr += PAGE_SIZE) {
		pte_t ptent = ptep_get(pte);
		struct folio *folio;

		if (!pte_present(ptent))
			continue;
		folio = vm_normal_folio(vma, addr, ptent);
		if (!folio)
			continue;
		step = 1;
		if (folio_test_large(folio))
			step = folio_pte_batch(folio, pte, ptent,
					       (end - addr) >> PAGE_SHIFT);
		folio_mark_accessed(folio);
		pte += step - 1;
		addr += (step - 1) << PAGE_SHIFT;
	}
}

/* the folio's size advances something other than the walk */
unsigned long count_pages(struct folio **folios, int n, pte_t *pte)
{
	unsigned long pages = 0;
	int i;

	for (i = 0; i < n; i++) {
		pages += folio_nr_pages(folios[i]);
		pte++;
	}
	return pages;
}
