// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_tlb_range.c - tlb-range: a flush covers one page after a batched
 * clear of nr PTEs at the same address.
 *
 * From "mm: Support batched unmap for lazyfree large folios during
 * reclamation": once get_and_clear_full_ptes() clears nr_pages entries,
 * set_tlb_ubc_flush_pending(mm, pteval, address, address + PAGE_SIZE) or
 * ptep_clear_flush() leaves stale TLB entries for the other pages; the
 * flush must cover address + nr_pages * PAGE_SIZE (flush_tlb_range(), or
 * the mmu_gather's tlb_remove_tlb_entries()).  Looked for on the paths
 * from and to the clear within one loop iteration, up to a clear of one
 * PTE (clear-one), so a single-page flush on a path that handles one PTE
 * is clean; nr must not be provably 1.
 *
 * Known false-positive sources: a later full-range flush on another path
 * the engine cannot relate to the clear.
 */
#include "ptebatch.h"

static struct pb_cands cands;

struct search {
	gimple *clear;
	tree addr;
	const struct pb_origins *nr;
	const char *nr_var;
};

/* Does STMT flush exactly one page at the cleared address? */
static bool single_page_flush(const struct search *s, gimple *stmt)
{
	const struct pb_rule *r = pb_call_rule(stmt);
	int n = is_gimple_call(stmt) ? (int)gimple_call_num_args(stmt) : 0;
	tree start, end;
	gimple *def;

	if (!r || r->idx < 0 || r->idx >= n)
		return false;
	start = gimple_call_arg(stmt, r->idx);
	if (!pb_same_value(start, s->addr))
		return false;
	switch (r->role) {
	case PB_FLUSH_PAGE:
		return true;
	case PB_FLUSH_SIZE:
		return r->idx2 >= 0 && r->idx2 < n &&
		       pb_is_page_size(gimple_call_arg(stmt, r->idx2));
	case PB_FLUSH_RANGE:
		if (r->idx2 < 0 || r->idx2 >= n)
			return false;
		end = pb_strip_value(gimple_call_arg(stmt, r->idx2));
		def = end && TREE_CODE(end) == SSA_NAME &&
		      !SSA_NAME_IS_DEFAULT_DEF(end) ? SSA_NAME_DEF_STMT(end) :
		      NULL;
		return def && is_gimple_assign(def) &&
		       (gimple_assign_rhs_code(def) == PLUS_EXPR ||
			gimple_assign_rhs_code(def) == POINTER_PLUS_EXPR) &&
		       pb_is_page_size(gimple_assign_rhs2(def)) &&
		       pb_same_value(gimple_assign_rhs1(def), s->addr);
	default:
		return false;
	}
}

static bool match_flush(gimple *stmt, void *arg)
{
	struct search *s = (struct search *)arg;
	struct pb_cand *c;

	if (pb_single_entry(stmt))
		return true;
	if (!is_gimple_call(stmt) || !single_page_flush(s, stmt))
		return false;
	c = pb_cand_add(&cands);
	c->loc = pb_stmt_loc(stmt);
	c->loc2 = pb_stmt_loc(s->clear);
	c->callee = pb_callee_name(stmt);
	c->callee2 = pb_callee_name(s->clear);
	c->var = s->nr_var;
	c->var2 = pb_value_name(s->addr, PB_MSG(tlb_addr));
	c->o = *s->nr;
	pb_mark_one_paths(stmt, &c->o);
	return false;
}

static void tlb_range_call(gimple *stmt, const struct pb_rule *r)
{
	struct pb_origins nr;
	struct search s;

	/* the clears whose TLB entries need a flush name their address */
	if (r->idx2 < 0 || r->idx2 >= (int)gimple_call_num_args(stmt))
		return;
	pb_query(stmt, gimple_call_arg(stmt, r->idx), &nr);
	s.clear = stmt;
	s.addr = gimple_call_arg(stmt, r->idx2);
	s.nr = &nr;
	s.nr_var = pb_value_name(gimple_call_arg(stmt, r->idx), "nr");
	pb_walk_paths(stmt, true, match_flush, &s);
	pb_walk_paths(stmt, false, match_flush, &s);
}

static void tlb_range_finish(void)
{
	struct pb_finding *f;
	int i;

	for (i = 0; i < cands.n; i++) {
		const struct pb_cand *c = &cands.v[i];

		if (pb_resolve_all(c->fn_uid, &c->o) & PB_P_ONE)
			continue;
		f = pb_report(PB_CHECK_tlb_range, c->loc, c->fn,
			      PB_MSG(tlb_one_page),
			      c->callee, c->var2, c->callee2, c->var, c->var2,
			      c->var);
		pb_note(f, c->loc2, "%s PTEs are cleared here", c->var);
	}
	pb_cands_free(&cands);
}

void check_tlb_range(struct pb_check_info *info)
{
	info->call = tlb_range_call;
	info->roles = PB_ROLE_BIT(PB_CLEAR_BATCH) | PB_ROLE_BIT(PB_BATCHED);
	info->finish = tlb_range_finish;
}
