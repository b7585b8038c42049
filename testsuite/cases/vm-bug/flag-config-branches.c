// SPDX-License-Identifier: GPL-2.0-only
/*
 * Uses in both branches of a configuration conditional.  The plugin sees
 * only the branch the compiler takes (here the #else: the runner never
 * defines CONFIG_ARM64); Coccinelle reads every branch as written.
 */
#include "../../include/kernel.h"

void debug_checks(struct folio *folio, unsigned long addr)
{
#ifdef CONFIG_ARM64
	VM_BUG_ON_FOLIO(folio_nr_pages(folio) > PTRS_PER_PTE, folio); /* expect[cocci]: vm-bug */
#else
	VM_BUG_ON(addr & ~PAGE_MASK); /* expect: vm-bug */
#endif
}

/*
 * A VM_BUG_ON inside another macro's body is a use: the plugin reports it
 * where the macro is expanded (at the spelling in the body), Coccinelle
 * whether or not anything expands it.
 */
#define CHECK_ALIGNED(a)	VM_BUG_ON((a) & ~PAGE_MASK) /* expect: vm-bug */
#define CHECK_LARGE(f)		VM_BUG_ON_FOLIO(!folio_test_large(f), f) /* expect[cocci]: vm-bug */

void aligned_only(unsigned long addr)
{
	CHECK_ALIGNED(addr);
}
