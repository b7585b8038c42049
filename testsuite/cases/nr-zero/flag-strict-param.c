// SPDX-License-Identifier: GPL-2.0-only
/*
 * With strict, a count that is a parameter of a non-static function is
 * reported: its callers are out of sight.  (clean-walk.c shows such a
 * parameter is left alone by default.)
 */
// flags: -fplugin-arg-ptebatch_plugin-strict
#include "../../include/kernel.h"

void wrprotect_given(struct vm_area_struct *vma, unsigned long addr,
		pte_t *ptep, unsigned int nr)
{
	wrprotect_ptes(vma->vm_mm, addr, ptep, nr); /* expect[plugin]: nr-zero, nr-provenance */
}
