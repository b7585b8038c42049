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

			if (is_gimple_call(stmt) && pb_static_callee(stmt)) {
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

/* --- counts passed on to a static function ------------------------------ */

/* V is NR, or merges it with the value of other paths (the count is 1
 * where no batch was taken: 7.3's "nr_pages = 1" before a present-PTE
 * branch). */
static bool carries(tree v, tree nr)
{
	gphi *phi;
	unsigned int i;

	if (pb_same_value(v, nr))
		return true;
	v = pb_strip_value(v);
	phi = v && TREE_CODE(v) == SSA_NAME && !SSA_NAME_IS_DEFAULT_DEF(v) ?
	      safe_dyn_cast<gphi *>(SSA_NAME_DEF_STMT(v)) : NULL;
	for (i = 0; phi && i < gimple_phi_num_args(phi); i++)
		if (pb_same_value(gimple_phi_arg_def(phi, i), nr))
			return true;
	return false;
}

/* That call already passes a batch (from an earlier event). */
static bool known_pass(const struct pb_passes *list, gimple *stmt,
		       unsigned int arg)
{
	location_t loc = pb_stmt_loc(stmt);
	int i;

	for (i = 0; i < list->n; i++)
		if (list->v[i].call == loc && list->v[i].arg == (int)arg &&
		    list->v[i].caller == pb_current_uid())
			return true;
	return false;
}

static struct pb_pass *pass_add(struct pb_passes *list)
{
	if (list->n == list->max) {
		list->max = list->max ? 2 * list->max : 16;
		list->v = XRESIZEVEC(struct pb_pass, list->v, list->max);
	}
	return &list->v[list->n++];
}

void pb_note_passes(struct pb_passes *list, gimple *stmt, gimple *event,
		    tree nr_value, const char *var, const struct pb_origins *nr)
{
	tree fndecl = pb_static_callee(stmt);
	unsigned int i;

	if (!fndecl)
		return;
	for (i = 0; i < gimple_call_num_args(stmt); i++) {
		struct pb_pass *p;

		if (!carries(gimple_call_arg(stmt, i), nr_value) ||
		    known_pass(list, stmt, i))
			continue;
		p = pass_add(list);
		memset(p, 0, sizeof(*p));
		p->call = pb_stmt_loc(stmt);
		p->event = pb_stmt_loc(event);
		p->caller = pb_current_uid();
		p->callee = DECL_UID(fndecl);
		p->arg = i;
		p->callee_name = pb_decl_name(fndecl);
		p->event_name = pb_callee_name(event);
		p->var = var;
		p->o = *nr;
		pb_mark_one_paths(stmt, &p->o);
	}
}

void pb_passes_free(struct pb_passes *list)
{
	free(list->v);
	list->v = NULL;
	list->n = list->max = 0;
}

/* The index of the parameter of FUN that V is, or -1. */
static int param_number(function *fun, tree v)
{
	tree var, parm;
	int k = 0;

	v = pb_strip_value(v);
	var = v && TREE_CODE(v) == SSA_NAME && SSA_NAME_IS_DEFAULT_DEF(v) ?
	      SSA_NAME_VAR(v) : NULL_TREE;
	if (!var || TREE_CODE(var) != PARM_DECL)
		return -1;
	for (parm = DECL_ARGUMENTS(fun->decl); parm && parm != var;
	     parm = DECL_CHAIN(parm))
		k++;
	return parm ? k : -1;
}

void pb_note_forwards(struct pb_forwards *list, function *fun, gimple *stmt)
{
	tree fndecl = pb_static_callee(stmt);
	unsigned int i;

	for (i = 0; fndecl && i < gimple_call_num_args(stmt); i++) {
		int k = param_number(fun, gimple_call_arg(stmt, i));
		struct pb_forward *f;

		if (k < 0)
			continue;
		if (list->n == list->max) {
			list->max = list->max ? 2 * list->max : 16;
			list->v = XRESIZEVEC(struct pb_forward, list->v,
					     list->max);
		}
		f = &list->v[list->n++];
		f->caller = pb_current_uid();
		f->callee = DECL_UID(fndecl);
		f->param = k;
		f->arg = i;
	}
}

void pb_forwards_free(struct pb_forwards *list)
{
	free(list->v);
	list->v = NULL;
	list->n = list->max = 0;
}

static void pass_callee(const struct pb_pass *p, const struct pb_forwards *fw,
			unsigned int callee, int arg, pb_pass_fn fn, void *ctx,
			int depth)
{
	int k;

	if (depth > 4)
		return;
	fn(p, callee, ctx);
	for (k = 0; k < fw->n; k++)
		if (fw->v[k].caller == callee && fw->v[k].param == arg)
			pass_callee(p, fw, fw->v[k].callee, fw->v[k].arg, fn,
				    ctx, depth + 1);
}

void pb_pass_callees(const struct pb_pass *p, const struct pb_forwards *fw,
		     pb_pass_fn fn, void *ctx)
{
	pass_callee(p, fw, p->callee, p->arg, fn, ctx, 0);
}
