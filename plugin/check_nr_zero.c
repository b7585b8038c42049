// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_nr_zero.c - nr-zero: a helper that walks nr entries with the test
 * at the bottom is given an nr that can be 0, or such a helper is defined
 * with no test that nr is not 0.
 *
 * From the review of "mm/rmap: introduce folio_try_share_anon_rmap_ptes":
 * ClearPagesAnonExclusive() loops for (;;) { ...; if (--nr == 0) break; },
 * the set_ptes() pattern, and "you really require nr to != 0 here or
 * otherwise you're going to be clearing 4 billion pages".
 *
 * Calls: the helpers of rules.def's NR_NONZERO lines, and static batched
 * helpers of this file defined with that loop (see Definitions).  nr can
 * be 0 when one of its origins is the constant 0 unchanged (a counter
 * that starts at 0) or a difference end - addr whose end is not a
 * parameter (a walk's range is never empty), the page table's end or the
 * VMA's end (both lie above addr), and no test on the path shows nr (or
 * end != addr) is not 0.  A batch source's count, folio_nr_pages(),
 * 1 << order, a count plus a positive constant (last - first + 1) or any
 * other value is accepted.  A static function's parameter is followed to
 * its callers; a non-static one's is reported with strict.
 *
 * Definitions: a loop test of --nr against 0 (x = nr - 1; if (x == 0), nr
 * the loop's value of a parameter) with no test before the loop that the
 * parameter is not 0, in a batched helper: one parameter points to a
 * page-table entry, a page or a swap cluster (rules.def's NR_BATCH_TYPE
 * lines: pte_t *, struct page *, struct folio *, ...) or the count's name
 * says it counts pages or entries (NR_BATCH_WORD: npages, nr_pages,
 * nr_ptes).  Any other countdown (retries, name segments, bytes) is no mm
 * helper's.  Reported where callers outside this file may call the helper
 * (non-static, or defined in a header) and the helper is not in the
 * table; a static helper of the file is checked at its calls instead
 * (with static-helpers, lint's option, its definition is reported too:
 * a helper a patch adds is new code whatever its callers).
 *
 * Options: strict also reports parameters of non-static functions, and
 * differences of them (end - addr of a non-static walk); static-helpers
 * reports static helpers' definitions.
 * Known false-positive sources: a count that is not 0 for a reason the
 * engine does not see (a test on another variable, a caller's test when
 * the count travels through a static function's parameter).
 */
#include "ptebatch.h"

static struct pb_cands cands;

/* A static helper of this file with the loop: its calls are checked. */
struct zero_sink {
	unsigned int uid;
	int param;
	location_t loop;
	const char *name;
};
static vec<zero_sink> sinks;

/* Origins that can be 0 (the guard, if any, was looked at the call). */
static bool zero_leaf(const struct pb_leaf *l)
{
	/* a 0 left by a previous iteration: nr-stale's finding, not a count
	 * that starts at 0 */
	if (l->via_latch)
		return false;
	if (l->kind == PB_K_CONST && !l->distance)
		return l->value == 0 && !l->offset;
	if (!l->distance)
		return false;
	return l->kind != PB_K_PARAM && l->kind != PB_K_PMD_END &&
	       l->kind != PB_K_VMA_END && l->kind != PB_K_BATCH;
}

static bool leaf_ok(const struct pb_leaf *l, unsigned int props)
{
	if (zero_leaf(l))
		return false;
	/* strict: end - addr of a non-static function's parameters */
	if (l->kind == PB_K_PARAM && l->distance)
		return !(pb_opts.strict && (props & PB_P_EXTERN));
	if (l->kind == PB_K_PARAM && !l->distance)
		return (props & PB_P_EXTERN) && !pb_opts.strict;
	return true;
}

static const char *zero_text(const struct pb_leaf *l)
{
	return l->distance ? PB_MSG(from_difference) : PB_MSG(from_zero);
}

/* last - first + 1, or any count plus a positive constant: an inclusive
 * count (filemap_map_pages()' min(end, end_pgoff) - xas.xa_index + 1) */
static bool plus_positive(tree v)
{
	tree x = pb_strip_value(v);
	gimple *def = x && TREE_CODE(x) == SSA_NAME &&
		      !SSA_NAME_IS_DEFAULT_DEF(x) ? SSA_NAME_DEF_STMT(x) : NULL;

	return def && is_gimple_assign(def) &&
	       gimple_assign_rhs_code(def) == PLUS_EXPR &&
	       TREE_CODE(gimple_assign_rhs2(def)) == INTEGER_CST &&
	       tree_int_cst_sgn(gimple_assign_rhs2(def)) > 0 &&
	       !integer_all_onesp(gimple_assign_rhs2(def));
}

static void add_call(gimple *stmt, const struct pb_rule *r,
		     const struct zero_sink *s)
{
	struct pb_cand *c = pb_cand_arg(&cands, stmt, r, PB_MSG(nr_count));
	tree nr = gimple_call_arg(stmt, r->idx);

	c->flags = pb_nonzero_on_path(stmt, nr) || plus_positive(nr);
	if (s) {
		c->callee = s->name;
		c->loc2 = s->loop;
	}
}

static void nr_zero_call(gimple *stmt, const struct pb_rule *r)
{
	if (pb_needs_nr(r->name))
		add_call(stmt, r, NULL);
}

/* Calls of the file's static helpers found so far (callees come first). */
static void sink_calls(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	unsigned int i;

	if (sinks.is_empty())
		return;
	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		tree fndecl = is_gimple_call(stmt) ? gimple_call_fndecl(stmt) : NULL_TREE;

		if (!fndecl)
			continue;
		for (i = 0; i < sinks.length(); i++) {
			struct pb_rule r = { sinks[i].name, PB_BATCHED, -1,
					     sinks[i].param, -1 };

			if (sinks[i].uid == DECL_UID(fndecl) &&
			    sinks[i].param < (int)gimple_call_num_args(stmt))
				add_call(stmt, &r, &sinks[i]);
		}
	}
}

/* The parameter whose value P is on entry to its loop, or -1. */
static int loop_param(gphi *phi, tree latch, tree *entry)
{
	unsigned int i;
	bool from_latch = false;
	int param = -1;

	for (i = 0; i < gimple_phi_num_args(phi); i++) {
		tree a = gimple_phi_arg_def(phi, i);
		tree v = a && TREE_CODE(a) == SSA_NAME ? SSA_NAME_VAR(a) : NULL_TREE;

		if (a == latch) {
			from_latch = true;
		} else if (v && TREE_CODE(v) == PARM_DECL &&
			   SSA_NAME_IS_DEFAULT_DEF(a)) {
			tree p;
			int k = 0;

			for (p = DECL_ARGUMENTS(current_function_decl); p && p != v;
			     p = DECL_CHAIN(p))
				k++;
			param = p ? k : -1;
			*entry = a;
		} else {
			return -1;
		}
	}
	return from_latch ? param : -1;
}

static bool in_main_file(tree decl)
{
	expanded_location x = expand_location(DECL_SOURCE_LOCATION(decl));

	return x.file && main_input_filename &&
	       !strcmp(x.file, main_input_filename);
}

/*
 * A batched mm helper's loop: a parameter points to a page-table entry, a
 * page or a swap cluster, or the count is named for pages or entries.
 * Other functions count down retries, segments or bytes
 * (scsi_test_unit_ready(), swap_bytes()): no mm helper's.
 */
static bool batched_helper(tree fndecl, tree count)
{
	tree p;

	if (pb_batch_count(pb_decl_name(count)))
		return true;
	for (p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p))
		if (POINTER_TYPE_P(TREE_TYPE(p)) &&
		    pb_batch_type(TREE_TYPE(TREE_TYPE(p))))
			return true;
	return false;
}

/* A batched helper's loop that tests --nr against 0, nr a parameter with
 * no zero test. */
static void find_loops(function *fun)
{
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gcond *c = safe_dyn_cast<gcond *>(pb_last_stmt(bb));
		tree x, p, entry = NULL_TREE;
		gimple *def;
		gphi *phi;
		int param;

		if (!c || (gimple_cond_code(c) != EQ_EXPR &&
			   gimple_cond_code(c) != NE_EXPR) ||
		    !integer_zerop(gimple_cond_rhs(c)))
			continue;
		x = gimple_cond_lhs(c);
		def = TREE_CODE(x) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(x) ?
		      SSA_NAME_DEF_STMT(x) : NULL;
		if (!def || !is_gimple_assign(def) ||
		    !INTEGRAL_TYPE_P(TREE_TYPE(x)) ||
		    !((gimple_assign_rhs_code(def) == PLUS_EXPR &&
		       integer_all_onesp(gimple_assign_rhs2(def))) ||
		      (gimple_assign_rhs_code(def) == MINUS_EXPR &&
		       integer_onep(gimple_assign_rhs2(def)))))
			continue;
		p = gimple_assign_rhs1(def);
		phi = TREE_CODE(p) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(p) ?
		      dyn_cast<gphi *>(SSA_NAME_DEF_STMT(p)) : NULL;
		if (!phi || (param = loop_param(phi, x, &entry)) < 0 ||
		    !batched_helper(fun->decl, SSA_NAME_VAR(entry)) ||
		    pb_nonzero_on_path(phi, entry))
			continue;
		if (!TREE_PUBLIC(fun->decl) && in_main_file(fun->decl)) {
			zero_sink s = { DECL_UID(fun->decl), param,
					pb_stmt_loc(c), pb_current_function() };

			sinks.safe_push(s);
		}
		if ((TREE_PUBLIC(fun->decl) || !in_main_file(fun->decl) ||
		     pb_opts.static_helpers) &&
		    !pb_needs_nr(pb_current_function())) {
			const char *var = pb_value_name(entry, "nr");

			pb_report(PB_CHECK_nr_zero, pb_stmt_loc(c),
				  pb_current_function(), PB_MSG(nr_zero_loop),
				  pb_current_function(), var, var, var);
		}
		return;
	}
}

static void nr_zero_function_end(function *fun)
{
	sink_calls(fun);
	find_loops(fun);
}

struct blame_ctx {
	const struct pb_cand *c;
};

static void report_site(const struct pb_blame *b, void *arg)
{
	const struct pb_cand *c = ((struct blame_ctx *)arg)->c;
	struct pb_finding *f;

	f = pb_report(PB_CHECK_nr_zero, b->site, b->caller,
		      PB_MSG(nr_zero_caller), b->callee, zero_text(b->leaf),
		      b->callee, c->callee);
	if (b->leaf->loc != UNKNOWN_LOCATION)
		pb_note(f, b->leaf->loc, "the count comes from here");
	pb_note(f, c->loc, "%s() receives it as %s here", c->callee, c->var);
}

static void check_cand(const struct pb_cand *c)
{
	struct pb_finding *f;
	int i;

	if (c->flags)
		return;
	for (i = 0; i < c->o.n; i++) {
		const struct pb_leaf *l = &c->o.leaf[i];
		unsigned int p = pb_resolve(c->fn_uid, l);

		if (leaf_ok(l, p))
			continue;
		if (l->kind == PB_K_PARAM && !l->distance) {
			struct blame_ctx ctx = { c };

			if (!(p & PB_P_EXTERN)) {
				pb_blame_leaves(c->fn_uid, l->param, leaf_ok,
						report_site, &ctx);
				continue;
			}
			f = pb_report(PB_CHECK_nr_zero, c->loc, c->fn,
				      PB_MSG(nr_zero_extern), c->var, c->callee,
				      c->fn ? c->fn : "?", c->callee);
			pb_note(f, l->loc, "parameter %s is declared here",
				l->what ? l->what : "?");
			return;
		}
		f = pb_report(PB_CHECK_nr_zero, c->loc, c->fn, PB_MSG(nr_zero),
			      c->var, c->callee, zero_text(l), c->callee);
		if (l->loc != UNKNOWN_LOCATION)
			pb_note(f, l->loc, "%s comes from here", c->var);
		if (c->loc2 != UNKNOWN_LOCATION)
			pb_note(f, c->loc2, "%s() tests the count at the bottom of its loop here",
				c->callee);
		return;
	}
}

static void nr_zero_finish(void)
{
	int i;

	for (i = 0; i < cands.n; i++)
		check_cand(&cands.v[i]);
	pb_cands_free(&cands);
	sinks.release();
}

void check_nr_zero(struct pb_check_info *info)
{
	info->call = nr_zero_call;
	info->roles = PB_NR_ROLES_BITS;
	info->function_end = nr_zero_function_end;
	info->finish = nr_zero_finish;
}
