// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every member of the VM_BUG_ON family is a finding, whatever its
 * argument: the fix is the VM_WARN_ON_ONCE* twin.
 */
#include "../../include/kernel.h"

void check_folio(struct folio *folio, struct page *page,
		 struct vm_area_struct *vma, struct mm_struct *mm,
		 unsigned long addr)
{
	VM_BUG_ON(addr & ~PAGE_MASK); /* expect: vm-bug */
	VM_BUG_ON_PAGE(page->flags == 0, page); /* expect: vm-bug */
	VM_BUG_ON_FOLIO(!folio_test_large(folio), folio); /* expect: vm-bug */
	VM_BUG_ON_VMA(addr < vma->vm_start, vma); /* expect: vm-bug */
	VM_BUG_ON_MM(mm->rss[0] < 0, mm); /* expect: vm-bug */
	VM_BUG_ON_PGFLAGS(page->flags & 1, page); /* expect: vm-bug */
}

/* A multi-line condition is reported on the line of the macro name. */
void check_range(struct vm_area_struct *vma, unsigned long start,
		 unsigned long end)
{
	VM_BUG_ON_VMA(start < vma->vm_start || /* expect: vm-bug */
		      end > vma->vm_end, vma);
	if (start == end)
		VM_BUG_ON(1); /* expect: vm-bug */
}
