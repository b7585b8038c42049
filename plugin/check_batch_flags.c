// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_batch_flags.c - batch-flags: a batch written back from one value
 * while a bit the batch did not compare is neither respected, merged nor
 * made uniform.
 *
 * From "mm/mremap: honour writable bit in mremap pte batching" (2025):
 * move_ptes() batched with folio_pte_batch(), which ignores the writable
 * bit, and set_ptes() then wrote the first entry's protection to all of
 * them.  A batch source's call (or a same-TU wrapper's, whose result is a
 * batch) whose count reaches a one-value write-back (BATCH_WRITE lines:
 * set_ptes(), modify_prot_commit_ptes()) is paired with it; the bits the
 * source ignores (BATCH_IGNORES), less those its flags respect or merge
 * (BATCH_FLAG, read where the flags may be set) and its out-parameters
 * report (BATCH_OUT), must be made uniform in the value written: a
 * BATCH_MERGE call (get_and_clear_ptes() folds dirty and accessed) or a
 * BATCH_UNIFORM transform (pte_wrprotect(), pte_mkold(), ...) on every
 * path that defines it.  Reported at the batch source's call, with a note
 * at the write-back.
 *
 * Known limits (all on the side of silence): flags from a parameter, a
 * value written that comes from a parameter or from memory the function
 * does not own, and write-backs in a callee handed the count are taken
 * as fine.
 */
#include "ptebatch.h"
#include "rule-lists.h"

#define BITS_ALL	(PTE_W | PTE_Y | PTE_D | PTE_S)
#define MAX_DEPTH	12

struct source {
	gimple *stmt;
	location_t loc;		/* where the bits are lost (report here) */
	const char *name;	/* the batch source */
	unsigned int loose;	/* ignored, not respected nor merged */
};

struct wrapper {
	location_t loc;
	const char *name;
	unsigned int loose;
};

typedef hash_map<int_hash<unsigned int, 0, UINT_MAX>, struct wrapper> wrapper_map;
static wrapper_map *wrappers;
static vec<struct source> sources;
static vec<gimple *> writes;

/* --- definitions of a value: SSA defs, or stores to a local ------------- */

/*
 * DEF is a definition of the value (NULL: unknown); PASSED: the way back
 * from the use to it went through the batch source's call (reach_from).
 */
typedef void (*def_fn)(gimple *def, bool passed, void *ctx);
static gimple *reach_from;

static bool is_source(gimple *stmt)
{
	const struct pb_rule *r = pb_call_rule(stmt);

	return r && r->role == PB_BATCH_SOURCE;
}

static void defs_of(tree v, gimple *at, def_fn fn, void *ctx, int depth);

/* The stores to local VAR that reach a use whose memory state is VUSE. */
static void stores_of(tree var, tree vuse, def_fn fn, void *ctx,
		      hash_set<tree> *seen, bool passed, int depth)
{
	int steps = 256;

	while (vuse && steps-- > 0 && depth < MAX_DEPTH) {
		gimple *d;
		tree lhs;

		if (SSA_NAME_IS_DEFAULT_DEF(vuse)) {
			fn(NULL, passed, ctx);
			return;
		}
		d = SSA_NAME_DEF_STMT(vuse);
		if (gimple_code(d) == GIMPLE_PHI) {
			unsigned int i;

			if (seen->add(vuse))
				return;
			for (i = 0; i < gimple_phi_num_args(d); i++)
				stores_of(var, gimple_phi_arg_def(d, i), fn, ctx,
					  seen, passed, depth + 1);
			return;
		}
		lhs = gimple_get_lhs(d);
		if (lhs && operand_equal_p(lhs, var, 0)) {
			fn(d, passed, ctx);
			return;
		}
		if (d == reach_from)
			passed = true;
		/* a batch source writes through ptentp only what it merges */
		if (stmt_may_clobber_ref_p(d, var) && !is_source(d) &&
		    d != reach_from) {
			fn(NULL, passed, ctx);
			return;
		}
		vuse = gimple_vuse(d);
	}
	fn(NULL, passed, ctx);
}

static void defs_of(tree v, gimple *at, def_fn fn, void *ctx, int depth)
{
	gimple *d;

	if (!v || depth > MAX_DEPTH) {
		fn(NULL, false, ctx);
		return;
	}
	if (TREE_CODE(v) == VAR_DECL && !is_global_var(v) && at &&
	    gimple_vuse(at)) {
		hash_set<tree> seen;

		stores_of(v, gimple_vuse(at), fn, ctx, &seen, false, depth);
		return;
	}
	if (TREE_CODE(v) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF(v)) {
		fn(NULL, false, ctx);
		return;
	}
	d = SSA_NAME_DEF_STMT(v);
	if (gimple_code(d) == GIMPLE_PHI) {
		unsigned int i;

		/* a loop's PHI: its latch argument is seen again through it */
		for (i = 0; i < gimple_phi_num_args(d); i++)
			if (!pb_is_back_edge(gimple_phi_arg_edge(as_a<gphi *>(d), i)))
				defs_of(gimple_phi_arg_def(d, i), d, fn, ctx,
					depth + 1);
		return;
	}
	fn(d, false, ctx);
}

/* --- the flags a batch source gets ------------------------------------- */

struct flags_ctx {
	unsigned long must, may;
	bool any;
	int depth;
};

static void flags_eval(tree v, gimple *at, unsigned long *must,
		       unsigned long *may, int depth);

static void flags_def(gimple *d, bool, void *arg)
{
	struct flags_ctx *c = (struct flags_ctx *)arg;
	unsigned long must = 0, may = ~0ul;

	if (d && is_gimple_assign(d)) {
		enum tree_code code = gimple_assign_rhs_code(d);

		if (code == BIT_IOR_EXPR) {
			unsigned long m1, y1, m2, y2;

			flags_eval(gimple_assign_rhs1(d), d, &m1, &y1, c->depth + 1);
			flags_eval(gimple_assign_rhs2(d), d, &m2, &y2, c->depth + 1);
			must = m1 | m2;
			may = y1 | y2;
		} else if (gimple_assign_single_p(d) ||
			   CONVERT_EXPR_CODE_P(code)) {
			flags_eval(gimple_assign_rhs1(d), d, &must, &may,
				   c->depth + 1);
		}
	}
	c->must = c->any ? c->must & must : must;
	c->may |= may;
	c->any = true;
}

/* Bits set on every path (MUST) and on some path (MAY) of flags V at AT. */
static void flags_eval(tree v, gimple *at, unsigned long *must,
		       unsigned long *may, int depth)
{
	struct flags_ctx c = { 0, 0, false, depth };

	if (v && TREE_CODE(v) == INTEGER_CST && tree_fits_uhwi_p(v)) {
		*must = *may = (unsigned long)tree_to_uhwi(v);
		return;
	}
	if (depth > MAX_DEPTH) {
		*must = 0;
		*may = ~0ul;
		return;
	}
	defs_of(v, at, flags_def, &c, depth);
	*must = c.any ? c.must : 0;
	*may = c.any ? c.may : ~0ul;
}

/* The bits a batch source's call leaves ignored, or 0 if it is none. */
static unsigned int loose_bits(gimple *call)
{
	int nargs = (int)gimple_call_num_args(call), fidx, i;
	unsigned int ignored = 0, loose;
	unsigned long must = 0, may = 0;

	fidx = pb_batch_source_bits(pb_callee_name(call), nargs, &ignored);
	if (fidx == -2)
		return 0;
	if (fidx >= 0 && fidx < nargs)
		flags_eval(gimple_call_arg(call, fidx), call, &must, &may, 0);
	loose = pb_batch_flag_bits(nargs, must, may, ignored);
	for (i = 0; i < nargs; i++)
		if (!integer_zerop(gimple_call_arg(call, i)))
			loose &= ~pb_batch_out_bits(nargs, i);
	return loose;
}

/* --- the bits made uniform in the value written ------------------------ */

struct uniform_ctx {
	unsigned int bits;	/* made uniform on every path so far */
	int depth;
	bool passed;		/* the batch source is behind us */
};

static unsigned int uniform_bits(tree v, gimple *at, int depth, bool passed);

/*
 * The blocks the batch source's call reaches within one iteration (no
 * back edge), and the call: only the value's definitions there are the
 * batch's; one before it (the entry read before batching, on a path that
 * does not batch) is another path's.
 */
static auto_bitmap *reach;

static void compute_reach(gimple *from)
{
	auto_vec<basic_block> work;
	basic_block bb = gimple_bb(from);

	bitmap_clear(*reach);
	reach_from = from;
	bitmap_set_bit(*reach, bb->index);
	work.safe_push(bb);
	while (!work.is_empty()) {
		edge_iterator ei;
		edge e;

		bb = work.pop();
		FOR_EACH_EDGE(e, ei, bb->succs)
			if (!pb_is_back_edge(e) &&
			    bitmap_set_bit(*reach, e->dest->index))
				work.safe_push(e->dest);
	}
}

static bool reached(gimple *d)
{
	gimple_stmt_iterator gsi;

	if (!bitmap_bit_p(*reach, gimple_bb(d)->index))
		return false;
	if (gimple_bb(d) != gimple_bb(reach_from))
		return true;
	/* the same block: after the call, or the call itself (ptentp) */
	for (gsi = gsi_for_stmt(reach_from); !gsi_end_p(gsi); gsi_next(&gsi))
		if (gsi_stmt(gsi) == d)
			return true;
	return false;
}

/* The argument of CALL that carries the entry it returns changed. */
static tree entry_arg(gimple *call)
{
	tree lhs = gimple_call_lhs(call);
	unsigned int i;

	if (!lhs)
		return NULL_TREE;
	for (i = 0; i < gimple_call_num_args(call); i++) {
		tree a = gimple_call_arg(call, i);

		if (TYPE_MAIN_VARIANT(TREE_TYPE(a)) ==
		    TYPE_MAIN_VARIANT(TREE_TYPE(lhs)))
			return a;
	}
	return NULL_TREE;
}

static void uniform_def(gimple *d, bool passed, void *arg)
{
	struct uniform_ctx *c = (struct uniform_ctx *)arg;
	unsigned int bits = BITS_ALL;	/* what cannot be seen is let be */

	passed |= c->passed;
	if (d && !passed && !reached(d))
		;		/* a path that does not batch: another value */
	else if (d && is_gimple_call(d)) {
		const char *name = pb_callee_name(d);
		unsigned int merged = pb_batch_merge_bits(name);
		tree a = entry_arg(d);

		if (merged)
			bits = merged;
		else if (a)
			bits = pb_batch_uniform_bits(name) |
			       uniform_bits(a, d, c->depth + 1, passed);
		else
			bits = 0;	/* ptep_get(): one entry's bits */
	} else if (d && gimple_assign_single_p(d)) {
		tree rhs = gimple_assign_rhs1(d);

		if (TREE_CODE(rhs) == VAR_DECL || TREE_CODE(rhs) == SSA_NAME)
			bits = uniform_bits(rhs, d, c->depth + 1, passed);
		else if (TREE_CODE(rhs) == MEM_REF)
			bits = 0;	/* *ptep: one entry's bits */
	}
	c->bits &= bits;
}

static unsigned int uniform_bits(tree v, gimple *at, int depth, bool passed)
{
	struct uniform_ctx c = { BITS_ALL, depth, passed };

	if (depth > MAX_DEPTH)
		return BITS_ALL;
	defs_of(v, at, uniform_def, &c, depth);
	return c.bits;
}

/* --- pairing ------------------------------------------------------------ */

static const char *bit_names(unsigned int bits, char *buf, size_t size)
{
	static const char *const names[] = {
		"writable", "accessed", "dirty", "soft-dirty"
	};
	size_t len = 0;
	unsigned int i, n = 0;

	buf[0] = 0;

	for (i = 0; i < 4; i++) {
		if (!(bits & (1u << i)))
			continue;
		bits &= ~(1u << i);
		len += snprintf(buf + len, len < size ? size - len : 0, "%s%s",
				!n ? "" : bits ? ", " : " and ", names[i]);
		n++;
	}
	snprintf(buf + len, len < size ? size - len : 0, n > 1 ? " bits" : " bit");
	return buf;
}

static void batch_flags_call(gimple *stmt, const struct pb_rule *r)
{
	int vidx, nidx;

	if (r->role == PB_BATCH_SOURCE) {
		struct source s = { stmt, pb_stmt_loc(stmt), r->name,
				    loose_bits(stmt) };

		sources.safe_push(s);
	} else if (pb_batch_write(r->name, (int)gimple_call_num_args(stmt),
				  &vidx, &nidx)) {
		writes.safe_push(stmt);
	}
}

/* Calls of same-TU wrappers whose result is a batch: sources too. */
static void add_wrapper_calls(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	if (!wrappers || wrappers->is_empty())
		return;
	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		tree fndecl;
		struct wrapper *w;

		if (!is_gimple_call(stmt) ||
		    !(fndecl = gimple_call_fndecl(stmt)) ||
		    !(w = wrappers->get(DECL_UID(fndecl))))
			continue;
		struct source s = { stmt, w->loc, w->name, w->loose };
		sources.safe_push(s);
	}
}

static struct source *source_at(location_t loc)
{
	unsigned int i;

	for (i = 0; i < sources.length(); i++)
		if (pb_stmt_loc(sources[i].stmt) == loc)
			return &sources[i];
	return NULL;
}

static void check_write(gimple *w)
{
	int vidx = -1, nidx = -1, i;
	struct pb_origins o;
	char buf[64];

	pb_batch_write(pb_callee_name(w), (int)gimple_call_num_args(w), &vidx,
		       &nidx);
	pb_origins(w, gimple_call_arg(w, nidx), &o);
	for (i = 0; i < o.n; i++) {
		const struct pb_leaf *l = &o.leaf[i];
		struct source *s;
		unsigned int lost;
		struct pb_finding *f;

		if (l->kind != PB_K_BATCH && l->kind != PB_K_CALL)
			continue;
		s = source_at(l->loc);
		if (!s || !s->loose)
			continue;
		compute_reach(s->stmt);
		lost = s->loose & ~uniform_bits(gimple_call_arg(w, vidx), w, 0,
					       false);
		if (!lost)
			continue;
		f = pb_report(PB_CHECK_batch_flags, s->loc,
			      pb_current_function(), PB_MSG(batch_flags),
			      s->name, bit_names(lost, buf, sizeof(buf)),
			      pb_callee_name(w));
		pb_note(f, pb_stmt_loc(w),
			"%s() writes one value to the whole batch here",
			pb_callee_name(w));
	}
}

/* A function that returns a batch source's count is a source itself. */
static void record_wrapper(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	struct wrapper w = { UNKNOWN_LOCATION, NULL, 0 };

	FOR_EACH_PB_STMT(fun, bb, gsi) {
		greturn *ret = dyn_cast<greturn *>(gsi_stmt(gsi));
		struct pb_origins o;
		int i;

		if (!ret || !gimple_return_retval(ret))
			continue;
		pb_origins(ret, gimple_return_retval(ret), &o);
		for (i = 0; i < o.n; i++) {
			struct source *s = o.leaf[i].kind == PB_K_BATCH ?
					   source_at(o.leaf[i].loc) : NULL;

			if (!s || !s->loose)
				continue;
			w.loose |= s->loose;
			w.loc = s->loc;
			w.name = s->name;
		}
	}
	if (!w.loose)
		return;
	if (!wrappers)
		wrappers = new wrapper_map;
	wrappers->put(DECL_UID(fun->decl), w);
}

static void batch_flags_function_end(function *fun)
{
	unsigned int i;

	if (!sources.is_empty())
		record_wrapper(fun);
	if (!writes.is_empty()) {
		if (!reach)
			reach = new auto_bitmap;
		add_wrapper_calls(fun);
		if (!sources.is_empty())
			for (i = 0; i < writes.length(); i++)
				check_write(writes[i]);
	}
	sources.truncate(0);
	writes.truncate(0);
	reach_from = NULL;
}

static void batch_flags_finish(void)
{
	delete wrappers;
	wrappers = NULL;
	delete reach;
	reach = NULL;
	sources.release();
	writes.release();
}

void check_batch_flags(struct pb_check_info *info)
{
	info->call = batch_flags_call;
	info->roles = PB_ROLE_BIT(PB_BATCH_SOURCE) | PB_ROLE_BIT(PB_CREATE) |
		      PB_ROLE_BIT(PB_BATCHED);
	info->function_end = batch_flags_function_end;
	info->finish = batch_flags_finish;
}
