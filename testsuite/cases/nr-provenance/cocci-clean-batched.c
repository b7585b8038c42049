// SPDX-License-Identifier: GPL-2.0-only
/*
 * Accepted origins: a PTE batch, the constant 1, the folio size clamped by
 * a batch before use, and the folio size for the helpers that create a
 * fresh mapping.
 */
#include "../../include/kernel.h"

void zap_batch(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep,
	       unsigned long addr, unsigned long end)
{
	unsigned int max_nr = (end - addr) >> PAGE_SHIFT;
	unsigned int nr = folio_pte_batch(folio, ptep, ptep_get(ptep), max_nr);

	clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
	folio_remove_rmap_ptes(folio, &folio->page, nr, vma);
	folio_remove_rmap_ptes(folio, &folio->page, 1, vma); /* expect[plugin]: folio-count */
}

void zap_clamped(struct folio *folio, struct vm_area_struct *vma,
		 pte_t *ptep, unsigned long addr, unsigned long end)
{
	unsigned int nr = folio_nr_pages(folio);

	nr = folio_pte_batch(folio, ptep, ptep_get(ptep),
			     min(nr, (unsigned int)((end - addr) >> PAGE_SHIFT)));
	get_and_clear_full_ptes(vma->vm_mm, addr, ptep, nr, 0);
}

void map_fresh(struct folio *folio, struct vm_area_struct *vma, pte_t *ptep,
	       unsigned long addr, pte_t pte)
{
	unsigned int nr = folio_nr_pages(folio);

	set_ptes(vma->vm_mm, addr, ptep, pte, nr);
	folio_add_anon_rmap_ptes(folio, &folio->page, nr, vma, addr, 0);
}
