// SPDX-License-Identifier: GPL-2.0-only
/*
 * One function with both shapes under 6.12's twins: the plain checks are
 * rewritten (VM_BUG_ON_VMA loses its object, 6.12 has no _VMA twin), the
 * NULL test before the dereference stays for a human.
 */
#include "../../include/kernel.h"

unsigned long vma_pages_of(struct vm_area_struct *vma, struct folio *folio,
			   unsigned long addr)
{
	VM_BUG_ON_VMA(addr < vma->vm_start, vma);
	VM_BUG_ON_FOLIO(folio == NULL, NULL);
	VM_BUG_ON(addr & ~PAGE_MASK);
	return (vma->vm_end - addr) / PAGE_SIZE + folio->flags;
}
