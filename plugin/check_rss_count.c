// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_rss_count.c - rss-count: an rss counter moved by one after a
 * batched unmap of nr pages.
 *
 * From "mm: rmap: support batched unmapping for file large folios": the
 * batched path kept dec_mm_counter(mm, mm_counter_file(folio)) and had to
 * become add_mm_counter(mm, mm_counter_file(folio), -nr_pages).  6.12's
 * zap path counts in a local vector instead (rss[mm_counter(folio)] -= nr,
 * later add_mm_rss_vec()), so ++/-- on an element of such a vector counts
 * as well.  A vector is a base indexed by an mm_counter*() result or
 * handed to add_mm_rss_vec() in the same function.  Looked for on the
 * paths from the batched clear or rmap removal within one iteration, up
 * to a clear of one PTE; nr must not be provably 1.
 *
 * The batched nr is followed into static callees: a call on such a path
 * that passes nr to a function of the translation unit (7.3's
 * ttu_anon_folio() -> ttu_anon_lazyfree_folio()) makes that function's
 * by-one moves findings, reported at the callee's line with a note at the
 * call; a callee passing its parameter on is followed too.
 *
 * Known false-positive sources: a by-one update on a path that the
 * engine cannot tell handles a different, single entry.
 */
#include "ptebatch.h"

#define PB_MAX_RSS_BASES	8

static struct pb_cands cands;

struct rss_state {
	tree bases[PB_MAX_RSS_BASES];
	int nr_bases;
	bool collected;
	gimple *event;
	tree nr_value;
	const struct pb_origins *nr;
	const char *nr_var;
};

/* Per translation unit, as plain data: by-one moves of every function, the
 * calls that hand a parameter on, the calls that pass a batched nr. */
struct rss_move {
	unsigned int fn;
	const char *fn_name, *callee;
	location_t loc;
};
static vec<rss_move> moves;
static struct pb_forwards forwards;
static struct pb_passes passes;

static tree base_of(tree t)
{
	t = pb_strip_value(t);
	if (t && TREE_CODE(t) == ADDR_EXPR)
		t = TREE_OPERAND(t, 0);
	while (t && (TREE_CODE(t) == ARRAY_REF || TREE_CODE(t) == COMPONENT_REF))
		t = TREE_OPERAND(t, 0);
	return t;
}

static bool is_rss_index(tree idx)
{
	int steps = 6;

	while (idx && TREE_CODE(idx) == SSA_NAME && steps-- > 0) {
		gimple *def;

		idx = pb_strip_value(idx);
		if (TREE_CODE(idx) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF(idx))
			return false;
		def = SSA_NAME_DEF_STMT(idx);
		if (is_gimple_call(def))
			return pb_call_rule(def) &&
			       pb_call_rule(def)->role == PB_RSS_INDEX;
		if (!is_gimple_assign(def) ||
		    (gimple_assign_rhs_code(def) != MULT_EXPR &&
		     !CONVERT_EXPR_CODE_P(gimple_assign_rhs_code(def))))
			return false;
		idx = gimple_assign_rhs1(def);
	}
	return false;
}

/* Split an element reference into its vector base and index. */
static bool element_of(tree ref, tree *base, tree *idx)
{
	tree ptr;
	gimple *def;

	if (TREE_CODE(ref) == ARRAY_REF) {
		*base = base_of(TREE_OPERAND(ref, 0));
		*idx = TREE_OPERAND(ref, 1);
		return true;
	}
	if (TREE_CODE(ref) != MEM_REF)
		return false;
	ptr = TREE_OPERAND(ref, 0);
	def = TREE_CODE(ptr) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(ptr) ?
	      SSA_NAME_DEF_STMT(ptr) : NULL;
	if (def && is_gimple_assign(def) &&
	    gimple_assign_rhs_code(def) == POINTER_PLUS_EXPR) {
		*base = base_of(gimple_assign_rhs1(def));
		*idx = gimple_assign_rhs2(def);
		return true;
	}
	*base = base_of(ptr);
	*idx = TREE_OPERAND(ref, 1);
	return true;
}

static bool known_base(const struct rss_state *st, tree base)
{
	int i;

	for (i = 0; i < st->nr_bases; i++)
		if (st->bases[i] == base || operand_equal_p(st->bases[i], base, 0))
			return true;
	return false;
}

static void add_base(struct rss_state *st, tree base)
{
	if (base && !known_base(st, base) && st->nr_bases < PB_MAX_RSS_BASES)
		st->bases[st->nr_bases++] = base;
}

static void collect_bases(function *fun, struct rss_state *st)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	tree base, idx;

	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		int i = pb_call_arg_rule(stmt, PB_RSS_VEC);

		if (i >= 0)
			add_base(st, base_of(gimple_call_arg(stmt, i)));
		else if (gimple_store_p(stmt) && gimple_assign_single_p(stmt) &&
			 element_of(gimple_assign_lhs(stmt), &base, &idx) &&
			 is_rss_index(idx))
			add_base(st, base);
	}
}

/* The same element, also through two pointers computed alike (-O0). */
static bool same_element(tree a, tree b)
{
	tree ba, ia, bb, ib;

	if (operand_equal_p(a, b, 0))
		return true;
	if (TREE_CODE(a) != MEM_REF || TREE_CODE(b) != MEM_REF ||
	    !tree_int_cst_equal(TREE_OPERAND(a, 1), TREE_OPERAND(b, 1)) ||
	    !element_of(a, &ba, &ia) || !element_of(b, &bb, &ib))
		return false;
	return ba && bb && operand_equal_p(ba, bb, 0) && pb_same_value(ia, ib);
}

/* rss[i] = rss[i] +/- 1 on a known vector. */
static bool by_one_element(const struct rss_state *st, gimple *stmt)
{
	tree lhs, val, base, idx, c;
	gimple *def, *load;

	if (!gimple_store_p(stmt) || !gimple_assign_single_p(stmt))
		return false;
	lhs = gimple_assign_lhs(stmt);
	val = gimple_assign_rhs1(stmt);
	if (!element_of(lhs, &base, &idx) || !known_base(st, base) ||
	    TREE_CODE(val) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF(val))
		return false;
	def = SSA_NAME_DEF_STMT(val);
	if (!is_gimple_assign(def) ||
	    (gimple_assign_rhs_code(def) != PLUS_EXPR &&
	     gimple_assign_rhs_code(def) != MINUS_EXPR))
		return false;
	c = gimple_assign_rhs2(def);
	if (TREE_CODE(c) != INTEGER_CST || !tree_fits_shwi_p(c) ||
	    (tree_to_shwi(c) != 1 && tree_to_shwi(c) != -1))
		return false;
	val = gimple_assign_rhs1(def);
	load = TREE_CODE(val) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(val) ?
	       SSA_NAME_DEF_STMT(val) : NULL;
	return load && gimple_assign_single_p(load) &&
	       same_element(gimple_assign_rhs1(load), lhs);
}

static bool by_one_call(gimple *stmt)
{
	const struct pb_rule *r = pb_call_rule(stmt);
	tree v;

	if (!r)
		return false;
	if (r->role == PB_COUNTER_ONE)
		return true;
	if (r->role != PB_COUNTER_ADD || r->idx2 < 0 ||
	    r->idx2 >= (int)gimple_call_num_args(stmt))
		return false;
	v = pb_strip_value(gimple_call_arg(stmt, r->idx2));
	return v && TREE_CODE(v) == INTEGER_CST && tree_fits_shwi_p(v) &&
	       (tree_to_shwi(v) == 1 || tree_to_shwi(v) == -1);
}

static bool match_counter(gimple *stmt, void *arg)
{
	struct rss_state *st = (struct rss_state *)arg;
	struct pb_cand *c;
	bool call = is_gimple_call(stmt) && by_one_call(stmt);

	if (pb_single_entry(stmt))
		return true;
	if (!call && is_gimple_call(stmt))
		pb_note_passes(&passes, stmt, st->event, st->nr_value, st->nr_var,
			       st->nr);
	if (!call && !by_one_element(st, stmt))
		return false;
	c = pb_cand_add(&cands);
	c->loc = pb_stmt_loc(stmt);
	c->loc2 = pb_stmt_loc(st->event);
	c->callee = call ? pb_callee_name(stmt) : NULL;
	c->callee2 = pb_callee_name(st->event);
	c->var = st->nr_var;
	c->o = *st->nr;
	pb_mark_one_paths(stmt, &c->o);
	return false;
}

/* The function's rss vectors, collected once per function. */
static struct rss_state st;
static unsigned int bases_of;	/* DECL_UID, unique in the TU */

static void function_bases(function *fun)
{
	if (!st.collected || bases_of != pb_current_uid()) {
		st.nr_bases = 0;
		collect_bases(fun, &st);
		st.collected = true;
		bases_of = pb_current_uid();
	}
}

static void rss_count_call(gimple *stmt, const struct pb_rule *r)
{
	struct pb_origins nr;

	function_bases(cfun);
	pb_query(stmt, gimple_call_arg(stmt, r->idx), &nr);
	st.event = stmt;
	st.nr_value = gimple_call_arg(stmt, r->idx);
	st.nr = &nr;
	st.nr_var = pb_value_name(gimple_call_arg(stmt, r->idx), "nr");
	pb_walk_paths(stmt, true, match_counter, &st);
}

/* The function's by-one moves and the parameters it hands on, for callers
 * that pass it a batch. */
static void rss_count_function_end(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	bool has_param = DECL_ARGUMENTS(fun->decl) != NULL_TREE;

	if (!has_param || TREE_PUBLIC(fun->decl))
		return;
	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		bool call = is_gimple_call(stmt) && by_one_call(stmt);

		if (!call && gimple_store_p(stmt))
			function_bases(fun);
		if (call || (gimple_store_p(stmt) && by_one_element(&st, stmt))) {
			rss_move m = { pb_current_uid(), pb_current_function(),
				       call ? pb_callee_name(stmt) : NULL,
				       pb_stmt_loc(stmt) };

			moves.safe_push(m);
			continue;
		}
		if (is_gimple_call(stmt))
			pb_note_forwards(&forwards, fun, stmt);
	}
}

/* Report the by-one moves of CALLEE, a function P's count reaches. */
static void report_callee(const struct pb_pass *p, unsigned int callee,
			  void *ctx)
{
	struct pb_finding *f;
	unsigned int i;

	for (i = 0; i < moves.length(); i++) {
		const rss_move *m = &moves[i];

		if (m->fn != callee)
			continue;
		if (m->callee)
			f = pb_report(PB_CHECK_rss_count, m->loc, m->fn_name,
				      PB_MSG(rss_callee_call),
				      m->callee, p->var, p->event_name, p->var);
		else
			f = pb_report(PB_CHECK_rss_count, m->loc, m->fn_name,
				      PB_MSG(rss_callee_element),
				      p->var, p->event_name, p->var);
		pb_note(f, p->call, "%s() is called here with %s", p->callee_name,
			p->var);
		pb_note(f, p->event, "%s pages are unmapped here", p->var);
	}
}

static void report_passes(void)
{
	int k;

	for (k = 0; k < passes.n; k++) {
		const struct pb_pass *p = &passes.v[k];

		if (pb_resolve_all(p->caller, &p->o) & PB_P_ONE)
			continue;
		pb_pass_callees(p, &forwards, report_callee, NULL);
	}
	pb_passes_free(&passes);
	moves.release();
	pb_forwards_free(&forwards);
}

static void rss_count_finish(void)
{
	struct pb_finding *f;
	int i;

	report_passes();
	for (i = 0; i < cands.n; i++) {
		const struct pb_cand *c = &cands.v[i];

		if (pb_resolve_all(c->fn_uid, &c->o) & PB_P_ONE)
			continue;
		if (c->callee)
			f = pb_report(PB_CHECK_rss_count, c->loc, c->fn,
				      PB_MSG(rss_call),
				      c->callee, c->callee2, c->var, c->var);
		else
			f = pb_report(PB_CHECK_rss_count, c->loc, c->fn,
				      PB_MSG(rss_element),
				      c->callee2, c->var, c->var);
		pb_note(f, c->loc2, "%s pages are unmapped here", c->var);
	}
	pb_cands_free(&cands);
}

void check_rss_count(struct pb_check_info *info)
{
	info->call = rss_count_call;
	info->roles = PB_ROLE_BIT(PB_CLEAR_BATCH) | PB_ROLE_BIT(PB_UNMAP) |
		      PB_ROLE_BIT(PB_SWAP_BATCHED);
	info->function_end = rss_count_function_end;
	info->finish = rss_count_finish;
}
