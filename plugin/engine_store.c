// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_store.c - the per-translation-unit records of functions and calls,
 * and what they resolve to.  Plain data (no GIMPLE pointer survives the
 * function it came from), filled by engine_summary.c while the GIMPLE pass
 * sees each function, read by the layers below it (what a static callee
 * stores through a pointer, the tests under which it returns 1) and by the
 * checks' finish().  It calls no other layer of the engine.
 *
 * Once every function was seen, pb_engine_finish() resolves, as a greatest
 * fixpoint:
 *   - ret_props(f): what every return value of f is (a function whose
 *     returns are all 1 or a batch count is itself a batch source);
 *   - param_props(f, i): what every call site passes as parameter i, for
 *     static functions whose address is never taken.  Any other function's
 *     parameters are PB_P_EXTERN: unknown callers, and so is a value a
 *     caller passes that the engine cannot follow as the end of the range
 *     a walk covers (site_leaf()).
 */
#include "ptebatch.h"
#include "engine-internal.h"

static struct pb_fn_rec *fns;
static unsigned int nr_fns, max_fns;
static struct pb_site_rec *sites;
static unsigned int nr_sites, max_sites;

typedef hash_map<int_hash<unsigned int, 0, UINT_MAX>, unsigned int> fn_map;
static fn_map *fn_index;

/* DECL_UID + 1: 0 is the map's empty key */
int pb_store_find(unsigned int uid)
{
	unsigned int *i = fn_index ? fn_index->get(uid + 1) : NULL;

	return i ? (int)*i : -1;
}

unsigned int pb_store_fn(tree decl)
{
	int i = pb_store_find(DECL_UID(decl));
	tree a;

	if (i >= 0)
		return i;
	if (nr_fns == max_fns) {
		max_fns = max_fns ? 2 * max_fns : 64;
		fns = XRESIZEVEC(struct pb_fn_rec, fns, max_fns);
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

void pb_store_arg(struct pb_arg_rec *a, const struct pb_origins *o)
{
	a->n = o->n;
	a->truncated = o->truncated;
	a->leaf = o->n ? XNEWVEC(struct pb_leaf, o->n) : NULL;
	if (o->n)
		memcpy(a->leaf, o->leaf, o->n * sizeof(o->leaf[0]));
}

void pb_store_merge(struct pb_arg_rec *a, const struct pb_origins *o)
{
	int i;

	a->truncated |= o->truncated;
	a->leaf = XRESIZEVEC(struct pb_leaf, a->leaf, a->n + o->n);
	for (i = 0; i < o->n; i++)
		a->leaf[a->n++] = o->leaf[i];
}

/*
 * A check (or a recorded call) needs the origins of these leaves: the
 * parameters among them must be resolved from the callers, whose calls
 * are recorded later (callees go through the pass before their callers).
 */
void pb_store_note_query(unsigned int fn_uid, const struct pb_origins *o)
{
	int f = pb_store_find(fn_uid), i;

	if (f < 0)
		return;
	for (i = 0; i < o->n; i++) {
		if (o->leaf[i].kind == PB_K_PARAM && o->leaf[i].param >= 0)
			fns[f].used |= o->leaf[i].param < 32 ?
				       1u << o->leaf[i].param : 0;
		fns[f].used |= o->leaf[i].clamp_params;
	}
}

bool pb_out_stores(unsigned int fn_uid, int param, const struct pb_leaf **leaf,
		   int *n)
{
	int f = pb_store_find(fn_uid);

	if (f < 0 || !fns[f].seen || param < 0 || param >= 32 ||
	    !(fns[f].out_ok & (1u << param)) || fns[f].out[param].truncated)
		return false;
	*leaf = fns[f].out[param].leaf;
	*n = fns[f].out[param].n;
	return true;
}

struct pb_fn_rec *pb_store_rec(unsigned int f)
{
	return &fns[f];
}

/* A call from function CALLER (an index) to CALLEE with NARGS arguments,
 * its arguments still to be recorded. */
struct pb_site_rec *pb_store_site(unsigned int caller, tree callee, int nargs)
{
	struct pb_site_rec *s;

	if (nr_sites == max_sites) {
		max_sites = max_sites ? 2 * max_sites : 256;
		sites = XRESIZEVEC(struct pb_site_rec, sites, max_sites);
	}
	s = &sites[nr_sites];
	s->caller = caller;
	s->callee = pb_store_fn(callee);
	s->next = fns[s->callee].sites;
	fns[s->callee].sites = nr_sites++;
	s->nargs = nargs;
	s->args = XCNEWVEC(struct pb_arg_rec, nargs);
	return s;
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
		c = pb_store_find(l->callee);
		if (c >= 0)
			p |= fns[c].ret_props & ~PB_P_EXTERN;
	}
	for (i = 0; i < 32; i++)
		if (l->clamp_params & (1u << i))
			p |= param_props(f, i);
	return p;
}

static unsigned int resolve_arg(unsigned int f, const struct pb_arg_rec *a)
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
static unsigned int site_leaf(const struct pb_site_rec *s, int i,
			      const struct pb_leaf *l)
{
	unsigned int p = resolve_in(s->caller, l);

	if (l->kind == PB_K_UNKNOWN && i < 32 &&
	    (fns[s->callee].range_ends & (1u << i)))
		p |= PB_P_EXTERN;
	return p;
}

static unsigned int resolve_site(const struct pb_site_rec *s, int i)
{
	const struct pb_arg_rec *a = &s->args[i];
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
		int f = pb_store_find(DECL_UID(node->decl));
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
	int f = pb_store_find(fn_uid);

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
	int f = pb_store_find(fn_uid);

	if (f < 0 || !fns[f].seen)
		return 0;
	*out = fns[f].one;
	return fns[f].nr_one;
}

bool pb_callers_known(unsigned int fn_uid)
{
	int f = pb_store_find(fn_uid);

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
		const struct pb_site_rec *site = &sites[s];
		const struct pb_arg_rec *a;
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
	int f = pb_store_find(fn_uid);

	if (f < 0 || !fns[f].callers_known)
		return 0;
	return blame(f, param, ok, NULL, fn, ctx, 0);
}

int pb_blame_leaves(unsigned int fn_uid, int param, leaf_ok_fn ok,
		    pb_blame_fn fn, void *ctx)
{
	int f = pb_store_find(fn_uid);

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
