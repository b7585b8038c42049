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
 * A walk over pfns or addresses (DAMON's paddr.c walks, "respect folio
 * end" 2026) is the same mistake: addr += folio_size(folio) where the
 * folio was looked up from addr itself (damon_get_folio(PHYS_PFN(addr)),
 * page_folio(pfn_to_page(pfn))), so addr can lie inside it.  Accepted: a
 * step from the folio's own start (addr = PFN_PHYS(folio_pfn(folio)) +
 * folio_size(folio)), a remainder, a folio not found from the walk's
 * value (the next folio of a list).
 *
 * Known limit: a stride from a same-TU function's result is not followed.
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

/* VALUE is computed from WALK: through arithmetic, calls and loads. */
static bool derived_from(tree value, tree walk, int depth)
{
	gimple *def;
	unsigned int i;

	if (TREE_CODE(value) == ADDR_EXPR || handled_component_p(value) ||
	    TREE_CODE(value) == MEM_REF) {
		value = get_base_address(value);
		if (!value || TREE_CODE(value) != MEM_REF)
			return false;
		value = TREE_OPERAND(value, 0);
	}
	if (value == walk)
		return true;
	if (TREE_CODE(value) != SSA_NAME || depth > 8)
		return false;
	def = SSA_NAME_DEF_STMT(value);
	if (is_gimple_assign(def)) {
		for (i = 1; i < gimple_num_ops(def); i++)
			if (derived_from(gimple_op(def, i), walk, depth + 1))
				return true;
	} else if (is_gimple_call(def)) {
		for (i = 0; i < gimple_call_num_args(def); i++)
			if (derived_from(gimple_call_arg(def, i), walk, depth + 1))
				return true;
	}
	return false;
}

/*
 * The folio-size call STRIDE is, scaled (folio_nr_pages() * PAGE_SIZE,
 * 1 << folio_order()) or converted, never cut: NULL for anything else.
 */
static gimple *size_call(tree stride)
{
	gimple *def;
	const struct pb_rule *r;

	while (TREE_CODE(stride) == SSA_NAME) {
		def = SSA_NAME_DEF_STMT(stride);
		if (is_gimple_call(def)) {
			r = pb_call_rule(def);
			if (!r || (r->role != PB_FOLIO_SIZE &&
				   r->role != PB_FOLIO_ORDER) ||
			    !gimple_call_num_args(def))
				return NULL;
			return def;
		}
		if (!is_gimple_assign(def))
			return NULL;
		switch (gimple_assign_rhs_code(def)) {
		CASE_CONVERT:
		case SSA_NAME:
			stride = gimple_assign_rhs1(def);
			break;
		case MULT_EXPR:
		case LSHIFT_EXPR:
			if (TREE_CODE(gimple_assign_rhs2(def)) == INTEGER_CST)
				stride = gimple_assign_rhs1(def);
			else if (TREE_CODE(gimple_assign_rhs1(def)) == INTEGER_CST)
				stride = gimple_assign_rhs2(def);	/* 1 << order */
			else
				return NULL;
			break;
		default:
			return NULL;
		}
	}
	return NULL;
}

/* addr + folio_size(folio), the folio looked up from addr */
static void check_value_walk(gimple *stmt)
{
	tree ops[2] = { gimple_assign_rhs1(stmt), gimple_assign_rhs2(stmt) };
	struct pb_finding *f;
	const char *walk;
	char size[96];
	gimple *call;
	int i;

	for (i = 0; i < 2; i++) {
		if (TREE_CODE(ops[i]) != SSA_NAME)
			continue;
		call = size_call(ops[1 - i]);
		if (!call || !derived_from(gimple_call_arg(call, 0), ops[i], 0))
			continue;
		walk = pb_value_name(ops[i], "the walk");
		snprintf(size, sizeof(size),
			 pb_call_rule(call)->role == PB_FOLIO_ORDER ?
			 "1 << %s()" : "%s()", pb_callee_name(call));
		f = pb_report(PB_CHECK_walk_stride, pb_stmt_loc(call),
			      pb_current_function(), PB_MSG(walk_stride_value),
			      walk, size, walk);
		pb_note(f, pb_stmt_loc(stmt), "%s advances by it here", walk);
		return;
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

			bool by_value;

			if (!is_gimple_assign(stmt) ||
			    (gimple_assign_rhs_code(stmt) != POINTER_PLUS_EXPR &&
			     gimple_assign_rhs_code(stmt) != PLUS_EXPR) ||
			    TREE_CODE(gimple_assign_rhs2(stmt)) == INTEGER_CST)
				continue;
			lhs = gimple_assign_lhs(stmt);
			if (gimple_assign_rhs_code(stmt) == POINTER_PLUS_EXPR &&
			    POINTER_TYPE_P(TREE_TYPE(lhs)) &&
			    pb_walk_type(TREE_TYPE(TREE_TYPE(lhs))))
				by_value = false;
			else if (gimple_assign_rhs_code(stmt) == PLUS_EXPR &&
				 INTEGRAL_TYPE_P(TREE_TYPE(lhs)))
				by_value = true;
			else
				continue;
			if (!asked) {
				loop = in_loop(fun, bb);
				asked = true;
			}
			if (!loop)
				continue;
			if (by_value)
				check_value_walk(stmt);
			else
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
