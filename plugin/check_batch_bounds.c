// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_batch_bounds.c - batch-bounds: a batch source's max_nr is not
 * limited to both the current page table and the VMA.
 *
 * From the review of "mm: Support batched unmap for lazyfree large folios
 * during reclamation": max_nr = folio_nr_pages(folio) lets
 * folio_pte_batch() read past the PTE table when the folio's first page
 * sits in the table's last entry.  "You may only batch within a single VMA
 * and within a single page table": the fix limits the scan to
 * min(ALIGN(addr + 1, PMD_SIZE), vma->vm_end), later pmd_addr_end(addr,
 * vma->vm_end).  The engine recognises both ends by shape (PMD mask
 * arithmetic, a vm_end load) and min() gives a value the bounds of each
 * side.  A limit from a parameter of a function with unknown callers (a
 * page-table walk callback's end) is accepted; a static function's
 * parameter is followed to every caller, and where a caller passes a value
 * the engine cannot follow as the end of the range a walk covers (a
 * parameter clamped to a table end), it counts as from an unknown caller.
 *
 * Options: strict also reports limits from parameters of non-static
 * functions.  Known false-positive sources: a limit checked against the
 * table end with an if () instead of clamped.
 */
#include "ptebatch.h"

static struct pb_cands cands;

static bool ok_bounds(unsigned int p)
{
	return (p & (PB_P_PMD | PB_P_VMA)) == (PB_P_PMD | PB_P_VMA) ||
	       (p & PB_P_ONE) || (!pb_opts.strict && (p & PB_P_EXTERN));
}

static void batch_bounds_call(gimple *stmt, const struct pb_rule *r)
{
	struct pb_cand *c = pb_cand_arg(&cands, stmt, r, PB_MSG(bounds_limit));

	c->flags = pb_guard_props(stmt, gimple_call_arg(stmt, r->idx), &c->o);
}

static const char *missing_text(unsigned int p)
{
	if (!(p & PB_P_PMD) && !(p & PB_P_VMA))
		return PB_MSG(end_both);
	return !(p & PB_P_PMD) ? PB_MSG(end_pmd) : PB_MSG(end_vma);
}

struct bounds_ctx {
	const struct pb_cand *c;
	struct pb_finding *f;
};

static void note_site(const struct pb_blame *b, void *arg)
{
	struct bounds_ctx *ctx = (struct bounds_ctx *)arg;
	const struct pb_cand *c = ctx->c;
	unsigned int p = b->leaf->props;

	if (!ctx->f)
		ctx->f = pb_report(PB_CHECK_batch_bounds, c->loc, c->fn,
				   PB_MSG(bounds_caller),
				   c->var, c->callee, missing_text(p),
				   pb_leaf_text(b->leaf));
	pb_note(ctx->f, b->site, "%s() is called here with a limit from %s",
		b->callee, pb_leaf_text(b->leaf));
}

/*
 * (start + (PAGE_SIZE << order)) - addr with start and order from the
 * caller: the scan stays inside the order-sized block the caller hands
 * over (khugepaged's collapse of [address, address + nr_pages pages)),
 * which is aligned to its size and was checked against the VMA before the
 * collapse began.
 */
static bool caller_block(const struct pb_origins *o)
{
	bool start = false, order = false;
	int i;

	if (o->truncated)
		return false;
	for (i = 0; i < o->n; i++) {
		const struct pb_leaf *l = &o->leaf[i];

		if (!l->distance)
			return false;
		if (l->kind == PB_K_PARAM)
			start = true;
		else if (l->kind == PB_K_ORDER)
			order = true;
		else
			return false;
	}
	return start && order;
}

static void check_cand(const struct pb_cand *c)
{
	struct pb_finding *f;
	int i;

	if (caller_block(&c->o))
		return;
	for (i = 0; i < c->o.n; i++) {
		const struct pb_leaf *l = &c->o.leaf[i];
		unsigned int p = pb_resolve(c->fn_uid, l) | c->flags;

		if (ok_bounds(p))
			continue;
		if (l->kind == PB_K_PARAM && pb_callers_known(c->fn_uid)) {
			struct bounds_ctx ctx = { c, NULL };

			if (pb_blame_param(c->fn_uid, l->param, ok_bounds,
					   note_site, &ctx))
				return;
			continue;
		}
		f = pb_report(PB_CHECK_batch_bounds, c->loc, c->fn,
			      PB_MSG(bounds_from),
			      c->var, c->callee, missing_text(p),
			      pb_leaf_text(l));
		if (l->loc != UNKNOWN_LOCATION)
			pb_note(f, l->loc, "%s comes from here", c->var);
		return;
	}
}

static void batch_bounds_finish(void)
{
	int i;

	for (i = 0; i < cands.n; i++)
		check_cand(&cands.v[i]);
	pb_cands_free(&cands);
}

void check_batch_bounds(struct pb_check_info *info)
{
	info->call = batch_bounds_call;
	info->roles = PB_ROLE_BIT(PB_BATCH_SOURCE);
	info->finish = batch_bounds_finish;
}
