// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_cfg.c - the control-flow side of the engine: paths within one
 * loop iteration (tlb-range, rss-count), bounds a limit gets from the
 * tests that guard it and from aligning an address to it (batch-bounds),
 * and the verbose dump of origins.
 */
#include "ptebatch.h"
#include "engine-internal.h"

static bool visit_stmts(gimple_stmt_iterator gsi, bool forward, pb_stmt_fn fn,
			void *ctx)
{
	for (; !gsi_end_p(gsi); forward ? gsi_next(&gsi) : gsi_prev(&gsi))
		if (fn(gsi_stmt(gsi), ctx))
			return true;
	return false;
}

void pb_walk_paths(gimple *from, bool forward, pb_stmt_fn fn, void *ctx)
{
	basic_block start = gimple_bb(from);
	auto_vec<basic_block, 32> work;
	auto_bitmap seen;
	gimple_stmt_iterator gsi;
	int budget = 400;

	if (!start)
		return;
	gsi = gsi_for_stmt(from);
	forward ? gsi_next(&gsi) : gsi_prev(&gsi);
	if (visit_stmts(gsi, forward, fn, ctx))
		return;
	work.safe_push(start);
	bitmap_set_bit(seen, start->index);
	while (!work.is_empty() && budget-- > 0) {
		basic_block bb = work.pop();
		edge_iterator ei;
		edge e;

		FOR_EACH_EDGE(e, ei, forward ? bb->succs : bb->preds) {
			basic_block next = forward ? e->dest : e->src;

			if (pb_is_back_edge(e) || next->index < NUM_FIXED_BLOCKS)
				continue;
			if (!bitmap_set_bit(seen, next->index))
				continue;
			gsi = forward ? gsi_start_bb(next) : gsi_last_bb(next);
			/* the path ends there; others go on */
			if (!visit_stmts(gsi, forward, fn, ctx))
				work.safe_push(next);
		}
	}
}

/* --- bounds from guards and alignment ------------------------------------ */

static bool leaves_overlap(const struct pb_origins *a, const struct pb_origins *b)
{
	int i, j;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (a->leaf[i].kind == b->leaf[j].kind &&
			    a->leaf[i].loc == b->leaf[j].loc &&
			    a->leaf[i].param == b->leaf[j].param)
				return true;
	return false;
}

static unsigned int and_props(const struct pb_origins *o)
{
	unsigned int p = o->n ? PB_P_ALL : 0;
	int i;

	for (i = 0; i < o->n; i++)
		p &= o->leaf[i].props;
	return p;
}

/* The two values a test compares, through unlikely() and a boolean. */
static void compared_values(tree *a, tree *b)
{
	tree v = *a;
	gimple *def;
	int steps = 4;

	if (!integer_zerop(*b))
		return;
	while (steps-- > 0 && (def = pb_ssa_def(pb_strip_value(v)))) {
		if (gimple_call_builtin_p(def, BUILT_IN_EXPECT) &&
		    gimple_call_num_args(def) >= 1) {
			v = gimple_call_arg(def, 0);
			continue;
		}
		if (is_gimple_assign(def) &&
		    TREE_CODE_CLASS(gimple_assign_rhs_code(def)) == tcc_comparison) {
			*a = gimple_assign_rhs1(def);
			*b = gimple_assign_rhs2(def);
		}
		return;
	}
}

/*
 * A test that dominates AT and compares a value derived from VALUE with
 * one bounded by the page table or the VMA: do_swap_page() checks
 * "folio_end > pmd_addr_end(address, vma->vm_end)" and falls back before
 * the scan.  The direction of the test is not checked.
 */
static unsigned int guard_props(gimple *at, const struct pb_origins *v)
{
	basic_block bb = gimple_bb(at);
	unsigned int props = 0;
	int steps = 24;

	pb_need_dominators();
	while (bb && steps-- > 0) {
		gcond *c;

		bb = get_immediate_dominator(CDI_DOMINATORS, bb);
		if (!bb || bb->index < NUM_FIXED_BLOCKS)
			break;
		c = safe_dyn_cast<gcond *>(pb_last_stmt(bb));
		if (c) {
			struct pb_origins l, r;
			tree a = gimple_cond_lhs(c), b = gimple_cond_rhs(c);

			compared_values(&a, &b);
			pb_origins(c, a, &l);
			pb_origins(c, b, &r);
			if (leaves_overlap(&l, v))
				props |= and_props(&r);
			else if (leaves_overlap(&r, v))
				props |= and_props(&l);
		}
	}
	return props & (PB_P_PMD | PB_P_VMA);
}

static tree def_operand(tree t, enum tree_code code, int idx)
{
	gimple *def = pb_ssa_def(pb_strip_value(t));

	if (!def || !is_gimple_assign(def) || gimple_assign_rhs_code(def) != code)
		return NULL_TREE;
	return idx == 1 ? gimple_assign_rhs1(def) : gimple_assign_rhs2(def);
}

/* m == n * PAGE_SIZE or n << PAGE_SHIFT: the size of n pages */
static tree pages_of(tree m)
{
	tree n = def_operand(m, MULT_EXPR, 1), c;

	if (n && pb_is_page_size(def_operand(m, MULT_EXPR, 2)))
		return n;
	n = def_operand(m, LSHIFT_EXPR, 1);
	c = def_operand(m, LSHIFT_EXPR, 2);
	if (n && c && TREE_CODE(c) == INTEGER_CST && tree_fits_uhwi_p(c) &&
	    tree_to_uhwi(c) < 32 && (1UL << tree_to_uhwi(c)) == pb_page_size())
		return n;
	return NULL_TREE;
}

/* The mask ~(m - 1) or -m of an ALIGN_DOWN() to m bytes: m, or NULL. */
static tree align_size(tree mask)
{
	tree y = def_operand(mask, BIT_NOT_EXPR, 1);
	tree m = def_operand(mask, NEGATE_EXPR, 1);
	tree c;

	if (y) {
		m = def_operand(y, PLUS_EXPR, 1);
		c = def_operand(y, PLUS_EXPR, 2);
		if (!m || !c || !integer_minus_onep(c)) {
			m = def_operand(y, MINUS_EXPR, 1);
			c = def_operand(y, MINUS_EXPR, 2);
			if (!m || !c || !integer_onep(c))
				return NULL_TREE;
		}
	}
	return m;
}

/*
 * A scan over a range aligned to its own size (ALIGN_DOWN(addr, nr *
 * PAGE_SIZE) with nr the limit): the naturally aligned block of a large
 * folio or swap entry, which was sized for this page table and VMA when
 * it was allocated, never crosses either.
 */
static bool aligned_to_limit(tree value)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	FOR_EACH_PB_STMT(pb_cur_fun, bb, gsi) {
		gimple *s = gsi_stmt(gsi);
		tree m, n;

		if (!is_gimple_assign(s) ||
		    gimple_assign_rhs_code(s) != BIT_AND_EXPR)
			continue;
		m = align_size(gimple_assign_rhs2(s));
		n = m ? pages_of(m) : NULL_TREE;
		if (n && pb_same_value(n, value))
			return true;
	}
	return false;
}

unsigned int pb_guard_props(gimple *at, tree value, const struct pb_origins *o)
{
	if (!pb_cur_fun || !at)
		return 0;
	if (aligned_to_limit(value))
		return PB_P_PMD | PB_P_VMA;
	return guard_props(at, o);
}

/* verbose: the leaves the engine found for VALUE at STMT, as notes. */
void pb_debug_origins(const gimple *stmt, const char *what,
		      const struct pb_origins *o)
{
	location_t loc = pb_stmt_loc(stmt);
	int i;

	if (!pb_opts.verbose)
		return;
	inform(loc, "ptebatch: %s has %d origin(s)%s", what, o->n,
	       o->truncated ? " (walk truncated)" : "");
	for (i = 0; i < o->n; i++) {
		const struct pb_leaf *l = &o->leaf[i];

		inform(l->loc != UNKNOWN_LOCATION ? l->loc : loc,
		       "ptebatch: origin %s, properties %x%s%s", pb_leaf_text(l),
		       l->props, l->via_latch ? ", previous iteration" : "",
		       l->distance ? ", distance" : "");
	}
}
