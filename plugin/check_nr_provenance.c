// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_nr_provenance.c - nr-provenance: a batched helper's nr does not
 * come from a PTE batch.
 *
 * From "mm: Support batched unmap for lazyfree large folios during
 * reclamation": nr_pages = folio_nr_pages(folio) handed to
 * get_and_clear_full_ptes()/folio_remove_rmap_ptes() assumes the whole
 * folio is mapped by consecutive PTEs of one table; only a batch source
 * (folio_pte_batch() and friends, or a same-TU wrapper returning 1 or a
 * batch) says so.  Accepted: a batch count, the constant 1, a min() with
 * an accepted value, folio_nr_pages() for the helpers that map a fresh
 * folio, a static function's parameter when every call site passes an
 * accepted value.  A bad value that enters through a static function's
 * parameter is reported at the call site that passes it.
 *
 * Options: strict also reports parameters of non-static functions.
 * Known false-positive sources: a count checked against a batch with ==
 * instead of being taken from it.
 */
#include "ptebatch.h"

#define CREATE	1
#define SWAP	2

static struct pb_cands cands;

static bool ok_nr(unsigned int p)
{
	return (p & PB_P_NR) || (!pb_opts.strict && (p & PB_P_EXTERN));
}

static bool ok_create(unsigned int p)
{
	return (p & PB_P_CREATE) || ok_nr(p);
}

static bool ok_swap(unsigned int p)
{
	return (p & PB_P_SWAP) || ok_nr(p);
}

static void nr_provenance_call(gimple *stmt, const struct pb_rule *r)
{
	struct pb_cand *c = pb_cand_arg(&cands, stmt, r, PB_MSG(nr_count));

	c->flags = r->role == PB_CREATE ? CREATE :
		   r->role == PB_SWAP_BATCHED ? SWAP : 0;
}

static const char *origin_text(const struct pb_leaf *l)
{
	if (l->distance)
		return PB_MSG(from_addresses);
	switch (l->kind) {
	case PB_K_PMD_END:
	case PB_K_VMA_END:
		return PB_MSG(from_addresses);
	case PB_K_UNKNOWN:
		return l->what ? pb_leaf_text(l) : PB_MSG(from_hand);
	default:
		return pb_leaf_text(l);
	}
}

struct blame_ctx {
	const struct pb_cand *c;
	int found;
};

static void report_site(const struct pb_blame *b, void *arg)
{
	struct blame_ctx *ctx = (struct blame_ctx *)arg;
	struct pb_finding *f;

	f = pb_report(PB_CHECK_nr_provenance, b->site, b->caller,
		      PB_MSG(nr_caller),
		      b->callee, origin_text(b->leaf), b->callee, ctx->c->callee);
	if (b->leaf->loc != UNKNOWN_LOCATION)
		pb_note(f, b->leaf->loc, "the count comes from here");
	pb_note(f, ctx->c->loc, "%s() receives it as %s here",
		ctx->c->callee, ctx->c->var);
}

static void check_cand(const struct pb_cand *c)
{
	bool (*ok)(unsigned int) = c->flags & CREATE ? ok_create :
				   c->flags & SWAP ? ok_swap : ok_nr;
	struct pb_finding *f;
	int i;

	for (i = 0; i < c->o.n; i++) {
		const struct pb_leaf *l = &c->o.leaf[i];
		unsigned int p = pb_resolve(c->fn_uid, l);

		/* a distance between addresses is a count built by hand */
		if (l->distance)
			p = l->props & ~PB_P_EXTERN;
		if (ok(p))
			continue;
		if (l->kind == PB_K_PARAM && !l->distance &&
		    pb_callers_known(c->fn_uid)) {
			struct blame_ctx ctx = { c, 0 };

			pb_blame_param(c->fn_uid, l->param, ok, report_site,
				       &ctx);
			continue;
		}
		if (l->kind == PB_K_PARAM && !l->distance) {
			f = pb_report(PB_CHECK_nr_provenance, c->loc, c->fn,
				      PB_MSG(nr_extern),
				      c->var, c->callee, c->fn ? c->fn : "?");
			pb_note(f, l->loc, "parameter %s is declared here",
				l->what ? l->what : "?");
			return;
		}
		f = pb_report(PB_CHECK_nr_provenance, c->loc, c->fn,
			      PB_MSG(nr_from),
			      c->var, c->callee, origin_text(l));
		if (l->loc != UNKNOWN_LOCATION)
			pb_note(f, l->loc, "%s comes from here", c->var);
		return;
	}
}

static void nr_provenance_finish(void)
{
	int i;

	for (i = 0; i < cands.n; i++)
		check_cand(&cands.v[i]);
	pb_cands_free(&cands);
}

void check_nr_provenance(struct pb_check_info *info)
{
	info->call = nr_provenance_call;
	info->roles = PB_NR_ROLES_BITS;
	info->finish = nr_provenance_finish;
}
