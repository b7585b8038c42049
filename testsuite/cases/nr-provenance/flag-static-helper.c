// SPDX-License-Identifier: GPL-2.0-only
/*
 * The folio size reaches the batched helpers through static functions:
 * the finding is at the call site that passes it, with a note at the
 * helper.  Two levels deep, and another caller that passes a batch stays
 * clean.
 */
#include "../../include/kernel.h"

static void drop_ptes(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, unsigned int count)
{
	clear_full_ptes(vma->vm_mm, addr, ptep, count, 0);
	folio_remove_rmap_ptes(folio, &folio->page, count, vma);
	flush_tlb_range(vma, addr, addr + count * PAGE_SIZE);
}

static void drop_range(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep, unsigned int pages)
{
	drop_ptes(folio, vma, addr, ptep, pages);
}

void unmap_whole(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep)
{
	drop_range(folio, vma, addr, ptep, folio_nr_pages(folio)); /* expect[plugin]: nr-provenance */
}

void unmap_batched(struct folio *folio, struct vm_area_struct *vma,
		unsigned long addr, pte_t *ptep)
{
	unsigned long end = pmd_addr_end(addr, vma->vm_end);
	unsigned int nr = folio_pte_batch(folio, ptep, ptep_get(ptep),
					  (end - addr) >> PAGE_SHIFT);

	drop_ptes(folio, vma, addr, ptep, nr);
}
