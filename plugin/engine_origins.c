// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_origins.c - the value-origin walk: where can an SSA value come
 * from?  Above engine_values.c (what a value is) and engine_store.c (what a
 * static callee stores through a pointer); below the paths, the summaries
 * and the checks.
 *
 * The walk runs on the function the GIMPLE pass is looking at, right after
 * into-SSA, and only reads the IL.  It follows a value back through
 * copies, casts, PHIs, MIN/MAX_EXPR and ?:, arithmetic with constants,
 * loads of locals (through the virtual use-def chain: at -O0 an
 * address-taken local lives in memory, at -O2 too, so both levels see the
 * same stores; a call that gets a local's address brings what the static
 * callee stores through it, engine_store.c), struct field loads and
 * calls, and collects leaves
 * (struct pb_leaf).  Macros are gone at this level, so the page-table end
 * is recognised by its arithmetic shape: ((x + C) & -PMD_SIZE) for ALIGN()
 * and pmd_addr_end(), with PMD_SIZE read from the translation unit's own
 * PMD_SHIFT.  A min() (MIN_EXPR, or a ?:/PHI whose condition compares its
 * two arms) gives each side the properties of the other: the clamp.
 *
 * Loop-carried values: a PHI in the header of a loop that contains the
 * statement asked about merges the value of the previous iteration on its
 * latch edge; leaves found through that edge are marked via_latch.
 */
#include "ptebatch.h"
#include "engine-internal.h"
#include "hash-set.h"
#include "gimple-walk.h"
#include "tree-ssa-alias.h"

#define PB_WALK_BUDGET	600	/* statements looked at per query */
#define PB_WALK_DEPTH	40

/* Walk modes: how the value at hand relates to the value asked about. */
#define PB_M_LATCH	1u	/* carried over from a previous iteration */
#define PB_M_DIST	2u	/* a distance between two values (end - addr) */
#define PB_M_ARITH	4u	/* changed by a constant: constants lose their value */

/*
 * Parameters a value was min()'ed with: bit i (i < 32) for parameter i,
 * bit 32 + i for a PB_K_MASK_END of parameter i.
 */
typedef unsigned long long pb_cparams;

struct walk {
	basic_block query_bb;
	struct pb_origins *out;
	hash_set<tree> *visited[8];	/* [walk mode] */
	int budget;
	function *fun;			/* the function the value is in */
};

/* --- leaves ------------------------------------------------------------ */

static unsigned int kind_props(enum pb_kind kind, HOST_WIDE_INT value)
{
	switch (kind) {
	case PB_K_BATCH:
		return PB_P_NR | PB_P_CREATE | PB_P_SWAP;
	case PB_K_CONST:
		/* 0 is no count at all (a guarded sentinel), 1 one PTE; a
		 * fixed-size fresh mapping (HPAGE_PMD_NR) is fine to create */
		if (value == 1)
			return PB_P_ALL & ~PB_P_EXTERN;
		if (value == 0)
			return PB_P_ALL & ~(PB_P_EXTERN | PB_P_ONE);
		return PB_P_CREATE;
	case PB_K_ORDER:
		return PB_P_CREATE | PB_P_SWAP;
	case PB_K_FOLIO:
		return PB_P_CREATE;
	case PB_K_PMD_END:
		return PB_P_PMD;
	case PB_K_VMA_END:
		return PB_P_VMA;
	default:
		return 0;
	}
}

static void add_leaf(struct walk *w, enum pb_kind kind, location_t loc,
		     const char *what, unsigned int clamp, pb_cparams cparams,
		     unsigned int mode)
{
	struct pb_origins *o = w->out;
	struct pb_leaf *l;
	int i;

	for (i = 0; i < o->n; i++) {
		l = &o->leaf[i];
		if (l->kind == kind && l->loc == loc && 
		    l->via_latch == !!(mode & PB_M_LATCH) &&
		    l->distance == !!(mode & PB_M_DIST) &&
		    (l->props & clamp) == l->props && kind != PB_K_PARAM &&
		    kind != PB_K_CONST && kind != PB_K_CALL) {
			/* same origin: keep the weakest clamp */
			l->props &= clamp | kind_props(kind, 0);
			l->clamp_params &= (unsigned int)cparams;
			l->clamp_masks &= (unsigned int)(cparams >> 32);
			return;
		}
	}
	if (o->n == PB_MAX_LEAVES) {
		o->truncated = true;
		return;
	}
	l = &o->leaf[o->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	/* a constant's props depend on its value: walk_value() adds them */
	l->props = clamp | (kind == PB_K_CONST ? 0 : kind_props(kind, 0));
	l->clamp_params = (unsigned int)cparams;
	l->clamp_masks = (unsigned int)(cparams >> 32);
	l->via_latch = mode & PB_M_LATCH;
	l->distance = mode & PB_M_DIST;
	l->offset = mode & PB_M_ARITH;
	l->loc = pb_loc(loc);
	l->what = what;
	l->param = -1;
}

static void walk_value(struct walk *w, tree v, unsigned int clamp,
		       pb_cparams cparams, unsigned int mode, int depth);

/* Marks T seen in walk mode MODE; true if it was.  Sets are made on demand. */
static bool visit(struct walk *w, unsigned int mode, tree t)
{
	if (!w->visited[mode])
		w->visited[mode] = new hash_set<tree>;
	return w->visited[mode]->add(t);
}

static void free_visited(struct walk *w)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(w->visited); i++)
		delete w->visited[i];
}

static int param_index(function *fun, tree parm)
{
	tree a;
	int i = 0;

	if (!fun)
		return -1;
	for (a = DECL_ARGUMENTS(fun->decl); a; a = DECL_CHAIN(a), i++)
		if (a == parm)
			return i;
	return -1;
}

/*
 * What min(a, b) knows about b: properties every leaf of B has, and the
 * parameters B consists of.
 */
static void operand_bound(struct walk *w, tree b, unsigned int *props,
			  pb_cparams *params, unsigned int mode, int depth)
{
	struct pb_origins sub;
	struct walk sw = { w->query_bb, &sub, { NULL }, w->budget / 2,
			   w->fun };
	unsigned int p = PB_P_ALL;
	pb_cparams prm = 0;
	bool any = false;
	int i;

	memset(&sub, 0, sizeof(sub));
	walk_value(&sw, b, 0, 0, mode, depth + 1);
	free_visited(&sw);
	w->budget -= (w->budget / 2) - sw.budget;
	for (i = 0; i < sub.n; i++) {
		struct pb_leaf *l = &sub.leaf[i];

		if (l->kind == PB_K_PARAM && l->param >= 0 && l->param < 32) {
			prm |= (pb_cparams)1 << l->param;
			/* what is known of it here (a range test) counts too */
			if (l->props) {
				p &= l->props;
				any = true;
			}
			continue;
		}
		if (l->kind == PB_K_MASK_END && l->param < 32)
			prm |= (pb_cparams)1 << (32 + l->param);
		p &= l->props;
		any = true;
	}
	*props = any || prm ? (any ? p : 0) : 0;
	*params = prm;
	if (sub.truncated)
		*props = 0;
}

static void walk_min(struct walk *w, tree a, tree b, unsigned int clamp,
		     pb_cparams cparams, unsigned int mode, int depth)
{
	unsigned int pa, pb_;
	pb_cparams qa, qb;

	operand_bound(w, a, &pa, &qa, mode, depth);
	operand_bound(w, b, &pb_, &qb, mode, depth);
	walk_value(w, a, clamp | pb_, cparams | qb, mode, depth + 1);
	walk_value(w, b, clamp | pa, cparams | qa, mode, depth + 1);
}

/*
 * (x + C) & -PMD_SIZE, or (x & -PMD_SIZE) + PMD_SIZE: a page-table end;
 * x | (PMD_SIZE - 1): its last byte (MGLRU's (addr | ~PMD_MASK) + 1).
 */
static bool is_pmd_end(gimple *def)
{
	enum tree_code code = gimple_assign_rhs_code(def);
	tree r1 = gimple_assign_rhs1(def), r2 = gimple_assign_rhs2(def);
	unsigned HOST_WIDE_INT pmd_size = pb_pmd_size();
	gimple *inner;

	if (code == BIT_IOR_EXPR)
		return pb_cst_equal(r2, pmd_size - 1);
	if (code == BIT_AND_EXPR && pb_cst_is_neg(r2, pmd_size)) {
		inner = pb_ssa_def(pb_strip_value(r1));
		return inner && is_gimple_assign(inner) &&
		       gimple_assign_rhs_code(inner) == PLUS_EXPR &&
		       TREE_CODE(gimple_assign_rhs2(inner)) == INTEGER_CST &&
		       tree_int_cst_sgn(gimple_assign_rhs2(inner)) > 0;
	}
	if (code == PLUS_EXPR && pb_cst_equal(r2, pmd_size)) {
		inner = pb_ssa_def(pb_strip_value(r1));
		return inner && is_gimple_assign(inner) &&
		       gimple_assign_rhs_code(inner) == BIT_AND_EXPR &&
		       pb_cst_is_neg(gimple_assign_rhs2(inner), pmd_size);
	}
	return false;
}

/*
 * The end of the table of any level that x is in: a page-table end, or
 * (x + S) & -S with S a constant of at least PMD_SIZE or 1 << n (x86's
 * PGDIR_SIZE with run-time 5-level paging), as pud/p4d/pgd_addr_end()
 * compute it.
 */
static bool is_table_end(gimple *def)
{
	gimple *sum, *neg;
	tree r2;

	if (!def || !is_gimple_assign(def) || gimple_num_ops(def) != 3)
		return false;
	if (is_pmd_end(def))
		return true;
	if (gimple_assign_rhs_code(def) != BIT_AND_EXPR)
		return false;
	sum = pb_ssa_def(pb_strip_value(gimple_assign_rhs1(def)));
	if (!sum || !is_gimple_assign(sum) ||
	    gimple_assign_rhs_code(sum) != PLUS_EXPR)
		return false;
	r2 = gimple_assign_rhs2(def);
	if (TREE_CODE(r2) == INTEGER_CST) {
		wide_int size = wi::neg(wi::to_wide(r2));

		return wi::popcount(size) == 1 &&
		       wi::geu_p(size, wi::uhwi(pb_pmd_size(),
						 size.get_precision()));
	}
	neg = pb_ssa_def(pb_strip_value(r2));
	return neg && is_gimple_assign(neg) &&
	       gimple_assign_rhs_code(neg) == NEGATE_EXPR &&
	       pb_same_expr(gimple_assign_rhs1(neg), gimple_assign_rhs2(sum));
}

/* Is COND (true: T, false: F) a min() of T and F?  0: no, 1: min, 2: max */
static int minmax_shape(enum tree_code code, tree lhs, tree rhs, tree t,
			tree f)
{
	bool lt = code == LT_EXPR || code == LE_EXPR;
	bool gt = code == GT_EXPR || code == GE_EXPR;

	if (!lt && !gt)
		return 0;
	if (pb_same_arm(lhs, t) && pb_same_arm(rhs, f))
		return lt ? 1 : 2;
	if (pb_same_arm(lhs, f) && pb_same_arm(rhs, t))
		return lt ? 2 : 1;
	return 0;
}

/* The GIMPLE_COND block deciding which PHI argument E brings, and how. */
static gcond *deciding_cond(edge e, bool *true_side)
{
	basic_block b = e->src;
	edge via = e;

	if (!safe_dyn_cast<gcond *>(pb_last_stmt(b))) {
		if (!single_pred_p(b))
			return NULL;
		via = single_pred_edge(b);
		b = via->src;
	}
	if (!safe_dyn_cast<gcond *>(pb_last_stmt(b)))
		return NULL;
	*true_side = via->flags & EDGE_TRUE_VALUE;
	return as_a<gcond *>(pb_last_stmt(b));
}

/* V is ~mask with MASK a parameter: its index, else -1. */
static int mask_param(function *fun, tree v)
{
	gimple *def = pb_ssa_def(v);
	tree m;

	if (!def || !is_gimple_assign(def) ||
	    gimple_assign_rhs_code(def) != BIT_NOT_EXPR)
		return -1;
	m = gimple_assign_rhs1(def);
	if (TREE_CODE(m) != SSA_NAME || !SSA_NAME_IS_DEFAULT_DEF(m) ||
	    !SSA_NAME_VAR(m) || TREE_CODE(SSA_NAME_VAR(m)) != PARM_DECL)
		return -1;
	return param_index(fun, SSA_NAME_VAR(m));
}

/* PHI is min(*A, *B) of a ?: (pmd_addr_end()'s): its two arms. */
static bool phi_min(gphi *phi, tree *a, tree *b)
{
	bool s0, s1;
	gcond *c0, *c1;

	if (gimple_phi_num_args(phi) != 2)
		return false;
	c0 = deciding_cond(gimple_phi_arg_edge(phi, 0), &s0);
	c1 = deciding_cond(gimple_phi_arg_edge(phi, 1), &s1);
	if (!c0 || c0 != c1 || s0 == s1)
		return false;
	*a = gimple_phi_arg_def(phi, s0 ? 0 : 1);
	*b = gimple_phi_arg_def(phi, s0 ? 1 : 0);
	return minmax_shape(gimple_cond_code(c0), gimple_cond_lhs(c0),
			    gimple_cond_rhs(c0), *a, *b) == 1;
}

static bool walk_phi_minmax(struct walk *w, gphi *phi, unsigned int clamp,
			    pb_cparams cparams, unsigned int mode, int depth)
{
	tree t, f;

	if (!phi_min(phi, &t, &f))
		return false;
	walk_min(w, t, f, clamp, cparams, mode, depth);
	return true;
}

static void walk_phi(struct walk *w, gphi *phi, unsigned int clamp,
		     pb_cparams cparams, unsigned int mode, int depth)
{
	unsigned int i;

	if (walk_phi_minmax(w, phi, clamp, cparams, mode, depth))
		return;
	for (i = 0; i < gimple_phi_num_args(phi); i++) {
		edge e = gimple_phi_arg_edge(phi, i);

		walk_value(w, gimple_phi_arg_def(phi, i), clamp, cparams,
			   mode | (pb_is_latch_for(e, w->query_bb) ?
				   PB_M_LATCH : 0), depth + 1);
	}
}

static void walk_call(struct walk *w, gimple *call, unsigned int clamp,
		      pb_cparams cparams, unsigned int mode)
{
	tree fndecl = gimple_call_fndecl(call);
	const struct pb_rule *r = pb_call_rule(call);
	const char *name = pb_callee_name(call);
	cgraph_node *node;

	if (r && r->role == PB_BATCH_SOURCE) {
		add_leaf(w, PB_K_BATCH, gimple_location(call), name, clamp,
			 cparams, mode);
		return;
	}
	if (r && r->role == PB_FOLIO_SIZE) {
		add_leaf(w, PB_K_FOLIO, gimple_location(call), name, clamp,
			 cparams, mode);
		return;
	}
	node = fndecl ? cgraph_node::get(fndecl) : NULL;
	if (node && node->definition) {
		add_leaf(w, PB_K_CALL, gimple_location(call), name, clamp,
			 cparams, mode);
		w->out->leaf[w->out->n - 1].callee = DECL_UID(fndecl);
		return;
	}
	add_leaf(w, PB_K_UNKNOWN, gimple_location(call), name, clamp, cparams,
		 mode);
}

static void walk_memory(struct walk *w, gimple *load, tree ref, tree vuse,
			unsigned int clamp, pb_cparams cparams, unsigned int mode,
			int depth);

/* ARG is a page-table mask: PMD_MASK, or ~(PMD_SIZE - 1) */
static bool is_pmd_mask(tree arg)
{
	return arg && TREE_CODE(arg) == INTEGER_CST &&
	       pb_cst_is_neg(arg, pb_pmd_size());
}

/*
 * The values CALL's callee stores through argument I, in the caller's
 * terms: its parameters become the call's arguments, and a mask end is a
 * page-table end when the call passes PMD_MASK (get_next_vma(PMD_MASK,
 * ...) clamps the next range to the page table and to the VMA).
 */
static void walk_out(struct walk *w, gimple *call, const struct pb_leaf *out,
		     int n, unsigned int clamp, pb_cparams cparams,
		     unsigned int mode, int depth)
{
	unsigned int nargs = gimple_call_num_args(call);
	int k, j;

	for (k = 0; k < n; k++) {
		const struct pb_leaf *l = &out[k];
		unsigned int c = clamp | l->props, m;
		pb_cparams cp = cparams;
		tree a;

		m = mode | (l->distance ? PB_M_DIST : 0);
		for (j = 0; j < 32 && j < (int)nargs; j++) {
			unsigned int p;
			pb_cparams q;

			if (l->clamp_params & (1u << j)) {
				operand_bound(w, gimple_call_arg(call, j), &p,
					      &q, mode, depth);
				c |= p;
				cp |= q;
			}
			if ((l->clamp_masks & (1u << j)) &&
			    is_pmd_mask(gimple_call_arg(call, j)))
				c |= PB_P_PMD;
		}
		a = l->param >= 0 && l->param < (int)nargs ?
		    gimple_call_arg(call, l->param) : NULL_TREE;
		if (l->kind == PB_K_PARAM && a) {
			walk_value(w, a, c, cp, m, depth + 1);
			continue;
		}
		if (l->kind == PB_K_MASK_END || l->kind == PB_K_PARAM) {
			add_leaf(w, is_pmd_mask(a) ? PB_K_PMD_END : PB_K_UNKNOWN,
				 l->loc, NULL, c, cp, m);
			continue;
		}
		add_leaf(w, l->kind, l->loc, l->what, c, cp, m);
		if (w->out->n && w->out->leaf[w->out->n - 1].loc == l->loc &&
		    w->out->leaf[w->out->n - 1].kind == l->kind) {
			w->out->leaf[w->out->n - 1].value = l->value;
			w->out->leaf[w->out->n - 1].callee = l->callee;
		}
	}
}

static void walk_store_chain(struct walk *w, gimple *load, tree ref,
			     tree vuse, unsigned int clamp,
			     pb_cparams cparams, unsigned int mode, int depth)
{
	tree base = pb_local_base(ref);

	while (vuse && TREE_CODE(vuse) == SSA_NAME && w->budget-- > 0) {
		gimple *def = pb_ssa_def(vuse);

		if (!def) {
			/* an address-taken parameter's value on entry */
			if (TREE_CODE(base) == PARM_DECL && ref == base) {
				add_leaf(w, PB_K_PARAM, DECL_SOURCE_LOCATION(base),
					 pb_decl_name(base), clamp, cparams, mode);
				w->out->leaf[w->out->n - 1].param =
					param_index(w->fun, base);
			}
			return;		/* uninitialised: no origin */
		}
		if (gphi *phi = dyn_cast<gphi *>(def)) {
			unsigned int i;

			if (visit(w, mode, vuse))
				return;
			for (i = 0; i < gimple_phi_num_args(phi); i++) {
				edge e = gimple_phi_arg_edge(phi, i);

				walk_memory(w, load, ref,
					    gimple_phi_arg_def(phi, i), clamp,
					    cparams, mode |
					    (pb_is_latch_for(e, w->query_bb) ?
					     PB_M_LATCH : 0),
					    depth + 1);
			}
			return;
		}
		if (gimple_clobber_p(def) && pb_local_base(gimple_assign_lhs(def)) == base)
			return;
		if (gimple_assign_single_p(def) && gimple_vdef(def)) {
			tree lhs = gimple_assign_lhs(def);

			if (operand_equal_p(lhs, ref, 0)) {
				walk_value(w, gimple_assign_rhs1(def), clamp,
					   cparams, mode, depth + 1);
				return;
			}
			if ((pb_local_base(lhs) == base &&
			     refs_may_alias_p(lhs, ref, false)) ||
			    (pb_escaped(base) && !pb_local_base(lhs)))
				goto unknown;
		} else if (is_gimple_call(def)) {
			tree lhs = gimple_call_lhs(def);

			if (lhs && operand_equal_p(lhs, ref, 0)) {
				walk_call(w, def, clamp, cparams, mode);
				return;
			}
			const struct pb_leaf *out;
			int n, i;

			if ((lhs && pb_local_base(lhs) == base &&
			     refs_may_alias_p(lhs, ref, false)) ||
			    pb_escaped(base))
				goto unknown;
			/* the callee stores through &base, or leaves it */
			i = pb_addr_arg(def, base);
			if (i != -1) {
				if (ref != base || !pb_call_out_stores(def, i, &out, &n))
					goto unknown;
				walk_out(w, def, out, n, clamp, cparams, mode,
					 depth);
			}
		} else if (gimple_vdef(def) &&
			   !(gimple_code(def) == GIMPLE_ASM && !pb_escaped(base) &&
			     !pb_asm_writes(as_a<gasm *>(def), base))) {
			goto unknown;
		}
		vuse = gimple_vuse(def);
	}
	return;
unknown:
	add_leaf(w, PB_K_UNKNOWN, gimple_location(load), NULL, clamp, cparams,
		 mode);
}

static void walk_memory(struct walk *w, gimple *load, tree ref, tree vuse,
			unsigned int clamp, pb_cparams cparams, unsigned int mode,
			int depth)
{
	if (depth > PB_WALK_DEPTH)
		return;
	walk_store_chain(w, load, ref, vuse, clamp, cparams, mode, depth);
}

static bool is_vm_end(tree ref)
{
	tree field;

	if (TREE_CODE(ref) != COMPONENT_REF)
		return false;
	field = TREE_OPERAND(ref, 1);
	return field && TREE_CODE(field) == FIELD_DECL && DECL_NAME(field) &&
	       !strcmp(IDENTIFIER_POINTER(DECL_NAME(field)), "vm_end");
}

/* Arithmetic: a count derived from an end keeps that end's origin. */
static void walk_arith(struct walk *w, enum tree_code code, tree r1, tree r2,
		       location_t loc, unsigned int clamp, pb_cparams cparams,
		       unsigned int mode, int depth)
{
	bool c1 = TREE_CODE(r1) == INTEGER_CST;
	bool c2 = !r2 || TREE_CODE(r2) == INTEGER_CST;
	unsigned int m = mode | (c1 || c2 ? PB_M_ARITH : 0);

	/* a sum or product of two values can come from either */
	if ((code == PLUS_EXPR || code == MULT_EXPR) && !c1 && !c2) {
		walk_value(w, r1, clamp, cparams, mode, depth + 1);
		walk_value(w, r2, clamp, cparams, mode, depth + 1);
		return;
	}
	if (c1 && !c2 && code != MINUS_EXPR && code != LSHIFT_EXPR &&
	    code != RSHIFT_EXPR)
		walk_value(w, r2, clamp, cparams, m, depth + 1);
	else if (!c1)
		walk_value(w, r1, clamp, cparams, m |
			   ((code == MINUS_EXPR || code == POINTER_DIFF_EXPR) &&
			    !c2 ? PB_M_DIST : 0), depth + 1);
	else
		add_leaf(w, PB_K_UNKNOWN, loc, NULL, clamp, cparams, mode);
}

/*
 * v = x + C where a dominating test showed e - x >= C: v is at most e, a
 * limit only decreased from e keeps what e is known to be.  MGLRU's
 * lru_gen_look_around() narrows "end" this way: if (end - start > N)
 * end = start + N.
 */
static void shrunk_bound(struct walk *w, gimple *def, unsigned int *clamp,
			 pb_cparams *cparams, unsigned int mode, int depth)
{
	tree x = gimple_assign_rhs1(def), c = gimple_assign_rhs2(def);
	basic_block bb = gimple_bb(def), d, prev;
	int steps = 8;

	if (TREE_CODE(c) != INTEGER_CST || tree_int_cst_sgn(c) <= 0 || !bb)
		return;
	pb_need_dominators();
	for (prev = bb, d = get_immediate_dominator(CDI_DOMINATORS, bb);
	     d && d->index >= NUM_FIXED_BLOCKS && steps-- > 0;
	     prev = d, d = get_immediate_dominator(CDI_DOMINATORS, d)) {
		gcond *cond = safe_dyn_cast<gcond *>(pb_last_stmt(d));
		enum tree_code code;
		gimple *diff;
		edge_iterator ei;
		edge e;
		bool taken = false, ge;
		tree lim;

		if (!cond)
			continue;
		lim = gimple_cond_rhs(cond);
		diff = pb_ssa_def(pb_strip_value(gimple_cond_lhs(cond)));
		if (TREE_CODE(lim) != INTEGER_CST || !diff || !is_gimple_assign(diff) ||
		    gimple_assign_rhs_code(diff) != MINUS_EXPR ||
		    !pb_same_value(gimple_assign_rhs2(diff), x) ||
		    tree_int_cst_lt(lim, c))
			continue;
		/* which side of the test leads to DEF */
		FOR_EACH_EDGE(e, ei, d->succs)
			if (dominated_by_p(CDI_DOMINATORS, prev, e->dest) &&
			    single_pred_p(e->dest))
				break;
		if (!e)
			continue;
		code = gimple_cond_code(cond);
		taken = e->flags & EDGE_TRUE_VALUE;
		/* e - x >= C on this side: e - x > L or e - x >= L with L >= C,
		 * or the false side of e - x < L (or <= L, L >= C) */
		if (code == GT_EXPR || code == GE_EXPR)
			ge = taken;
		else if (code == LT_EXPR || code == LE_EXPR)
			ge = !taken;
		else
			continue;
		if (ge) {
			unsigned int p;
			pb_cparams q;

			operand_bound(w, gimple_assign_rhs1(diff), &p, &q, mode,
				      depth);
			*clamp |= p;
			*cparams |= q;
			return;
		}
	}
}

/*
 * walk-stride: the order shifted is a folio's (a PB_FOLIO_ORDER call,
 * 1 << folio_order()): the callee's name, kept as the leaf's what.
 */
static const char *folio_order_of(tree order)
{
	gimple *def = pb_ssa_def(pb_strip_value(order));
	const struct pb_rule *r = def ? pb_call_rule(def) : NULL;

	return r && r->role == PB_FOLIO_ORDER ? r->name : NULL;
}

static void walk_assign(struct walk *w, gimple *def, unsigned int clamp,
			pb_cparams cparams, unsigned int mode, int depth)
{
	enum tree_code code = gimple_assign_rhs_code(def);
	tree r1 = gimple_assign_rhs1(def);
	tree r2 = gimple_num_ops(def) > 2 ? gimple_assign_rhs2(def) : NULL_TREE;
	location_t loc = gimple_location(def);

	if (gimple_assign_single_p(def) && gimple_vuse(def)) {
		if (is_vm_end(r1))
			add_leaf(w, PB_K_VMA_END, loc, "vm_end", clamp, cparams,
				 mode);
		else if (pb_local_base(r1))
			walk_memory(w, def, r1, gimple_vuse(def), clamp,
				    cparams, mode, depth);
		else
			add_leaf(w, PB_K_UNKNOWN, loc, NULL, clamp, cparams,
				 mode);
		return;
	}
	if (pb_is_conversion(code) || code == INTEGER_CST || code == NEGATE_EXPR) {
		walk_value(w, r1, clamp, cparams, mode, depth + 1);
		return;
	}
	switch (code) {
	case MIN_EXPR:
		walk_min(w, r1, r2, clamp, cparams, mode, depth);
		return;
	case MAX_EXPR:
		walk_value(w, r1, clamp, cparams, mode, depth + 1);
		walk_value(w, r2, clamp, cparams, mode, depth + 1);
		return;
	case COND_EXPR: {
		tree c = r1, t = r2, f = gimple_assign_rhs3(def);

		if (COMPARISON_CLASS_P(c) &&
		    minmax_shape(TREE_CODE(c), TREE_OPERAND(c, 0),
				 TREE_OPERAND(c, 1), t, f) == 1) {
			walk_min(w, t, f, clamp, cparams, mode, depth);
			return;
		}
		walk_value(w, t, clamp, cparams, mode, depth + 1);
		walk_value(w, f, clamp, cparams, mode, depth + 1);
		return;
	}
	case BIT_IOR_EXPR: {
		int mask = mask_param(w->fun, r2);

		if (is_pmd_end(def)) {
			add_leaf(w, PB_K_PMD_END, loc, NULL, clamp, cparams,
				 mode);
			return;
		}
		add_leaf(w, mask >= 0 ? PB_K_MASK_END : PB_K_UNKNOWN, loc, NULL,
			 clamp, cparams, mode);
		if (mask >= 0 &&
		    w->out->leaf[w->out->n - 1].kind == PB_K_MASK_END)
			w->out->leaf[w->out->n - 1].param = mask;
		return;
	}
	case BIT_AND_EXPR:
	case PLUS_EXPR:
		if (is_pmd_end(def)) {
			add_leaf(w, PB_K_PMD_END, loc, NULL, clamp, cparams,
				 mode);
			return;
		}
		/* fall through */
	case MINUS_EXPR:
	case POINTER_DIFF_EXPR:
	case MULT_EXPR:
	case RSHIFT_EXPR:
	case LSHIFT_EXPR:
	case TRUNC_DIV_EXPR:
	case EXACT_DIV_EXPR:
	case POINTER_PLUS_EXPR:
		/* 1 << order: the page count of a large entry or folio */
		if (code == LSHIFT_EXPR && pb_cst_equal(r1, 1) &&
		    TREE_CODE(r2) != INTEGER_CST) {
			add_leaf(w, PB_K_ORDER, loc, folio_order_of(r2), clamp,
				 cparams, mode);
			return;
		}
		if (code == PLUS_EXPR || code == POINTER_PLUS_EXPR)
			shrunk_bound(w, def, &clamp, &cparams, mode, depth);
		walk_arith(w, code, r1, r2, loc, clamp, cparams, mode, depth);
		return;
	default:
		add_leaf(w, PB_K_UNKNOWN, loc, NULL, clamp, cparams, mode);
	}
}

static void walk_value(struct walk *w, tree v, unsigned int clamp,
		       pb_cparams cparams, unsigned int mode, int depth)
{
	gimple *def;

	if (!v || depth > PB_WALK_DEPTH || w->budget-- <= 0) {
		w->out->truncated = true;
		return;
	}
	if (TREE_CODE(v) == INTEGER_CST) {
		add_leaf(w, PB_K_CONST, UNKNOWN_LOCATION, NULL, clamp, cparams,
			 mode);
		if (tree_fits_shwi_p(v)) {
			struct pb_leaf *l = &w->out->leaf[w->out->n - 1];

			l->value = tree_to_shwi(v);
			l->props |= kind_props(PB_K_CONST, mode & PB_M_ARITH ?
					       2 : l->value);
		}
		return;
	}
	if (TREE_CODE(v) != SSA_NAME) {
		add_leaf(w, PB_K_UNKNOWN, UNKNOWN_LOCATION, NULL, clamp,
			 cparams, mode);
		return;
	}
	if (pb_vma_range_tested(v))
		clamp |= PB_P_VMA;
	if (SSA_NAME_IS_DEFAULT_DEF(v)) {
		tree var = SSA_NAME_VAR(v);
		int idx = var && TREE_CODE(var) == PARM_DECL ?
			  param_index(w->fun, var) : -1;

		/* An uninitialised local has no origin worth reporting. */
		if (idx < 0)
			return;
		add_leaf(w, PB_K_PARAM, DECL_SOURCE_LOCATION(var),
			 pb_decl_name(var), clamp, cparams, mode);
		w->out->leaf[w->out->n - 1].param = idx;
		return;
	}
	/* One visit per (name, mode): a cycle adds nothing new. */
	if (visit(w, mode, v))
		return;
	def = SSA_NAME_DEF_STMT(v);
	switch (gimple_code(def)) {
	case GIMPLE_PHI:
		walk_phi(w, as_a<gphi *>(def), clamp, cparams, mode, depth);
		return;
	case GIMPLE_CALL:
		/* -ftrivial-auto-var-init: an uninitialised local */
		if (gimple_call_internal_p(def, IFN_DEFERRED_INIT))
			return;
		walk_call(w, def, clamp, cparams, mode);
		return;
	case GIMPLE_ASSIGN:
		walk_assign(w, def, clamp, cparams, mode, depth);
		return;
	default:
		add_leaf(w, PB_K_UNKNOWN, gimple_location(def), NULL, clamp,
			 cparams, mode);
	}
}

void pb_origins(gimple *at, tree value, struct pb_origins *out)
{
	struct walk w = { at ? gimple_bb(at) : NULL, out, { NULL },
			  PB_WALK_BUDGET, pb_current_fun() };

	memset(out, 0, sizeof(*out));
	walk_value(&w, value, 0, 0, 0, 0);
	free_visited(&w);
}

/* --- the ends of page-table walks -------------------------------------- */

/* The index of the parameter V is, or -1. */
static int value_param(function *fun, tree v)
{
	v = pb_strip_value(v);
	if (!v || TREE_CODE(v) != SSA_NAME || !SSA_NAME_IS_DEFAULT_DEF(v) ||
	    !SSA_NAME_VAR(v) || TREE_CODE(SSA_NAME_VAR(v)) != PARM_DECL)
		return -1;
	return param_index(fun, SSA_NAME_VAR(v));
}

/* min(A, B) of a parameter A and a table end B: A's bit. */
static unsigned int table_min_param(function *fun, tree a, tree b)
{
	int i = value_param(fun, a);

	if (i < 0 || i >= 32 || !is_table_end(pb_ssa_def(pb_strip_value(b))))
		return 0;
	return 1u << i;
}

unsigned int pb_range_end_params(function *fun)
{
	unsigned int params = 0;
	basic_block bb;
	tree a, b;

	FOR_EACH_BB_FN(bb, fun) {
		gimple_stmt_iterator gsi;
		gphi_iterator pi;

		for (pi = gsi_start_phis(bb); !gsi_end_p(pi); gsi_next(&pi))
			if (phi_min(pi.phi(), &a, &b))
				params |= table_min_param(fun, a, b) |
					  table_min_param(fun, b, a);
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);

			if (!is_gimple_assign(stmt) ||
			    gimple_assign_rhs_code(stmt) != MIN_EXPR)
				continue;
			a = gimple_assign_rhs1(stmt);
			b = gimple_assign_rhs2(stmt);
			params |= table_min_param(fun, a, b) | table_min_param(fun, b, a);
		}
	}
	return params;
}

const char *pb_leaf_text(const struct pb_leaf *l)
{
	static char buf[160];
	char num[24];

	switch (l->kind) {
	case PB_K_BATCH:
	case PB_K_FOLIO:
		snprintf(buf, sizeof(buf), PB_MSG(from_call), l->what ? l->what : "?");
		return buf;
	case PB_K_CONST:
		snprintf(num, sizeof(num), "%ld", (long)l->value);
		snprintf(buf, sizeof(buf), PB_MSG(from_const), num);
		return buf;
	case PB_K_ORDER:
		return PB_MSG(from_order);
	case PB_K_PMD_END:
		return PB_MSG(from_pmd_end);
	case PB_K_VMA_END:
		return PB_MSG(from_vma_end);
	case PB_K_PARAM:
		snprintf(buf, sizeof(buf), PB_MSG(from_param),
			 l->what ? l->what : "?");
		return buf;
	case PB_K_CALL:
	case PB_K_MASK_END:
	case PB_K_UNKNOWN:
		if (l->what) {
			snprintf(buf, sizeof(buf), PB_MSG(from_call), l->what);
			return buf;
		}
		return PB_MSG(from_here);
	}
	return "?";
}
