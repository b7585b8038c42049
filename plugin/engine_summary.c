// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_summary.c - per-translation-unit summaries of functions.
 *
 * While the GIMPLE pass sees each function, the engine records, as plain
 * data (no GIMPLE pointers survive the function): the origins of its
 * return values, and the origins of the integer arguments of every call to
 * a static function of the same translation unit.  Once every function was
 * seen, pb_engine_finish() resolves, as a greatest fixpoint:
 *   - ret_props(f): what every return value of f is (a function whose
 *     returns are all 1 or a batch count is itself a batch source);
 *   - param_props(f, i): what every call site passes as parameter i, for
 *     static functions whose address is never taken.  Any other function's
 *     parameters are PB_P_EXTERN: unknown callers, and so is a value a
 *     caller passes that the engine cannot follow as the end of the range
 *     a walk covers (site_leaf()).
 * It also records what a function stores through each pointer parameter
 * that is only ever dereferenced (get_next_vma(..., &start, &end)), for
 * the engine to follow a caller's local through the call.
 */
#include "ptebatch.h"
#include "engine-internal.h"

struct arg_rec {
	int n;
	bool truncated;
	struct pb_leaf *leaf;
};

struct site_rec {
	unsigned int caller, callee;	/* indexes into fns */
	int next;			/* next call of the same callee */
	location_t loc;
	int nargs;
	struct arg_rec *args;
};

struct fn_rec {
	unsigned int uid;
	const char *name;
	bool callers_known;
	int nparams;
	struct arg_rec ret;
	unsigned int ret_props;
	unsigned int *param_props;
	int sites;		/* first call of this function */
	bool seen;		/* its body went through the pass */
	unsigned int used;	/* parameters whose value a query needs */
	struct pb_one_test one[PB_MAX_ONE_TESTS];
	int nr_one;		/* tests under which it returns 1 */
	struct arg_rec *out;	/* [param]: stored through it */
	unsigned int out_ok;	/* params whose out[] is all there is */
	unsigned int range_ends; /* params that end its page-table walk */
};

static struct fn_rec *fns;
static unsigned int nr_fns, max_fns;
static struct site_rec *sites;
static unsigned int nr_sites, max_sites;

typedef hash_map<int_hash<unsigned int, 0, UINT_MAX>, unsigned int> fn_map;
static fn_map *fn_index;

/* DECL_UID + 1: 0 is the map's empty key */
static int find_fn(unsigned int uid)
{
	unsigned int *i = fn_index ? fn_index->get(uid + 1) : NULL;

	return i ? (int)*i : -1;
}

static unsigned int get_fn(tree decl)
{
	int i = find_fn(DECL_UID(decl));
	tree a;

	if (i >= 0)
		return i;
	if (nr_fns == max_fns) {
		max_fns = max_fns ? 2 * max_fns : 64;
		fns = XRESIZEVEC(struct fn_rec, fns, max_fns);
	}
	memset(&fns[nr_fns], 0, sizeof(fns[0]));
	fns[nr_fns].uid = DECL_UID(decl);
	fns[nr_fns].name = pb_decl_name(decl);
	for (a = DECL_ARGUMENTS(decl); a; a = DECL_CHAIN(a))
		fns[nr_fns].nparams++;
	fns[nr_fns].ret_props = PB_P_ALL;
	fns[nr_fns].sites = -1;
	if (!fn_index)
		fn_index = new fn_map;
	fn_index->put(DECL_UID(decl) + 1, nr_fns);
	return nr_fns++;
}

static void save_arg(struct arg_rec *a, const struct pb_origins *o)
{
	a->n = o->n;
	a->truncated = o->truncated;
	a->leaf = o->n ? XNEWVEC(struct pb_leaf, o->n) : NULL;
	if (o->n)
		memcpy(a->leaf, o->leaf, o->n * sizeof(o->leaf[0]));
}

static void merge_ret(struct arg_rec *a, const struct pb_origins *o)
{
	int i;

	a->truncated |= o->truncated;
	a->leaf = XRESIZEVEC(struct pb_leaf, a->leaf, a->n + o->n);
	for (i = 0; i < o->n; i++)
		a->leaf[a->n++] = o->leaf[i];
}

static bool param_used(const struct fn_rec *f, unsigned int i)
{
	return i >= 32 || (f->used & (1u << i));
}

/*
 * A check (or a recorded call) needs the origins of these leaves: the
 * parameters among them must be resolved from the callers, whose calls
 * are recorded later (callees go through the pass before their callers).
 */
static void note_query(const struct pb_origins *o)
{
	int f = find_fn(pb_current_uid()), i;

	if (f < 0)
		return;
	for (i = 0; i < o->n; i++) {
		if (o->leaf[i].kind == PB_K_PARAM && o->leaf[i].param >= 0)
			fns[f].used |= o->leaf[i].param < 32 ?
				       1u << o->leaf[i].param : 0;
		fns[f].used |= o->leaf[i].clamp_params;
	}
}

void pb_query(gimple *at, tree value, struct pb_origins *out)
{
	pb_origins(at, value, out);
	note_query(out);
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
	struct site_rec *s;
	struct fn_rec *callee;
	bool any = false;

	for (i = 0; i < n; i++)
		if (INTEGRAL_TYPE_P(TREE_TYPE(gimple_call_arg(stmt, i))))
			any = true;
	if (!any)
		return;
	if (nr_sites == max_sites) {
		max_sites = max_sites ? 2 * max_sites : 256;
		sites = XRESIZEVEC(struct site_rec, sites, max_sites);
	}
	s = &sites[nr_sites];
	s->caller = caller;
	s->callee = get_fn(gimple_call_fndecl(stmt));
	s->next = fns[s->callee].sites;
	fns[s->callee].sites = nr_sites++;
	callee = &fns[s->callee];
	s->loc = pb_stmt_loc(stmt);
	s->nargs = n;
	s->args = XCNEWVEC(struct arg_rec, n);
	for (i = 0; i < n; i++) {
		tree arg = gimple_call_arg(stmt, i);
		struct pb_origins o;

		/* unknown: a pointer, or a value no query of the callee needs */
		if (!INTEGRAL_TYPE_P(TREE_TYPE(arg)) ||
		    (callee->seen && !param_used(callee, i))) {
			s->args[i].truncated = true;
			continue;
		}
		pb_origins(stmt, arg, &o);
		note_query(&o);
		save_arg(&s->args[i], &o);
	}
}

/*
 * Pointer parameter NAME is only dereferenced (loads, integer stores of
 * other values, tests): record the origins of what is stored through it.
 */
static bool record_out(tree name, struct arg_rec *out)
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
			merge_ret(out, &o);
		}
	}
	return true;
}

static void record_outs(function *fun, struct fn_rec *f)
{
	tree a;
	int i = 0;

	for (a = DECL_ARGUMENTS(fun->decl); a && i < 32; a = DECL_CHAIN(a), i++) {
		tree name;

		if (!POINTER_TYPE_P(TREE_TYPE(a)))
			continue;
		if (!f->out)
			f->out = XCNEWVEC(struct arg_rec, f->nparams);
		name = ssa_default_def(fun, a);
		if (!name || record_out(name, &f->out[i]))
			f->out_ok |= 1u << i;
	}
}

bool pb_out_stores(unsigned int fn_uid, int param, const struct pb_leaf **leaf,
		   int *n)
{
	int f = find_fn(fn_uid);

	if (f < 0 || !fns[f].seen || param < 0 || param >= 32 ||
	    !(fns[f].out_ok & (1u << param)) || fns[f].out[param].truncated)
		return false;
	*leaf = fns[f].out[param].leaf;
	*n = fns[f].out[param].n;
	return true;
}

void pb_summary_record_function(function *fun)
{
	unsigned int me = get_fn(fun->decl);
	tree rtype = TREE_TYPE(TREE_TYPE(fun->decl));
	bool int_ret = rtype && INTEGRAL_TYPE_P(rtype);
	basic_block bb;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;

		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);

			if (is_gimple_call(stmt) && summarised_callee(stmt)) {
				record_site(me, stmt);
			} else if (int_ret && gimple_code(stmt) == GIMPLE_RETURN) {
				tree rv = gimple_return_retval(as_a<greturn *>(stmt));
				struct pb_origins o;

				if (!rv)
					continue;
				pb_origins(stmt, rv, &o);
				merge_ret(&fns[me].ret, &o);
				fns[me].nr_one += pb_one_tests(stmt,
					fns[me].one + fns[me].nr_one,
					PB_MAX_ONE_TESTS - fns[me].nr_one);
			}
		}
	}
	if (!int_ret)
		fns[me].ret_props = 0;
	fns[me].range_ends = pb_range_end_params(fun);
	record_outs(fun, &fns[me]);
	fns[me].seen = true;
}

/* --- resolution --------------------------------------------------------- */

static unsigned int param_props(unsigned int f, int i)
{
	if (!fns[f].callers_known)
		return PB_P_EXTERN;
	if (i < 0 || i >= fns[f].nparams || !fns[f].param_props)
		return 0;
	return fns[f].param_props[i];
}

static unsigned int resolve_in(unsigned int f, const struct pb_leaf *l)
{
	unsigned int p = l->props, i;
	int c;

	if (l->kind == PB_K_PARAM)
		p |= param_props(f, l->param);
	else if (l->kind == PB_K_CALL) {
		c = find_fn(l->callee);
		if (c >= 0)
			p |= fns[c].ret_props & ~PB_P_EXTERN;
	}
	for (i = 0; i < 32; i++)
		if (l->clamp_params & (1u << i))
			p |= param_props(f, i);
	return p;
}

static unsigned int resolve_arg(unsigned int f, const struct arg_rec *a)
{
	unsigned int p = PB_P_ALL;
	int i;

	for (i = 0; i < a->n; i++)
		p &= resolve_in(f, &a->leaf[i]);
	return p;
}

/*
 * What leaf L of call site S passes for parameter I of its callee.  The end
 * of the range a page-table walk covers is its caller's to choose: where
 * the caller passes a value the engine cannot follow (a field a callee
 * filled in, a local whose address went to a callee), it is a value from
 * an unknown caller, as the end parameter of a walk that is not static is.
 * Without DEBUG_VM, 7.3's __zap_vma_range() (static) has no range_in_vma()
 * of its own and two of its callers pass such values.
 */
static unsigned int site_leaf(const struct site_rec *s, int i,
			      const struct pb_leaf *l)
{
	unsigned int p = resolve_in(s->caller, l);

	if (l->kind == PB_K_UNKNOWN && i < 32 &&
	    (fns[s->callee].range_ends & (1u << i)))
		p |= PB_P_EXTERN;
	return p;
}

static unsigned int resolve_site(const struct site_rec *s, int i)
{
	const struct arg_rec *a = &s->args[i];
	unsigned int p = PB_P_ALL;
	int j;

	for (j = 0; j < a->n; j++)
		p &= site_leaf(s, i, &a->leaf[j]);
	return p;
}

static void compute_callers_known(void)
{
	cgraph_node *node;

	FOR_EACH_FUNCTION(node) {
		int f = find_fn(DECL_UID(node->decl));
		ipa_ref *ref = NULL;
		bool known;
		int i;

		if (f < 0)
			continue;
		known = !TREE_PUBLIC(node->decl) && !node->address_taken &&
			!DECL_PRESERVE_P(node->decl);
		for (i = 0; known && node->iterate_referring(i, ref); i++)
			if (ref->use == IPA_REF_ADDR || ref->use == IPA_REF_ALIAS)
				known = false;
		fns[f].callers_known = known;
		if (known && fns[f].nparams && !fns[f].param_props) {
			fns[f].param_props = XNEWVEC(unsigned int, fns[f].nparams);
			for (i = 0; i < fns[f].nparams; i++)
				fns[f].param_props[i] = PB_P_ALL;
		}
	}
}

static bool iterate_once(void)
{
	bool changed = false;
	unsigned int f;
	int i, s;

	for (f = 0; f < nr_fns; f++) {
		unsigned int r = fns[f].ret.n || fns[f].ret.truncated ?
				 resolve_arg(f, &fns[f].ret) : 0;

		r &= fns[f].ret_props;
		if (r != fns[f].ret_props) {
			fns[f].ret_props = r;
			changed = true;
		}
	}
	for (f = 0; f < nr_fns; f++) {
		if (!fns[f].callers_known || !fns[f].param_props)
			continue;
		for (i = 0; i < fns[f].nparams; i++) {
			unsigned int p = PB_P_ALL;

			for (s = fns[f].sites; s >= 0; s = sites[s].next) {
				if (i >= sites[s].nargs)
					p = 0;
				else if (!sites[s].args[i].truncated)
					p &= resolve_site(&sites[s], i);
			}
			p &= fns[f].param_props[i];
			if (p != fns[f].param_props[i]) {
				fns[f].param_props[i] = p;
				changed = true;
			}
		}
	}
	return changed;
}

void pb_engine_finish(void)
{
	int rounds = 30;

	compute_callers_known();
	while (iterate_once() && --rounds > 0)
		;
}

unsigned int pb_resolve(unsigned int fn_uid, const struct pb_leaf *leaf)
{
	int f = find_fn(fn_uid);

	if (f < 0)
		return leaf->props |
		       (leaf->kind == PB_K_PARAM ? PB_P_EXTERN : 0);
	return resolve_in(f, leaf);
}

unsigned int pb_resolve_all(unsigned int fn_uid, const struct pb_origins *o)
{
	unsigned int p = PB_P_ALL;
	int i;

	for (i = 0; i < o->n; i++)
		p &= pb_resolve(fn_uid, &o->leaf[i]);
	return p;
}

int pb_fn_one_tests(unsigned int fn_uid, const struct pb_one_test **out)
{
	int f = find_fn(fn_uid);

	if (f < 0 || !fns[f].seen)
		return 0;
	*out = fns[f].one;
	return fns[f].nr_one;
}

bool pb_callers_known(unsigned int fn_uid)
{
	int f = find_fn(fn_uid);

	return f >= 0 && fns[f].callers_known;
}

typedef bool (*leaf_ok_fn)(const struct pb_leaf *l, unsigned int props);

static int blame(unsigned int f, int param, bool (*ok)(unsigned int),
		 leaf_ok_fn leaf_ok, pb_blame_fn fn, void *ctx, int depth)
{
	unsigned int s;
	int found = 0, i;

	if (depth > 6)
		return 0;
	for (s = 0; s < nr_sites; s++) {
		const struct site_rec *site = &sites[s];
		const struct arg_rec *a;
		unsigned int followed = 0;	/* parameters blamed already */

		if (site->callee != f || param >= site->nargs)
			continue;
		a = &site->args[param];
		for (i = 0; i < a->n; i++) {
			const struct pb_leaf *l = &a->leaf[i];
			struct pb_blame b;

			if (ok && ok(site_leaf(site, param, l)))
				continue;
			if (leaf_ok && leaf_ok(l, site_leaf(site, param, l)))
				continue;
			if ((ok || leaf_ok) && l->kind == PB_K_PARAM &&
			    fns[site->caller].callers_known) {
				/* once per parameter: nr and nr - skipped */
				if (l->param >= 0 && l->param < 32 &&
				    (followed & (1u << l->param)))
					continue;
				if (l->param >= 0 && l->param < 32)
					followed |= 1u << l->param;
				found += blame(site->caller, l->param, ok,
					       leaf_ok, fn, ctx, depth + 1);
				continue;
			}
			b.site = site->loc;
			b.caller = fns[site->caller].name;
			b.callee = fns[f].name;
			b.leaf = l;
			fn(&b, ctx);
			found++;
			if (ok || leaf_ok)
				break;
		}
	}
	return found;
}

int pb_blame_param(unsigned int fn_uid, int param,
		   bool (*ok)(unsigned int props), pb_blame_fn fn, void *ctx)
{
	int f = find_fn(fn_uid);

	if (f < 0 || !fns[f].callers_known)
		return 0;
	return blame(f, param, ok, NULL, fn, ctx, 0);
}

int pb_blame_leaves(unsigned int fn_uid, int param, leaf_ok_fn ok,
		    pb_blame_fn fn, void *ctx)
{
	int f = find_fn(fn_uid);

	if (f < 0 || !fns[f].callers_known)
		return 0;
	return blame(f, param, NULL, ok, fn, ctx, 0);
}

void pb_engine_reset(void)
{
	unsigned int i;
	int j;

	for (i = 0; i < nr_sites; i++) {
		for (j = 0; j < sites[i].nargs; j++)
			free(sites[i].args[j].leaf);
		free(sites[i].args);
	}
	for (i = 0; i < nr_fns; i++) {
		free(fns[i].ret.leaf);
		free(fns[i].param_props);
		if (fns[i].out)
			for (j = 0; j < fns[i].nparams; j++)
				free(fns[i].out[j].leaf);
		free(fns[i].out);
	}
	nr_sites = nr_fns = 0;
	delete fn_index;
	fn_index = NULL;
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
