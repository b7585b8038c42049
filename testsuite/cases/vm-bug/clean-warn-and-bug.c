// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fixed forms and their neighbours: every VM_WARN_ON*() twin the fix
 * hint names, the generic WARN_ON*(), and the plain BUG_ON()/BUG() of code
 * that is not a debug assertion (not VM_BUG_ON*: another review's call).
 * Also with -DCONFIG_DEBUG_VM, where the twins expand to real warnings.
 */
// flags: -DCONFIG_DEBUG_VM
#include "../../include/kernel.h"

int fixed_checks(struct folio *folio, struct page *page, unsigned long addr,
		 unsigned int nr)
{
	VM_WARN_ON_ONCE(addr & ~PAGE_MASK);
	VM_WARN_ON_ONCE_FOLIO(!folio_test_large(folio), folio);
	VM_WARN_ON_ONCE_PAGE(!page, page);
	VM_WARN_ON_FOLIO(nr > folio_nr_pages(folio), folio);
	VM_WARN_ON(nr == 0);
	if (WARN_ON_ONCE(nr > PTRS_PER_PTE))
		return -1;
	return 0;
}

void not_debug_code(unsigned long *table, unsigned int idx)
{
	BUG_ON(!table);
	if (idx > PTRS_PER_PTE)
		BUG();
	table[idx] = 0;
}
