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

static struct pb_cands sinks;

static void report_stale(gimple *stmt, const struct pb_rule *r, tree nr,
			 const struct pb_leaf *l)
{
	const char *var = pb_value_name(nr, PB_MSG(nr_count));
	struct pb_finding *f;

	f = pb_report(PB_CHECK_nr_stale, pb_stmt_loc(stmt),
		      pb_current_function(),
		      PB_MSG(stale),
		      var, r->name);
	if (l->loc != UNKNOWN_LOCATION)
		pb_note(f, l->loc, "%s is set here, in an earlier iteration",
			var);
}

/* A parameter or a constant is the same in every iteration. */
static bool is_stale(const struct pb_leaf *l)
{
	return l->via_latch && l->kind != PB_K_PARAM && l->kind != PB_K_CONST;
}

/* A helper whose nr is a parameter: its callers may pass a stale count. */
static void add_sink(gimple *stmt, const struct pb_rule *r, tree nr, int param)
{
	struct pb_cand *c = pb_cand_add(&sinks);

	c->loc = pb_stmt_loc(stmt);
	c->callee = r->name;
	c->var = pb_value_name(nr, PB_MSG(nr_count));
	c->flags = param;
}

static void nr_stale_call(gimple *stmt, const struct pb_rule *r)
{
	tree nr = gimple_call_arg(stmt, r->idx);
	struct pb_origins o;
	int i;

	pb_query(stmt, nr, &o);
	for (i = 0; i < o.n; i++) {
		const struct pb_leaf *l = &o.leaf[i];

		if (l->kind == PB_K_PARAM && !l->via_latch) {
			add_sink(stmt, r, nr, l->param);
			continue;
		}
		if (!is_stale(l))
			continue;
		report_stale(stmt, r, nr, l);
		break;
	}
}

static void report_site(const struct pb_blame *b, void *arg)
{
	const struct pb_cand *c = (const struct pb_cand *)arg;
	struct pb_finding *f;

	if (!is_stale(b->leaf))
		return;
	f = pb_report(PB_CHECK_nr_stale, b->site, b->caller,
		      PB_MSG(stale_caller),
		      b->callee, b->callee, c->callee);
	if (b->leaf->loc != UNKNOWN_LOCATION)
		pb_note(f, b->leaf->loc, "it is set here, in an earlier iteration");
	pb_note(f, c->loc, "%s() receives it as %s here", c->callee, c->var);
}

static void nr_stale_finish(void)
{
	int i;

	for (i = 0; i < sinks.n; i++)
		pb_blame_param(sinks.v[i].fn_uid, sinks.v[i].flags, NULL,
			       report_site, &sinks.v[i]);
	pb_cands_free(&sinks);
}

void check_nr_stale(struct pb_check_info *info)
{
	info->call = nr_stale_call;
	info->roles = PB_NR_ROLES_BITS;
	info->finish = nr_stale_finish;
}
