// SPDX-License-Identifier: GPL-2.0-only
/* A file with nothing to report: VM_BUG_ON() in a comment does not count. */
#include "../../include/kernel.h"

int clean(struct folio *folio, int nr)
{
	VM_WARN_ON_ONCE(nr < 0);
	return nr;
}
