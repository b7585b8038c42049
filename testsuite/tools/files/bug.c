// SPDX-License-Identifier: GPL-2.0-only
/* One vm-bug finding, at line 7. */
#include "../../include/kernel.h"

int bug(struct folio *folio, int nr)
{
	VM_BUG_ON(nr < 0);
	return nr;
}
