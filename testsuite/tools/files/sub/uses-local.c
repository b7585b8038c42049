// SPDX-License-Identifier: GPL-2.0-only
/* Includes a header next to itself: works from any working directory. */
#include "local.h"

int uses_local(int nr)
{
	VM_BUG_ON(nr > 4);
	LOCAL_CHECK(nr == 2);
	return nr;
}
