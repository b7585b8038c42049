// SPDX-License-Identifier: GPL-2.0-only
/*
 * Text that looks like VM_BUG_ON but is not a use: comments, strings,
 * BUILD_BUG_ON, disabled code, the warning family, look-alike names and
 * the definition of a new member of the family that nothing uses.
 */
#include "../../include/kernel.h"

/* VM_BUG_ON(addr & ~PAGE_MASK) would crash here; we warn instead. */
static const char msg[] = "VM_BUG_ON_FOLIO(!folio_test_large(folio), folio)";

#define VM_BUG_ON_PTE(cond, ptep)	VM_BUG_ON(cond)

static int my_VM_BUG_ON_count;

static void vm_bug_on(int x)
{
	my_VM_BUG_ON_count += x;
}

void quiet(struct folio *folio, unsigned long addr)
{
	// VM_BUG_ON_PAGE(1, NULL);
	BUILD_BUG_ON(PAGE_SIZE != 4096);
	BUILD_BUG_ON_INVALID(addr);
#if 0
	VM_BUG_ON(addr & ~PAGE_MASK);
	VM_BUG_ON_FOLIO(!folio, folio);
#endif
	VM_WARN_ON_ONCE(addr & ~PAGE_MASK);
	VM_WARN_ON_ONCE_FOLIO(!folio_test_large(folio), folio);
	VM_WARN_ON(addr == 0);
	vm_bug_on((int)sizeof(msg));
}
