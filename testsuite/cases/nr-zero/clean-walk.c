// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page-table walk parameters, as batch-bounds accepts them: a walk's
 * range is never empty (its callers loop while addr != end), the table's
 * end and the VMA's end lie above addr, and a parameter of a non-static
 * function is not reported without strict.  A static helper of this file
 * with set_ptes()' loop is fine when every call passes a count >= 1.
 */
#include "../../include/kernel.h"

void ClearPageAnonExclusive(struct page *page);

static void clear_exclusive(struct page *page, unsigned int nr)
{
	for (;;) {
		ClearPageAnonExclusive(page);
		if (--nr == 0)
			break;
		++page;
	}
}

void share_walk_range(struct page *page, unsigned long addr,
		unsigned long end)
{
	clear_exclusive(page, (end - addr) >> PAGE_SHIFT);
}

void share_to_table_end(struct page *page, struct vm_area_struct *vma,
		unsigned long addr)
{
	unsigned long end = pmd_addr_end(addr, vma->vm_end);

	clear_exclusive(page, (end - addr) >> PAGE_SHIFT);
}

void wrprotect_given(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int nr)
{
	wrprotect_ptes(vma->vm_mm, addr, ptep, nr);
}

static void share_batch(struct folio *folio, struct page *page,
		unsigned int nr)
{
	clear_exclusive(page, nr);
}

void share_mapped(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep)
{
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	unsigned int nr = folio_pte_batch(folio, ptep, ptep_get(ptep),
					  (end - addr) >> PAGE_SHIFT);

	share_batch(folio, &folio->page, nr);
	clear_exclusive(&folio->page, 1);
	clear_exclusive(&folio->page, folio_nr_pages(folio));
}
