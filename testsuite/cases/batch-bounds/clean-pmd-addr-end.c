// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixes (seeds 000, 002): pmd_addr_end(addr, vma->vm_end), the
 * min_t()/ALIGN() form, the mask form, and a limit from a walk end
 * parameter that the walk's caller clamps.
 */
#include "../../include/kernel.h"

unsigned int unmap_batch(struct folio *folio, struct page_vma_mapped_walk *pvmw,
		pte_t pte)
{
	struct vm_area_struct *vma = pvmw->vma;
	unsigned long end_addr, addr = pvmw->address;
	unsigned int max_nr;

	end_addr = pmd_addr_end(addr, vma->vm_end);
	max_nr = (end_addr - addr) >> PAGE_SHIFT;
	return folio_pte_batch(folio, pvmw->pte, pte, max_nr);
}

unsigned int unmap_batch_v5(struct folio *folio,
		struct page_vma_mapped_walk *pvmw, pte_t pte)
{
	struct vm_area_struct *vma = pvmw->vma;
	unsigned long end_addr, addr = pvmw->address;
	unsigned int max_nr;

	end_addr = min_t(unsigned long, ALIGN(addr + 1, PMD_SIZE), vma->vm_end);
	max_nr = (end_addr - addr) >> PAGE_SHIFT;
	return folio_pte_batch(folio, pvmw->pte, pte, max_nr);
}

unsigned int mask_form(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep)
{
	unsigned long table_end = (addr & PMD_MASK) + PMD_SIZE;
	unsigned long stop = min(table_end, vma->vm_end);

	return folio_pte_batch(folio, ptep, ptep_get(ptep),
			       (stop - addr) >> PAGE_SHIFT);
}

/* A page-table walk callback: end is clamped by the walk. */
static int madvise_batch(unsigned long addr, unsigned long end,
		struct folio *folio, pte_t *ptep)
{
	int max_nr = (end - addr) / PAGE_SIZE;

	return folio_pte_batch(folio, ptep, ptep_get(ptep), max_nr);
}

int pte_range_cb(pte_t *pte, unsigned long addr, unsigned long end,
		struct folio *folio)
{
	return madvise_batch(addr, end, folio, pte);
}
