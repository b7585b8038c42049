// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_summary.c - the engine's top layer: what each function does, for
 * the rest of the translation unit, and the checks' questions.
 *
 * While the GIMPLE pass sees each function, pb_summary_record_function()
 * records into engine_store.c: the origins of its return values and the
 * tests under which it returns 1 (engine_paths.c), the origins of the
 * integer arguments of every call to a static function of the same
 * translation unit, the parameters that end its page-table walk, and what
 * it stores through each pointer parameter that is only ever dereferenced
 * (get_next_vma(..., &start, &end)), for the walk to follow a caller's
 * local through the call.  pb_query() is pb_origins() that also notes the
 * parameters whose callers a check needs; pb_cand_*() keep a check's
 * findings for its finish().
 */
#include "ptebatch.h"
#include "engine-internal.h"

void pb_query(gimple *at, tree value, struct pb_origins *out)
{
	pb_origins(at, value, out);
	pb_store_note_query(pb_current_uid(), out);
}

/* Calls whose parameters we summarise: static, defined here, no rule. */
static bool summarised_callee(const gimple *stmt)
{
	tree fndecl = gimple_call_fndecl(stmt);
	cgraph_node *node;

	if (!fndecl || TREE_PUBLIC(fndecl) || pb_call_rule(stmt))
		return false;
	node = cgraph_node::get(fndecl);
	return node && node->definition;
}

static void record_site(unsigned int caller, gimple *stmt)
{
	unsigned int n = gimple_call_num_args(stmt), i;
	struct pb_site_rec *s;
	struct pb_fn_rec *callee;
	bool any = false;

	for (i = 0; i < n; i++)
		if (INTEGRAL_TYPE_P(TREE_TYPE(gimple_call_arg(stmt, i))))
			any = true;
	if (!any)
		return;
	s = pb_store_site(caller, gimple_call_fndecl(stmt), n);
	callee = pb_store_rec(s->callee);
	s->loc = pb_stmt_loc(stmt);
	for (i = 0; i < n; i++) {
		tree arg = gimple_call_arg(stmt, i);
		struct pb_origins o;

		/* unknown: a pointer, or a value no query of the callee needs */
		if (!INTEGRAL_TYPE_P(TREE_TYPE(arg)) ||
		    (callee->seen && !pb_param_used(callee, i))) {
			s->args[i].truncated = true;
			continue;
		}
		pb_origins(stmt, arg, &o);
		pb_store_note_query(pb_current_uid(), &o);
		pb_store_arg(&s->args[i], &o);
	}
}

/*
 * Pointer parameter NAME is only dereferenced (loads, integer stores of
 * other values, tests): record the origins of what is stored through it.
 */
static bool record_out(tree name, struct pb_arg_rec *out)
{
	imm_use_iterator it;
	use_operand_p use;

	FOR_EACH_IMM_USE_FAST(use, it, name) {
		gimple *stmt = USE_STMT(use);
		tree lhs, rhs;

		if (is_gimple_debug(stmt) || gimple_code(stmt) == GIMPLE_COND)
			continue;
		if (!gimple_assign_single_p(stmt))
			return false;
		lhs = gimple_assign_lhs(stmt);
		rhs = gimple_assign_rhs1(stmt);
		if (TREE_CODE(rhs) == MEM_REF && TREE_OPERAND(rhs, 0) == name &&
		    integer_zerop(TREE_OPERAND(rhs, 1)) && TREE_CODE(lhs) == SSA_NAME)
			continue;	/* a load */
		if (TREE_CODE(lhs) != MEM_REF || TREE_OPERAND(lhs, 0) != name ||
		    !integer_zerop(TREE_OPERAND(lhs, 1)) || rhs == name ||
		    !INTEGRAL_TYPE_P(TREE_TYPE(lhs)))
			return false;
		{
			struct pb_origins o;

			pb_origins(stmt, rhs, &o);
			pb_store_merge(out, &o);
		}
	}
	return true;
}

static void record_outs(function *fun, struct pb_fn_rec *f)
{
	tree a;
	int i = 0;

	for (a = DECL_ARGUMENTS(fun->decl); a && i < 32; a = DECL_CHAIN(a), i++) {
		tree name;

		if (!POINTER_TYPE_P(TREE_TYPE(a)))
			continue;
		if (!f->out)
			f->out = XCNEWVEC(struct pb_arg_rec, f->nparams);
		name = ssa_default_def(fun, a);
		if (!name || record_out(name, &f->out[i]))
			f->out_ok |= 1u << i;
	}
}

/* A return of value RV: its origins, and the tests under which it is 1. */
static void record_return(function *fun, unsigned int me, gimple *stmt,
			  tree rv)
{
	struct pb_fn_rec *f;
	struct pb_origins o;

	pb_origins(stmt, rv, &o);
	f = pb_store_rec(me);
	pb_store_merge(&f->ret, &o);
	f->nr_one += pb_one_tests(fun, stmt, f->one + f->nr_one,
				  PB_MAX_ONE_TESTS - f->nr_one);
}

void pb_summary_record_function(function *fun)
{
	unsigned int me = pb_store_fn(fun->decl);
	tree rtype = TREE_TYPE(TREE_TYPE(fun->decl));
	bool int_ret = rtype && INTEGRAL_TYPE_P(rtype);
	struct pb_fn_rec *f;
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);

			if (is_gimple_call(stmt) && summarised_callee(stmt)) {
				record_site(me, stmt);
			} else if (int_ret && gimple_code(stmt) == GIMPLE_RETURN) {
				tree rv = gimple_return_retval(as_a<greturn *>(stmt));

				if (rv)
					record_return(fun, me, stmt, rv);
			}
		}
	}
	/* record_site() may have moved the records: look it up again */
	f = pb_store_rec(me);
	if (!int_ret)
		f->ret_props = 0;
	f->range_ends = pb_range_end_params(fun);
	record_outs(fun, f);
	f->seen = true;
}

struct pb_cand *pb_cand_add(struct pb_cands *list)
{
	struct pb_cand *c;

	if (list->n == list->max) {
		list->max = list->max ? 2 * list->max : 32;
		list->v = XRESIZEVEC(struct pb_cand, list->v, list->max);
	}
	c = &list->v[list->n++];
	memset(c, 0, sizeof(*c));
	c->fn_uid = pb_current_uid();
	c->fn = pb_current_function();
	return c;
}

struct pb_cand *pb_cand_arg(struct pb_cands *list, gimple *stmt,
			    const struct pb_rule *r, const char *fallback)
{
	tree arg = gimple_call_arg(stmt, r->idx);
	struct pb_cand *c = pb_cand_add(list);

	c->loc = pb_stmt_loc(stmt);
	c->callee = r->name;
	c->var = pb_value_name(arg, fallback);
	pb_query(stmt, arg, &c->o);
	pb_debug_origins(stmt, c->var, &c->o);
	return c;
}

void pb_cands_free(struct pb_cands *list)
{
	free(list->v);
	list->v = NULL;
	list->n = list->max = 0;
}
