// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_nr_stale.c - nr-stale: a batched helper's nr can be the count
 * computed in a previous iteration of the enclosing loop.
 *
 * From "mm/rmap: initialize nr_pages to 1 at loop start in
 * try_to_unmap_one": nr_pages was set by the batch on the present-PTE path
 * and read, unchanged, by folio_remove_rmap_ptes() on a later iteration
 * that took another path.  In SSA form that value reaches the helper
 * through the loop header's PHI, on its latch edge (or through the
 * virtual PHI when the count lives in memory); the engine marks such
 * leaves via_latch.  A count that is reset on every path before the
 * helper never reaches the header PHI, and a carried constant 1 is
 * harmless.
 *
 * Known false-positive sources: loops whose later iterations provably
 * take the same path (the engine does not evaluate conditions).
 */
#include "ptebatch.h"

static void report_stale(gimple *stmt, const struct pb_rule *r, tree nr,
			 const struct pb_leaf *l)
{
	const char *var = pb_value_name(nr, "the count");
	struct pb_finding *f;

	f = pb_report(PB_CHECK_nr_stale, pb_stmt_loc(stmt),
		      pb_current_function(),
		      "%s passed to %s() may still hold the count of a previous loop iteration; reset it (e.g. to 1) at the start of every iteration",
		      var, r->name);
	if (l->loc != UNKNOWN_LOCATION)
		pb_note(f, l->loc, "%s is set here, in an earlier iteration",
			var);
}

static void nr_stale_execute(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		const struct pb_rule *r = pb_nr_rule(stmt);
		struct pb_origins o;
		tree nr;
		int i;

		if (!r)
			continue;
		nr = gimple_call_arg(stmt, r->idx);
		pb_origins(stmt, nr, &o);
		for (i = 0; i < o.n; i++) {
			const struct pb_leaf *l = &o.leaf[i];

			/* a parameter or a constant 1 is the same every time */
			if (!l->via_latch || (l->props & PB_P_ONE) ||
			    l->kind == PB_K_PARAM)
				continue;
			report_stale(stmt, r, nr, l);
			break;
		}
	}
}

void check_nr_stale(struct pb_check_info *info)
{
	info->execute = nr_stale_execute;
}
