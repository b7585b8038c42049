// SPDX-License-Identifier: GPL-2.0-only
/*
 * vm_bug.cocci patch mode must not touch code that relies on the crash,
 * VM_BUG_ON_PGFLAGS (no warning twin; gated on CONFIG_DEBUG_VM_PGFLAGS),
 * comments, strings or disabled code; the report still lists the uses.
 */
#include "../../include/kernel.h"

/* VM_BUG_ON(addr & ~PAGE_MASK) is what we used to write. */
static const char why[] = "VM_BUG_ON_FOLIO(!folio, folio)";

static int slot(int type)
{
	switch (type) {
	case MM_FILEPAGES:
		return 0;
	default:
		VM_BUG_ON(1);
	}
	return -1;
}

unsigned long end_of(struct vm_area_struct *vma, struct page *page)
{
	VM_BUG_ON_VMA(!vma, vma);
	VM_BUG_ON_PGFLAGS(page->flags & 1, page);
#if 0
	VM_BUG_ON(vma->vm_end == 0);
#endif
	return vma->vm_end + slot((int)sizeof(why));
}

long rss(struct mm_struct *mm, int type)
{
	VM_BUG_ON_MM(type >= NR_MM_COUNTERS, mm);
	return mm->rss[type];
}
