// SPDX-License-Identifier: GPL-2.0-only
/*
 * vm_bug.cocci patch mode, tree: default (see run.sh); the same input as
 * mainline-rewrite.c, so the outputs differ only by the tree's twins.
 */
#include "../../include/kernel.h"

void check_all(struct folio *folio, struct page *page,
	       struct vm_area_struct *vma, struct mm_struct *mm,
	       unsigned long addr)
{
	VM_BUG_ON(addr & ~PAGE_MASK);
	VM_BUG_ON_PAGE(page->flags == 0, page);
	VM_BUG_ON_FOLIO(!folio_test_large(folio), folio);
	VM_BUG_ON_VMA(addr < vma->vm_start, vma);
	VM_BUG_ON_MM(mm->rss[0] < 0, mm);
	if (addr)
		VM_BUG_ON_FOLIO(folio_nr_pages(folio) > PTRS_PER_PTE,
				folio);
	VM_BUG_ON_VMA(addr < vma->vm_start ||
		      addr >= vma->vm_end, vma);
}
