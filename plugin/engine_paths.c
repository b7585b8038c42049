// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_paths.c - the control-flow layer of the engine, above the values
 * and the origins: paths within one loop iteration (tlb-range, rss-count),
 * the tests under which a same-TU function returns 1 and the paths they
 * make 1 (batch-flags, rss-count, folio-count), bounds a limit gets from
 * the tests that guard it and from aligning an address to it
 * (batch-bounds), tests on every path that a count is not 0 (nr-zero) or
 * is 1, and the verbose dump of origins.  The function it looks at is the
 * GIMPLE pass's (pb_current_fun()), passed down to the helpers that need it.
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

/* --- paths on which a batch is one PTE ---------------------------------- */

static int param_of(function *fun, tree v)
{
	tree var, a;
	int i = 0;

	v = pb_strip_value(v);
	/* an aggregate (pte_t) parameter is not an SSA name */
	if (v && TREE_CODE(v) == PARM_DECL)
		var = v;
	else if (!v || TREE_CODE(v) != SSA_NAME || !SSA_NAME_IS_DEFAULT_DEF(v))
		return -1;
	else
		var = SSA_NAME_VAR(v);
	if (!var || TREE_CODE(var) != PARM_DECL)
		return -1;
	for (a = DECL_ARGUMENTS(fun->decl); a; a = DECL_CHAIN(a), i++)
		if (a == var)
			return i;
	return -1;
}

/* The value a test "if (T != 0)" or "if (T == 0)" looks at, through !,
 * casts and truth tests of it, and whether edge E is its nonzero side. */
static tree tested_value(gcond *c, edge e, bool *nonzero)
{
	bool t = e->flags & EDGE_TRUE_VALUE;
	tree v;
	int steps = 6;

	if (!integer_zerop(gimple_cond_rhs(c)))
		return NULL_TREE;
	if (gimple_cond_code(c) == NE_EXPR)
		*nonzero = t;
	else if (gimple_cond_code(c) == EQ_EXPR)
		*nonzero = !t;
	else
		return NULL_TREE;
	v = pb_strip_value(gimple_cond_lhs(c));
	while (steps-- > 0) {
		gimple *def = pb_ssa_def(v);
		enum tree_code code;

		if (!def || !is_gimple_assign(def))
			break;
		code = gimple_assign_rhs_code(def);
		if (CONVERT_EXPR_CODE_P(code) || code == SSA_NAME) {
			v = gimple_assign_rhs1(def);
		} else if (code == TRUTH_NOT_EXPR ||
			   (code == BIT_NOT_EXPR &&
			    TREE_CODE(TREE_TYPE(v)) == BOOLEAN_TYPE) ||
			   (code == BIT_XOR_EXPR &&
			    integer_onep(gimple_assign_rhs2(def)) &&
			    TREE_CODE(TREE_TYPE(gimple_assign_rhs1(def))) ==
			    BOOLEAN_TYPE)) {
			*nonzero = !*nonzero;
			v = gimple_assign_rhs1(def);
		} else if ((code == NE_EXPR || code == EQ_EXPR) &&
			   integer_zerop(gimple_assign_rhs2(def))) {
			if (code == EQ_EXPR)
				*nonzero = !*nonzero;
			v = gimple_assign_rhs1(def);
		} else {
			break;
		}
		v = pb_strip_value(v);
	}
	return v;
}

/* T as a test: X & MASK, or FN(X); X the value tested. */
static bool test_shape(tree t, unsigned HOST_WIDE_INT *mask, const char **fn,
		       tree *x)
{
	gimple *def = pb_ssa_def(t);

	if (!def)
		return false;
	if (is_gimple_assign(def) && gimple_assign_rhs_code(def) == BIT_AND_EXPR &&
	    TREE_CODE(gimple_assign_rhs2(def)) == INTEGER_CST &&
	    tree_fits_uhwi_p(gimple_assign_rhs2(def))) {
		*mask = tree_to_uhwi(gimple_assign_rhs2(def));
		*fn = NULL;
		*x = gimple_assign_rhs1(def);
		return *mask != 0;
	}
	if (is_gimple_call(def) && gimple_call_num_args(def) >= 1 &&
	    pb_callee_name(def)) {
		*mask = 0;
		*fn = pb_callee_name(def);
		*x = gimple_call_arg(def, 0);
		return true;
	}
	return false;
}

/* Is PHI's argument from edge E the constant 1? */
static bool one_arg(gphi *phi, edge e)
{
	tree a = pb_strip_value(PHI_ARG_DEF_FROM_EDGE(phi, e));
	gimple *d = pb_ssa_def(a);

	if (d && gimple_assign_single_p(d))
		a = gimple_assign_rhs1(d);
	return a && integer_onep(a);
}

/* Does E lead, through blocks with one way out, to returning 1? */
static bool returns_one(gphi *phi, edge e)
{
	int steps = 4;

	while (steps-- > 0) {
		if (e->dest == gimple_bb(phi))
			return one_arg(phi, e);
		if (!single_succ_p(e->dest))
			return false;
		e = single_succ_edge(e->dest);
	}
	return false;
}

/* The atom that edge E of test C makes true: X & MASK or FN(X), nonzero
 * or zero (T->zero); X the value tested, T->param its parameter or -1. */
static bool atom_of(function *fun, gcond *c, edge e, struct pb_one_test *t,
		    tree *x)
{
	bool nonzero;
	tree v = tested_value(c, e, &nonzero);

	if (!v || !test_shape(v, &t->mask, &t->fn, x))
		return false;
	t->zero = !nonzero;
	t->param = param_of(fun, *x);
	t->last = false;
	return true;
}

/*
 * The tests under which RET returns 1, as logic: each constant 1 of the
 * returned value's PHI is reached under a conjunction of the tests on its
 * way back, through blocks with one predecessor, to a join or the entry
 * ("if (a && b) return 1" is a and b); a test whose other side returns 1
 * as well is no condition ("if (x) return 1; if (!y) return 1;": y's
 * conjunction does not hold !x).  A conjunction with a test of anything
 * but a parameter's flag or predicate is dropped.  The conjunctions are
 * OUT's runs, each ended by a test with ->last.
 */
int pb_one_tests(function *fun, gimple *ret, struct pb_one_test *out, int max)
{
	tree rv = gimple_return_retval(as_a<greturn *>(ret));
	gphi *phi;
	unsigned int i;
	int n = 0;

	rv = rv ? pb_strip_value(rv) : NULL_TREE;
	phi = rv && TREE_CODE(rv) == SSA_NAME ?
	      safe_dyn_cast<gphi *>(pb_ssa_def(rv)) : NULL;
	if (!phi)
		return 0;
	for (i = 0; i < gimple_phi_num_args(phi) && n < max; i++) {
		edge e = gimple_phi_arg_edge(phi, i);
		int start = n, steps = 8;
		bool ok = true;

		if (!one_arg(phi, e))
			continue;
		for (;;) {
			basic_block src = e->src;
			gcond *c = safe_dyn_cast<gcond *>(pb_last_stmt(src));
			tree x;

			if (c && EDGE_COUNT(src->succs) == 2) {
				edge other = EDGE_SUCC(src, 0) == e ?
					     EDGE_SUCC(src, 1) : EDGE_SUCC(src, 0);

				if (!returns_one(phi, other) &&
				    (n == max || !atom_of(fun, c, e, &out[n], &x) ||
				     out[n].param < 0)) {
					ok = false;
					break;
				}
				if (!returns_one(phi, other))
					n++;
			}
			if (steps-- <= 0 || !single_pred_p(src))
				break;
			e = single_pred_edge(src);
			if (e->src->index < NUM_FIXED_BLOCKS)
				break;
		}
		if (!ok || n == start) {
			n = start;
			continue;
		}
		out[n - 1].last = true;
	}
	return n;
}

/* Same value, or the same user variable (a PTE re-read or returned by the
 * clear is still "the PTE" the test looked at; a count re-read is still
 * the count). */
static bool same_operand(tree a, tree b)
{
	const char *na, *nb;

	if (pb_same_value(a, b))
		return true;
	na = pb_value_name(a, NULL);
	nb = pb_value_name(b, NULL);
	return na && nb && !strcmp(na, nb);
}

/* Is AT only reached where atom T holds for CALL's arguments: a test on
 * every path to AT, of the same shape, on the same side? */
static bool under_test(function *fun, gimple *at, const gimple *call,
		       const struct pb_one_test *t)
{
	basic_block bb = gimple_bb(at), d;
	tree arg;
	int steps = 32;

	if (t->param >= (int)gimple_call_num_args(call))
		return false;
	arg = gimple_call_arg(call, t->param);
	pb_need_dominators();
	for (d = bb; d && d->index >= NUM_FIXED_BLOCKS && steps-- > 0;
	     d = get_immediate_dominator(CDI_DOMINATORS, d)) {
		gcond *c = safe_dyn_cast<gcond *>(pb_last_stmt(d));
		edge_iterator ei;
		edge e;

		if (!c || d == bb)
			continue;
		FOR_EACH_EDGE(e, ei, d->succs) {
			struct pb_one_test a;
			tree x;

			if (!single_pred_p(e->dest) ||
			    !dominated_by_p(CDI_DOMINATORS, bb, e->dest) ||
			    !atom_of(fun, c, e, &a, &x) || a.zero != t->zero)
				continue;
			if ((t->mask ? (a.mask == t->mask && !a.fn) :
			     (a.fn && !strcmp(a.fn, t->fn))) &&
			    same_operand(x, arg))
				return true;
		}
	}
	return false;
}

/* Does every test of one of the callee's conjunctions hold at AT? */
static bool under_tests(function *fun, gimple *at, const gimple *call,
			const struct pb_one_test *t, int n)
{
	int k = 0;

	while (k < n) {
		bool all = true;

		for (; k < n; k++) {
			if (all && !under_test(fun, at, call, &t[k]))
				all = false;
			if (t[k].last)
				break;
		}
		k++;
		if (all)
			return true;
	}
	return false;
}

void pb_mark_one_paths(gimple *at, struct pb_origins *nr)
{
	function *fun = pb_current_fun();
	basic_block bb;
	gimple_stmt_iterator gsi;
	int i;

	for (i = 0; i < nr->n; i++) {
		struct pb_leaf *l = &nr->leaf[i];
		const struct pb_one_test *t;
		int n;

		if (l->kind != PB_K_CALL ||
		    !(n = pb_fn_one_tests(l->callee, &t)))
			continue;
		FOR_EACH_PB_STMT(fun, bb, gsi) {
			gimple *s = gsi_stmt(gsi);
			tree fndecl;

			if (!is_gimple_call(s) || !(fndecl = gimple_call_fndecl(s)) ||
			    DECL_UID(fndecl) != l->callee || pb_stmt_loc(s) != l->loc)
				continue;
			if (under_tests(fun, at, s, t, n))
				l->props |= PB_P_ONE;
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
static bool aligned_to_limit(function *fun, tree value)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	FOR_EACH_PB_STMT(fun, bb, gsi) {
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
	function *fun = pb_current_fun();

	if (!fun || !at)
		return 0;
	if (aligned_to_limit(fun, value))
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

/* --- tests that a count is not 0 ----------------------------------------- */

bool pb_only_entry(edge e)
{
	edge_iterator ei;
	edge o;

	pb_need_dominators();
	FOR_EACH_EDGE(o, ei, e->dest->preds)
		if (o != e && !dominated_by_p(CDI_DOMINATORS, o->src, e->dest))
			return false;
	return true;
}

/*
 * What a test looks at, through unlikely(), WARN_ON_ONCE()'s int copy,
 * !! and !: *A compared with *B by CODE (*B NULL: *A != 0 or == 0).
 */
static void tested_compare(tree v, enum tree_code *code, tree *a, tree *b)
{
	bool flip = false;
	int steps = 8;

	while (steps-- > 0) {
		gimple *def = pb_ssa_def(v);
		enum tree_code c;

		if (!def)
			break;
		if (gimple_call_builtin_p(def, BUILT_IN_EXPECT) &&
		    gimple_call_num_args(def) >= 1) {
			v = gimple_call_arg(def, 0);
			continue;
		}
		if (!is_gimple_assign(def))
			break;
		c = gimple_assign_rhs_code(def);
		if (CONVERT_EXPR_CODE_P(c) || c == SSA_NAME) {
			v = gimple_assign_rhs1(def);
			continue;
		}
		if (c == TRUTH_NOT_EXPR || c == BIT_NOT_EXPR ||
		    (c == BIT_XOR_EXPR && integer_onep(gimple_assign_rhs2(def)))) {
			flip = !flip;
			v = gimple_assign_rhs1(def);
			continue;
		}
		if (TREE_CODE_CLASS(c) != tcc_comparison)
			break;
		/* a truth test of its left side: go on with that */
		if ((c == NE_EXPR || c == EQ_EXPR) &&
		    integer_zerop(gimple_assign_rhs2(def))) {
			if (c == EQ_EXPR)
				flip = !flip;
			v = gimple_assign_rhs1(def);
			continue;
		}
		*code = flip ? invert_tree_comparison(c, false) : c;
		*a = gimple_assign_rhs1(def);
		*b = gimple_assign_rhs2(def);
		return;
	}
	*code = flip ? EQ_EXPR : NE_EXPR;
	*a = v;
	*b = NULL_TREE;
}

/* On this side of the test, does A differ from B (or from 0)? */
static bool implies_ne(enum tree_code code, tree b, bool taken)
{
	if (b && integer_onep(b))
		return (code == GE_EXPR && taken) || (code == LT_EXPR && !taken);
	if (b && !integer_zerop(b) && TREE_CODE(b) == INTEGER_CST)
		return false;
	switch (code) {
	case NE_EXPR: case LT_EXPR: case GT_EXPR:
		return taken;
	case EQ_EXPR: case LE_EXPR: case GE_EXPR:
		return !taken;
	default:
		return false;
	}
}

/* VALUE = (END - START) >> s or / c: the two ends, else false. */
static bool difference_of(tree value, tree *end, tree *start)
{
	int steps = 6;

	while (steps-- > 0) {
		gimple *def = pb_ssa_def(pb_strip_value(value));
		enum tree_code c;

		if (!def || !is_gimple_assign(def))
			return false;
		c = gimple_assign_rhs_code(def);
		if (CONVERT_EXPR_CODE_P(c) ||
		    ((c == RSHIFT_EXPR || c == TRUNC_DIV_EXPR ||
		      c == EXACT_DIV_EXPR) &&
		     TREE_CODE(gimple_assign_rhs2(def)) == INTEGER_CST)) {
			value = gimple_assign_rhs1(def);
			continue;
		}
		if (c != MINUS_EXPR && c != POINTER_DIFF_EXPR)
			return false;
		*end = gimple_assign_rhs1(def);
		*start = gimple_assign_rhs2(def);
		return true;
	}
	return false;
}

/*
 * A test that every path to AT passes, seen from the side those paths
 * take: A CODE B (B NULL: A != 0), through unlikely(), WARN_ON_ONCE() and
 * !; TAKEN: that side is the test's true edge.  True ends the walk.
 */
typedef bool (*path_test_fn)(enum tree_code code, tree a, tree b, bool taken,
			     void *ctx);

/* Does FN hold for one of the tests that dominate AT? */
static bool dominating_test(gimple *at, path_test_fn fn, void *ctx)
{
	basic_block bb = at ? gimple_bb(at) : NULL, d, prev;
	int steps = 24;

	if (!bb || !pb_current_fun())
		return false;
	pb_need_dominators();
	for (prev = bb, d = get_immediate_dominator(CDI_DOMINATORS, bb);
	     d && d->index >= NUM_FIXED_BLOCKS && steps-- > 0;
	     prev = d, d = get_immediate_dominator(CDI_DOMINATORS, d)) {
		gcond *c = safe_dyn_cast<gcond *>(pb_last_stmt(d));
		enum tree_code code;
		edge_iterator ei;
		edge e;
		tree a, b;

		if (!c)
			continue;
		/* the side of the test every path to AT takes */
		FOR_EACH_EDGE(e, ei, d->succs)
			if (pb_only_entry(e) &&
			    dominated_by_p(CDI_DOMINATORS, prev, e->dest))
				break;
		if (!e)
			continue;
		code = gimple_cond_code(c);
		a = gimple_cond_lhs(c);
		b = gimple_cond_rhs(c);
		if (integer_zerop(b) && (code == NE_EXPR || code == EQ_EXPR)) {
			enum tree_code inner;

			tested_compare(a, &inner, &a, &b);
			if (code == EQ_EXPR)
				inner = invert_tree_comparison(inner, false);
			code = inner;
		}
		if (code != ERROR_MARK &&
		    fn(code, a, b, e->flags & EDGE_TRUE_VALUE, ctx))
			return true;
	}
	return false;
}

struct nonzero_ctx {
	tree value;
	bool diff;		/* VALUE is END - START */
	tree end, start;
};

static bool shows_nonzero(enum tree_code code, tree a, tree b, bool taken,
			  void *ctx)
{
	const struct nonzero_ctx *nz = (const struct nonzero_ctx *)ctx;

	if (!implies_ne(code, b, taken))
		return false;
	if ((!b || integer_zerop(b) || integer_onep(b)) &&
	    same_operand(a, nz->value))
		return true;
	return nz->diff && b &&
	       ((same_operand(a, nz->end) && same_operand(b, nz->start)) ||
		(same_operand(a, nz->start) && same_operand(b, nz->end)));
}

bool pb_nonzero_on_path(gimple *at, tree value)
{
	struct nonzero_ctx nz = { value, false, NULL_TREE, NULL_TREE };

	nz.diff = difference_of(value, &nz.end, &nz.start);
	return dominating_test(at, shows_nonzero, &nz);
}

/* On this side of the test A CODE B, is A == 1 (A a count, so >= 1)? */
static bool implies_one(enum tree_code code, tree b, bool taken)
{
	if (!taken)
		code = invert_tree_comparison(code, false);
	if (!b || TREE_CODE(b) != INTEGER_CST)
		return false;
	if (integer_onep(b))
		return code == EQ_EXPR || code == LE_EXPR;
	return code == LT_EXPR && tree_fits_shwi_p(b) && tree_to_shwi(b) == 2;
}

static bool shows_one(enum tree_code code, tree a, tree b, bool taken,
		      void *ctx)
{
	return implies_one(code, b, taken) && same_operand(a, (tree)ctx);
}

bool pb_one_on_path(gimple *at, tree value)
{
	return value && dominating_test(at, shows_one, value);
}
