// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine.c - the value-origin engine: where can an SSA value come from?
 *
 * The walk runs on the function the GIMPLE pass is looking at, right after
 * into-SSA, and only reads the IL.  It follows a value back through
 * copies, casts, PHIs, MIN/MAX_EXPR and ?:, arithmetic with constants,
 * loads of locals (through the virtual use-def chain: at -O0 an
 * address-taken local lives in memory, at -O2 too, so both levels see the
 * same stores; a call that gets a local's address brings what the static
 * callee stores through it, engine_summary.c), struct field loads and
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
};

function *pb_cur_fun;
static bool have_loops;
static bool own_dominators;
static unsigned HOST_WIDE_INT pmd_size, page_size;
static hash_set<tree> *escaped_locals;
/* end arguments of the function's range_in_vma()-style tests */
static vec<tree> vma_range_ends;

/* --- constants of the translation unit -------------------------------- */

/* Value of an object-like macro that is one number, maybe via one name. */
static bool macro_number(const char *name, unsigned HOST_WIDE_INT *val,
			 int depth)
{
	cpp_reader *pfile = pb_cpp_reader();
	cpp_hashnode *node;
	cpp_macro *m;
	const cpp_token *tok;

	if (!pfile || depth > 3)
		return false;
	node = cpp_lookup(pfile, (const unsigned char *)name, strlen(name));
	if (!node || !cpp_user_macro_p(node))
		return false;
	m = node->value.macro;
	if (!m || m->kind != cmk_macro || m->fun_like || m->count != 1)
		return false;
	tok = &m->exp.tokens[0];
	if (tok->type == CPP_NAME)
		return macro_number((const char *)NODE_NAME(tok->val.node.node),
				    val, depth + 1);
	if (tok->type != CPP_NUMBER)
		return false;
	*val = strtoull((const char *)tok->val.str.text, NULL, 0);
	return true;
}

static void read_tu_constants(void)
{
	unsigned HOST_WIDE_INT shift;

	if (pmd_size)
		return;
	pmd_size = 1UL << 21;
	page_size = 1UL << 12;
	if (macro_number("PMD_SHIFT", &shift, 0) && shift > 12 && shift < 40)
		pmd_size = 1UL << shift;
	if (macro_number("PAGE_SHIFT", &shift, 0) && shift >= 10 && shift < 20)
		page_size = 1UL << shift;
}

/* --- small helpers ---------------------------------------------------- */

location_t pb_loc(location_t loc)
{
	return linemap_resolve_location(line_table, loc,
					LRK_MACRO_EXPANSION_POINT, NULL);
}

location_t pb_stmt_loc(const gimple *stmt)
{
	location_t loc = stmt ? gimple_location(stmt) : UNKNOWN_LOCATION;

	if (loc == UNKNOWN_LOCATION && pb_cur_fun)
		loc = pb_cur_fun->function_start_locus;
	return pb_loc(loc);
}

const char *pb_current_function(void)
{
	return pb_cur_fun ? pb_decl_name(pb_cur_fun->decl) : NULL;
}

unsigned int pb_current_uid(void)
{
	return pb_cur_fun ? DECL_UID(pb_cur_fun->decl) : 0;
}

static bool cst_equal(tree t, unsigned HOST_WIDE_INT v)
{
	return t && TREE_CODE(t) == INTEGER_CST && tree_fits_uhwi_p(t) &&
	       tree_to_uhwi(t) == v;
}

static bool cst_is_neg(tree t, unsigned HOST_WIDE_INT v)
{
	if (!t || TREE_CODE(t) != INTEGER_CST || !INTEGRAL_TYPE_P(TREE_TYPE(t)))
		return false;
	return wi::eq_p(wi::to_wide(t),
			wi::neg(wi::uhwi(v, TYPE_PRECISION(TREE_TYPE(t)))));
}

bool pb_is_page_size(tree value)
{
	read_tu_constants();
	return cst_equal(pb_strip_value(value), page_size);
}

gimple *pb_ssa_def(tree t)
{
	if (!t || TREE_CODE(t) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF(t))
		return NULL;
	return SSA_NAME_DEF_STMT(t);
}

static bool is_conversion(enum tree_code code)
{
	return CONVERT_EXPR_CODE_P(code) || code == VIEW_CONVERT_EXPR ||
	       code == SSA_NAME || code == PAREN_EXPR;
}

/*
 * Locals whose address leaves the function or reaches memory: a store
 * through a pointer or a call may change them.  An address only compared
 * (the kernel's min() does (void)(&__x == &__y)) does not count, unlike
 * TREE_ADDRESSABLE.
 */
static bool escaped(tree decl)
{
	return !escaped_locals || escaped_locals->contains(decl);
}

/*
 * The argument index at which CALL gets &BASE (the whole local), -1 if
 * it does not, -2 if more than once or a part of it.
 */
static int addr_arg(const gimple *call, tree base)
{
	unsigned int i;
	int found = -1;

	for (i = 0; i < gimple_call_num_args(call); i++) {
		tree a = gimple_call_arg(call, i);

		if (TREE_CODE(a) != ADDR_EXPR ||
		    get_base_address(TREE_OPERAND(a, 0)) != base)
			continue;
		if (found != -1 || TREE_OPERAND(a, 0) != base)
			return -2;
		found = i;
	}
	return found;
}

/*
 * An asm statement's memory clobber cannot reach a local whose address
 * never left the function, only its outputs can (arm64's alternatives
 * and static keys in a page-table walk).
 */
static bool asm_writes(gasm *stmt, tree base)
{
	unsigned int i;

	for (i = 0; i < gimple_asm_noutputs(stmt); i++)
		if (get_base_address(TREE_VALUE(gimple_asm_output_op(stmt, i))) == base)
			return true;
	return false;
}

/* What a same-TU callee stores through argument I, or false. */
static bool out_stores(const gimple *call, int i, const struct pb_leaf **leaf,
		       int *n)
{
	tree fndecl = gimple_call_fndecl(call);

	return i >= 0 && fndecl && pb_out_stores(DECL_UID(fndecl), i, leaf, n);
}

static bool note_escape(gimple *stmt, tree base, tree, void *)
{
	const struct pb_leaf *l;
	int n;

	if (!base || !DECL_P(base) || !escaped_locals)
		return false;
	/* &end handed to a callee that only stores a value through it */
	if (is_gimple_call(stmt) && out_stores(stmt, addr_arg(stmt, base), &l, &n))
		return false;
	escaped_locals->add(base);
	return false;
}

static void find_escaped(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	escaped_locals = new hash_set<tree>;
	vma_range_ends.truncate(0);
	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		int e = pb_call_arg_rule(stmt, PB_VMA_RANGE);

		if (e >= 0)
			vma_range_ends.safe_push(gimple_call_arg(stmt, e));
		if (gimple_code(stmt) == GIMPLE_COND ||
		    (is_gimple_assign(stmt) &&
		     TREE_CODE_CLASS(gimple_assign_rhs_code(stmt)) == tcc_comparison))
			continue;
		walk_stmt_load_store_addr_ops(stmt, NULL, NULL, NULL, note_escape);
	}
	FOR_EACH_BB_FN(bb, fun) {
		for (gphi_iterator pi = gsi_start_phis(bb); !gsi_end_p(pi);
		     gsi_next(&pi)) {
			gphi *phi = pi.phi();
			unsigned int i;

			for (i = 0; i < gimple_phi_num_args(phi); i++) {
				tree a = gimple_phi_arg_def(phi, i);

				if (a && TREE_CODE(a) == ADDR_EXPR)
					note_escape(phi, get_base_address(TREE_OPERAND(a, 0)), a, NULL);
			}
		}
	}
}

/* A local variable (or a part of one) that lives in memory. */
static tree local_base(tree ref)
{
	tree base = ref;

	while (base && handled_component_p(base))
		base = TREE_OPERAND(base, 0);
	if (!base || (TREE_CODE(base) != VAR_DECL &&
		      TREE_CODE(base) != PARM_DECL) || is_global_var(base))
		return NULL_TREE;
	return base;
}

static bool is_local_load(const gimple *stmt)
{
	tree rhs;

	if (!stmt || !gimple_assign_single_p(stmt) || !gimple_vuse(stmt))
		return false;
	rhs = gimple_assign_rhs1(stmt);
	return local_base(rhs) != NULL_TREE;
}

/*
 * The store that reaches load STMT, when exactly one does along the
 * virtual use-def chain (no merge in between).  NULL otherwise.
 */
static gimple *reaching_store(const gimple *stmt)
{
	tree ref = gimple_assign_rhs1(stmt);
	tree base = local_base(ref);
	tree vuse = gimple_vuse(stmt);
	int steps = 64;

	while (vuse && TREE_CODE(vuse) == SSA_NAME && steps-- > 0) {
		gimple *def = pb_ssa_def(vuse);

		if (!def || gimple_code(def) == GIMPLE_PHI)
			return NULL;
		if (gimple_assign_single_p(def) && gimple_vdef(def)) {
			tree lhs = gimple_assign_lhs(def);

			if (operand_equal_p(lhs, ref, 0))
				return def;
			if ((local_base(lhs) == base && refs_may_alias_p(lhs, ref, false)) ||
			    escaped(base))
				return NULL;
		} else if (gimple_vdef(def) &&
			   (escaped(base) ||
			    (is_gimple_call(def) && addr_arg(def, base) != -1))) {
			return NULL;
		}
		vuse = gimple_vuse(def);
	}
	return NULL;
}

/* Strip casts, copies and loads of locals with one reaching store. */
tree pb_strip_value(tree v)
{
	int steps = 16;

	while (v && steps-- > 0) {
		gimple *def = pb_ssa_def(v);
		gimple *st;

		if (!def || !is_gimple_assign(def))
			break;
		if (is_conversion(gimple_assign_rhs_code(def)) &&
		    TREE_CODE(gimple_assign_rhs1(def)) != VAR_DECL &&
		    !is_local_load(def)) {
			v = gimple_assign_rhs1(def);
			continue;
		}
		if (is_local_load(def) && (st = reaching_store(def))) {
			v = gimple_assign_rhs1(st);
			continue;
		}
		break;
	}
	return v;
}

/* Also drops + and - of a constant: pmd_addr_end() compares x - 1. */
static tree strip_offset(tree v)
{
	int steps = 4;

	v = pb_strip_value(v);
	while (steps-- > 0) {
		gimple *def = pb_ssa_def(v);
		enum tree_code code;

		if (!def || !is_gimple_assign(def))
			break;
		code = gimple_assign_rhs_code(def);
		if ((code != PLUS_EXPR && code != MINUS_EXPR &&
		     code != POINTER_PLUS_EXPR) ||
		    TREE_CODE(gimple_assign_rhs2(def)) != INTEGER_CST)
			break;
		v = pb_strip_value(gimple_assign_rhs1(def));
	}
	return v;
}

static bool same_load_depth(tree a, tree b, int depth);

/* The same field path from equal pointers (pvmw->vma->vm_end twice). */
static bool same_ref(tree a, tree b, int depth)
{
	if (operand_equal_p(a, b, 0))
		return true;
	if (depth > 4 || TREE_CODE(a) != TREE_CODE(b))
		return false;
	switch (TREE_CODE(a)) {
	case COMPONENT_REF:
		return TREE_OPERAND(a, 1) == TREE_OPERAND(b, 1) &&
		       same_ref(TREE_OPERAND(a, 0), TREE_OPERAND(b, 0), depth + 1);
	case MEM_REF:
		return tree_int_cst_equal(TREE_OPERAND(a, 1), TREE_OPERAND(b, 1)) &&
		       (operand_equal_p(TREE_OPERAND(a, 0), TREE_OPERAND(b, 0), 0) ||
			same_load_depth(TREE_OPERAND(a, 0), TREE_OPERAND(b, 0),
					depth + 1));
	default:
		return false;
	}
}

static bool same_load_depth(tree a, tree b, int depth)
{
	gimple *da = pb_ssa_def(a), *db = pb_ssa_def(b);

	if (!da || !db || !gimple_assign_single_p(da) ||
	    !gimple_assign_single_p(db) || !gimple_vuse(da) || !gimple_vuse(db))
		return false;
	return same_ref(gimple_assign_rhs1(da), gimple_assign_rhs1(db), depth);
}

static bool same_load(tree a, tree b)
{
	return same_load_depth(a, b, 0);
}

bool pb_same_value(tree a, tree b)
{
	if (!a || !b)
		return false;
	a = pb_strip_value(a);
	b = pb_strip_value(b);
	return a == b || operand_equal_p(a, b, 0) || same_load(a, b);
}

static bool same_arm(tree a, tree b)
{
	a = strip_offset(a);
	b = strip_offset(b);
	return a == b || operand_equal_p(a, b, 0) || same_load(a, b);
}

/* User variable behind VALUE, for messages (selfassign-style mapping). */
const char *pb_value_name(tree v, const char *fallback)
{
	int steps = 8;

	while (v && steps-- > 0) {
		tree var = NULL_TREE;
		gimple *def;

		if (TREE_CODE(v) == SSA_NAME)
			var = SSA_NAME_VAR(v);
		else if (DECL_P(v))
			var = v;
		if (var && DECL_NAME(var) && !DECL_ARTIFICIAL(var) &&
		    !DECL_IGNORED_P(var)) {
			const char *n = IDENTIFIER_POINTER(DECL_NAME(var));

			if (strncmp(n, "__", 2))
				return n;
		}
		def = pb_ssa_def(v);
		/* a local in memory: the variable loaded */
		if (def && is_local_load(def) &&
		    DECL_P(gimple_assign_rhs1(def))) {
			v = gimple_assign_rhs1(def);
			continue;
		}
		if (!def || !is_gimple_assign(def) ||
		    !is_conversion(gimple_assign_rhs_code(def)))
			break;
		v = gimple_assign_rhs1(def);
	}
	return fallback;
}

/* --- loops and paths ---------------------------------------------------- */

/* A loop L's latch edge: into L's header from inside L. */
static class loop *latch_loop(edge e)
{
	basic_block h = e->dest;
	class loop *l;

	if (have_loops) {
		l = h->loop_father;
		if (l && l->num && l->header == h &&
		    flow_bb_inside_loop_p(l, e->src))
			return l;
		return NULL;
	}
	return NULL;
}

bool pb_is_back_edge(edge e)
{
	if (have_loops)
		return latch_loop(e) != NULL;
	return dom_info_available_p(CDI_DOMINATORS) &&
	       dominated_by_p(CDI_DOMINATORS, e->src, e->dest);
}

/* TO runs in the same iteration as FROM, of FROM's loops: not in a loop
 * that does not hold FROM (a loop before or after it runs many times). */
bool pb_same_iteration(const gimple *from, const gimple *to)
{
	class loop *lf, *lt;

	if (!have_loops || !gimple_bb(from) || !gimple_bb(to))
		return true;
	lf = gimple_bb(from)->loop_father;
	lt = gimple_bb(to)->loop_father;
	return !lf || !lt || lf == lt || flow_loop_nested_p(lt, lf);
}

/* Is E, an edge into a PHI's block, the previous iteration for QUERY? */
static bool is_latch_for(edge e, basic_block query)
{
	class loop *l;

	if (!query)
		return false;
	if (!have_loops)
		return dom_info_available_p(CDI_DOMINATORS) &&
		       dominated_by_p(CDI_DOMINATORS, e->src, e->dest) &&
		       dominated_by_p(CDI_DOMINATORS, query, e->dest);
	l = latch_loop(e);
	return l && flow_bb_inside_loop_p(l, query);
}

/* a + C and a + C computed twice: equal operands, same operation */
static bool same_expr(tree a, tree b)
{
	gimple *da, *db;

	if (pb_same_value(a, b))
		return true;
	da = pb_ssa_def(pb_strip_value(a));
	db = pb_ssa_def(pb_strip_value(b));
	if (!da || !db || !is_gimple_assign(da) || !is_gimple_assign(db) ||
	    gimple_assign_rhs_code(da) != gimple_assign_rhs_code(db) ||
	    gimple_num_ops(da) != 3 || gimple_num_ops(db) != 3)
		return false;
	return pb_same_value(gimple_assign_rhs1(da), gimple_assign_rhs1(db)) &&
	       (operand_equal_p(gimple_assign_rhs2(da), gimple_assign_rhs2(db), 0) ||
		pb_same_value(gimple_assign_rhs2(da), gimple_assign_rhs2(db)));
}

/*
 * Does the function test that V lies inside the VMA (range_in_vma(vma,
 * start, V), as a guard or in an assertion)?  The test states the bound
 * wherever it sits: try_collapse_pte_mapped_thp() returns early,
 * __zap_vma_range() asserts it for all its callers.
 */
static bool vma_range_tested(tree v)
{
	unsigned int i;
	tree e;

	FOR_EACH_VEC_ELT(vma_range_ends, i, e)
		if (same_expr(e, v))
			return true;
	return false;
}

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

static int param_index(tree parm)
{
	tree a;
	int i = 0;

	if (!pb_cur_fun)
		return -1;
	for (a = DECL_ARGUMENTS(pb_cur_fun->decl); a; a = DECL_CHAIN(a), i++)
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
	struct walk sw = { w->query_bb, &sub, { NULL }, w->budget / 2 };
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
	gimple *inner;

	read_tu_constants();
	if (code == BIT_IOR_EXPR)
		return cst_equal(r2, pmd_size - 1);
	if (code == BIT_AND_EXPR && cst_is_neg(r2, pmd_size)) {
		inner = pb_ssa_def(pb_strip_value(r1));
		return inner && is_gimple_assign(inner) &&
		       gimple_assign_rhs_code(inner) == PLUS_EXPR &&
		       TREE_CODE(gimple_assign_rhs2(inner)) == INTEGER_CST &&
		       tree_int_cst_sgn(gimple_assign_rhs2(inner)) > 0;
	}
	if (code == PLUS_EXPR && cst_equal(r2, pmd_size)) {
		inner = pb_ssa_def(pb_strip_value(r1));
		return inner && is_gimple_assign(inner) &&
		       gimple_assign_rhs_code(inner) == BIT_AND_EXPR &&
		       cst_is_neg(gimple_assign_rhs2(inner), pmd_size);
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
		       wi::geu_p(size, wi::uhwi(pmd_size, size.get_precision()));
	}
	neg = pb_ssa_def(pb_strip_value(r2));
	return neg && is_gimple_assign(neg) &&
	       gimple_assign_rhs_code(neg) == NEGATE_EXPR &&
	       same_expr(gimple_assign_rhs1(neg), gimple_assign_rhs2(sum));
}

/* Is COND (true: T, false: F) a min() of T and F?  0: no, 1: min, 2: max */
static int minmax_shape(enum tree_code code, tree lhs, tree rhs, tree t,
			tree f)
{
	bool lt = code == LT_EXPR || code == LE_EXPR;
	bool gt = code == GT_EXPR || code == GE_EXPR;

	if (!lt && !gt)
		return 0;
	if (same_arm(lhs, t) && same_arm(rhs, f))
		return lt ? 1 : 2;
	if (same_arm(lhs, f) && same_arm(rhs, t))
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
static int mask_param(tree v)
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
	return param_index(SSA_NAME_VAR(m));
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
			   mode | (is_latch_for(e, w->query_bb) ?
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
	read_tu_constants();
	return arg && TREE_CODE(arg) == INTEGER_CST && cst_is_neg(arg, pmd_size);
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
	tree base = local_base(ref);

	while (vuse && TREE_CODE(vuse) == SSA_NAME && w->budget-- > 0) {
		gimple *def = pb_ssa_def(vuse);

		if (!def) {
			/* an address-taken parameter's value on entry */
			if (TREE_CODE(base) == PARM_DECL && ref == base) {
				add_leaf(w, PB_K_PARAM, DECL_SOURCE_LOCATION(base),
					 pb_decl_name(base), clamp, cparams, mode);
				w->out->leaf[w->out->n - 1].param =
					param_index(base);
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
					    (is_latch_for(e, w->query_bb) ?
					     PB_M_LATCH : 0),
					    depth + 1);
			}
			return;
		}
		if (gimple_clobber_p(def) && local_base(gimple_assign_lhs(def)) == base)
			return;
		if (gimple_assign_single_p(def) && gimple_vdef(def)) {
			tree lhs = gimple_assign_lhs(def);

			if (operand_equal_p(lhs, ref, 0)) {
				walk_value(w, gimple_assign_rhs1(def), clamp,
					   cparams, mode, depth + 1);
				return;
			}
			if ((local_base(lhs) == base &&
			     refs_may_alias_p(lhs, ref, false)) ||
			    (escaped(base) && !local_base(lhs)))
				goto unknown;
		} else if (is_gimple_call(def)) {
			tree lhs = gimple_call_lhs(def);

			if (lhs && operand_equal_p(lhs, ref, 0)) {
				walk_call(w, def, clamp, cparams, mode);
				return;
			}
			const struct pb_leaf *out;
			int n, i;

			if ((lhs && local_base(lhs) == base &&
			     refs_may_alias_p(lhs, ref, false)) ||
			    escaped(base))
				goto unknown;
			/* the callee stores through &base, or leaves it */
			i = addr_arg(def, base);
			if (i != -1) {
				if (ref != base || !out_stores(def, i, &out, &n))
					goto unknown;
				walk_out(w, def, out, n, clamp, cparams, mode,
					 depth);
			}
		} else if (gimple_vdef(def) &&
			   !(gimple_code(def) == GIMPLE_ASM && !escaped(base) &&
			     !asm_writes(as_a<gasm *>(def), base))) {
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
		else if (local_base(r1))
			walk_memory(w, def, r1, gimple_vuse(def), clamp,
				    cparams, mode, depth);
		else
			add_leaf(w, PB_K_UNKNOWN, loc, NULL, clamp, cparams,
				 mode);
		return;
	}
	if (is_conversion(code) || code == INTEGER_CST || code == NEGATE_EXPR) {
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
		int mask = mask_param(r2);

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
		if (code == LSHIFT_EXPR && cst_equal(r1, 1) &&
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
	if (!vma_range_ends.is_empty() && vma_range_tested(v))
		clamp |= PB_P_VMA;
	if (SSA_NAME_IS_DEFAULT_DEF(v)) {
		tree var = SSA_NAME_VAR(v);
		int idx = var && TREE_CODE(var) == PARM_DECL ?
			  param_index(var) : -1;

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
			  PB_WALK_BUDGET };

	memset(out, 0, sizeof(*out));
	walk_value(&w, value, 0, 0, 0, 0);
	free_visited(&w);
}

/* --- the ends of page-table walks -------------------------------------- */

/* The index of the parameter V is, or -1. */
static int value_param(tree v)
{
	v = pb_strip_value(v);
	if (!v || TREE_CODE(v) != SSA_NAME || !SSA_NAME_IS_DEFAULT_DEF(v) ||
	    !SSA_NAME_VAR(v) || TREE_CODE(SSA_NAME_VAR(v)) != PARM_DECL)
		return -1;
	return param_index(SSA_NAME_VAR(v));
}

/* min(A, B) of a parameter A and a table end B: A's bit. */
static unsigned int table_min_param(tree a, tree b)
{
	int i = value_param(a);

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
				params |= table_min_param(a, b) |
					  table_min_param(b, a);
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
			gimple *stmt = gsi_stmt(gsi);

			if (!is_gimple_assign(stmt) ||
			    gimple_assign_rhs_code(stmt) != MIN_EXPR)
				continue;
			a = gimple_assign_rhs1(stmt);
			b = gimple_assign_rhs2(stmt);
			params |= table_min_param(a, b) | table_min_param(b, a);
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

/* Argument index of STMT's rule when its role is ROLE, else -1. */
int pb_call_arg_rule(const gimple *stmt, enum pb_role role)
{
	const struct pb_rule *r = pb_call_rule(stmt);

	if (!r || r->role != role || r->idx < 0 ||
	    r->idx >= (int)gimple_call_num_args(stmt))
		return -1;
	return r->idx;
}

void pb_engine_execute(function *fun)
{
	pb_cur_fun = fun;
	read_tu_constants();
	have_loops = loops_for_fn(fun) &&
		     !loops_state_satisfies_p(fun, LOOPS_NEED_FIXUP);
	own_dominators = false;
	if (!have_loops && !dom_info_available_p(fun, CDI_DOMINATORS)) {
		calculate_dominance_info(CDI_DOMINATORS);
		own_dominators = true;
	}
	find_escaped(fun);
}

void pb_engine_execute_end(function *fun)
{
	if (own_dominators)
		free_dominance_info(fun, CDI_DOMINATORS);
	delete escaped_locals;
	escaped_locals = NULL;
	vma_range_ends.release();
	own_dominators = false;
	pb_cur_fun = NULL;
}

bool pb_single_entry(const gimple *stmt)
{
	const struct pb_rule *r = is_gimple_call(stmt) ? pb_call_rule(stmt) : NULL;

	return r && r->role == PB_CLEAR_ONE;
}



unsigned HOST_WIDE_INT pb_page_size(void)
{
	read_tu_constants();
	return page_size;
}

void pb_need_dominators(void)
{
	if (!dom_info_available_p(CDI_DOMINATORS)) {
		calculate_dominance_info(CDI_DOMINATORS);
		own_dominators = true;
	}
}
