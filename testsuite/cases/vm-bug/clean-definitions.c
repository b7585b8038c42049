// SPDX-License-Identifier: GPL-2.0-only
/*
 * A stand-in for include/linux/mmdebug.h: the family's own definitions in
 * both configurations.  A VM_BUG_ON*() in the body of a #define VM_BUG_ON*
 * is how the family is built, not a use, and nothing here uses them.
 */
#include "../../include/kernel.h"

#undef VM_BUG_ON
#undef VM_BUG_ON_PAGE
#undef VM_BUG_ON_FOLIO
#undef VM_BUG_ON_VMA
#undef VM_BUG_ON_MM
#undef VM_BUG_ON_PGFLAGS

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)			BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" #cond ")");	\
			BUG();						\
		}							\
	} while (0)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON_PAGE(cond, &(folio)->page)
#define VM_BUG_ON_VMA(cond, vma)	BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm)		BUG_ON(cond)
#else
#define VM_BUG_ON(cond)			BUILD_BUG_ON_INVALID(cond)
#define VM_BUG_ON_PAGE(cond, page)	VM_BUG_ON(cond)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON(cond)
#define VM_BUG_ON_VMA(cond, vma)	VM_BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm)		VM_BUG_ON(cond)
#endif
#define VM_BUG_ON_PGFLAGS(cond, page)	VM_BUG_ON_PAGE(cond, page)

int unrelated(int nr)
{
	return nr + 1;
}
