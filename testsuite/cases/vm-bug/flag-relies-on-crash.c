// SPDX-License-Identifier: GPL-2.0-only
/*
 * Uses whose following code only works because the BUG stops the kernel:
 * still findings for both engines, but the Coccinelle patch mode leaves
 * them alone (an unreachable marker, a NULL test before a dereference, an
 * index test before an array access) because a warning would fall through.
 */
#include "../../include/kernel.h"

static int rss_slot(int type)
{
	switch (type) {
	case MM_FILEPAGES:
		return 0;
	case MM_ANONPAGES:
		return 1;
	default:
		VM_BUG_ON(1); /* expect: vm-bug */
	}
	return -1;
}

unsigned long vma_end_of(struct vm_area_struct *vma)
{
	VM_BUG_ON(!vma); /* expect: vm-bug */
	return vma->vm_end;
}

long rss_of(struct mm_struct *mm, int type)
{
	VM_BUG_ON_MM(type >= NR_MM_COUNTERS, mm); /* expect: vm-bug */
	return mm->rss[type] + rss_slot(type);
}

struct folio *folio_of(struct page *page, struct folio *folio)
{
	VM_BUG_ON_PAGE(folio == NULL, page); /* expect: vm-bug */
	folio->flags |= page->flags;
	return folio;
}
