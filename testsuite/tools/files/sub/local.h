/* SPDX-License-Identifier: GPL-2.0-only */
#include "../../../include/kernel.h"
#define LOCAL_CHECK(x) VM_BUG_ON(x)
