/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine-internal.h - what the engine's files share; the checks use
 * ptebatch.h only.
 */
#ifndef PTEBATCH_ENGINE_INTERNAL_H
#define PTEBATCH_ENGINE_INTERNAL_H

/* the function the GIMPLE pass is looking at */
extern function *pb_cur_fun;
/* the TU's PAGE_SIZE (from PAGE_SHIFT) */
unsigned HOST_WIDE_INT pb_page_size(void);
/* dominators, computed on demand and freed at the end of the function */
void pb_need_dominators(void);
/* defining statement of an SSA name that is not a default definition */
gimple *pb_ssa_def(tree t);

/*
 * What static function FN_UID stores through its pointer parameter PARAM
 * (in its own terms: its parameters, PB_K_MASK_END), when every use of
 * that pointer is a load or a store of an integer through it.  False:
 * unknown (not seen yet, or the pointer goes elsewhere).
 */
bool pb_out_stores(unsigned int fn_uid, int param, const struct pb_leaf **leaf,
		   int *n);

/*
 * Parameters of FUN that end a page-table walk: one side of a min() whose
 * other side is the end of a table of some level (pmd_addr_end(addr, end),
 * pud_addr_end(), ...).
 */
unsigned int pb_range_end_params(function *fun);

#endif
