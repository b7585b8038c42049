// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_walk_stride.c - walk-stride: a page-table walk advanced by the
 * folio's size after looking at one entry.
 *
 * From the "respect folio end" fixes (DAMON's vaddr.c walks, 2025-2026):
 * a loop that steps its PTE pointer by nr (pte += nr, addr += nr *
 * PAGE_SIZE) sets nr = folio_nr_pages(folio) for the folio one entry
 * maps; that entry can map any page of the folio, so the walk overshoots
 * the folio's end by the page's index and skips entries it never looked
 * at.  Flagged strides: folio_nr_pages(), folio_size() >> PAGE_SHIFT,
 * 1 << folio_order(), compound_nr() (the PB_FOLIO_SIZE and PB_FOLIO_ORDER
 * lines of rules.def).  Accepted: a batch source's count, 1, the folio's
 * remainder (folio_nr_pages(folio) - folio_page_idx(folio, page), any
 * value subtracted from the size), and a value min()'ed with one of those.
 * The walk is a pointer to a WALK_TYPE entry (pte_t) advanced inside a
 * loop; the stride is what the engine finds at that advance.  Reported at
 * the count's origin (the folio_nr_pages() call), with a note at the
 * advance.
 *
 * Known limits: walks over pfns or physical addresses (addr +=
 * folio_size(folio) from an address inside the folio) are not seen; a
 * stride from a same-TU function's result is not followed.
 */
#include "ptebatch.h"

/* a folio-size call was seen in this function: only then look at it */
static bool has_size;

static void walk_stride_call(gimple *, const struct pb_rule *)
{
	has_size = true;
}

/* BB lies in a loop (without loop structures: under a back edge's head) */
static bool in_loop(function *fun, basic_block bb)
{
	basic_block b;
	edge_iterator ei;
	edge e;

	if (loops_for_fn(fun) && bb->loop_father)
		return bb->loop_father->num != 0;
	if (!dom_info_available_p(CDI_DOMINATORS))
		return false;
	FOR_EACH_BB_FN(b, fun)
		FOR_EACH_EDGE(e, ei, b->succs)
			if (pb_is_back_edge(e) &&
			    dominated_by_p(CDI_DOMINATORS, bb, e->dest))
				return true;
	return false;
}

/* The folio-derived size a leaf is, not cut to what the walk looked at. */
static bool whole_folio(const struct pb_leaf *l)
{
	if (l->props & PB_P_NR)
		return false;	/* min()'ed with a batch count or 1 */
	if (l->kind == PB_K_FOLIO)
		return !l->distance;	/* size - index: the remainder */
	return l->kind == PB_K_ORDER && l->what && !l->distance;
}

static void check_advance(gimple *stmt)
{
	tree step = gimple_assign_rhs2(stmt);
	struct pb_origins o;
	struct pb_finding *f;
	int i;

	pb_origins(stmt, step, &o);
	for (i = 0; i < o.n; i++) {
		const struct pb_leaf *l = &o.leaf[i];

		if (!whole_folio(l))
			continue;
		f = pb_report(PB_CHECK_walk_stride, l->loc,
			      pb_current_function(), PB_MSG(walk_stride),
			      pb_leaf_text(l));
		pb_note(f, pb_stmt_loc(stmt),
			"the walk advances by it here");
	}
}

static void walk_stride_function_end(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	if (!has_size)
		return;
	has_size = false;
	FOR_EACH_BB_FN(bb, fun) {
		bool loop = false, asked = false;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);
			tree lhs;

			if (!is_gimple_assign(stmt) ||
			    gimple_assign_rhs_code(stmt) != POINTER_PLUS_EXPR ||
			    TREE_CODE(gimple_assign_rhs2(stmt)) == INTEGER_CST)
				continue;
			lhs = gimple_assign_lhs(stmt);
			if (!POINTER_TYPE_P(TREE_TYPE(lhs)) ||
			    !pb_walk_type(TREE_TYPE(TREE_TYPE(lhs))))
				continue;
			if (!asked) {
				loop = in_loop(fun, bb);
				asked = true;
			}
			if (loop)
				check_advance(stmt);
		}
	}
}

void check_walk_stride(struct pb_check_info *info)
{
	info->call = walk_stride_call;
	info->roles = PB_ROLE_BIT(PB_FOLIO_SIZE) | PB_ROLE_BIT(PB_FOLIO_ORDER);
	info->function_end = walk_stride_function_end;
}
