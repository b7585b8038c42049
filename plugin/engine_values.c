// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine_values.c - the engine's lowest layer: what a value is.
 *
 * The function the GIMPLE pass is looking at (set by pb_engine_execute(),
 * private to this file: the layers above are handed it), the translation
 * unit's PAGE_SIZE and PMD_SIZE (read from its own PAGE_SHIFT and
 * PMD_SHIFT), the locals whose address escapes, and the questions every
 * layer above asks of an SSA value: its definition, the value behind casts,
 * copies and loads of locals with one reaching store, whether two values are
 * the same, the user variable behind it, and which edges are a loop's latch.
 * A call that gets a local's address and only stores through it (what the
 * static callee stores, engine_store.c) does not make the local escape.
 */
#include "ptebatch.h"
#include "engine-internal.h"
#include "hash-set.h"
#include "gimple-walk.h"
#include "tree-ssa-alias.h"

static function *cur_fun;
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

	if (loc == UNKNOWN_LOCATION && cur_fun)
		loc = cur_fun->function_start_locus;
	return pb_loc(loc);
}

function *pb_current_fun(void)
{
	return cur_fun;
}

const char *pb_current_function(void)
{
	return cur_fun ? pb_decl_name(cur_fun->decl) : NULL;
}

unsigned int pb_current_uid(void)
{
	return cur_fun ? DECL_UID(cur_fun->decl) : 0;
}

bool pb_is_page_size(tree value)
{
	read_tu_constants();
	return pb_cst_equal(pb_strip_value(value), page_size);
}

/*
 * Locals whose address leaves the function or reaches memory: a store
 * through a pointer or a call may change them.  An address only compared
 * (the kernel's min() does (void)(&__x == &__y)) does not count, unlike
 * TREE_ADDRESSABLE.
 */
bool pb_escaped(tree decl)
{
	return !escaped_locals || escaped_locals->contains(decl);
}

/*
 * The argument index at which CALL gets &BASE (the whole local), -1 if
 * it does not, -2 if more than once or a part of it.
 */
int pb_addr_arg(const gimple *call, tree base)
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
bool pb_asm_writes(gasm *stmt, tree base)
{
	unsigned int i;

	for (i = 0; i < gimple_asm_noutputs(stmt); i++)
		if (get_base_address(TREE_VALUE(gimple_asm_output_op(stmt, i))) == base)
			return true;
	return false;
}

/* What a same-TU callee stores through argument I, or false. */
bool pb_call_out_stores(const gimple *call, int i, const struct pb_leaf **leaf,
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
	if (is_gimple_call(stmt) && pb_call_out_stores(stmt, pb_addr_arg(stmt, base), &l, &n))
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

static bool is_local_load(const gimple *stmt)
{
	tree rhs;

	if (!stmt || !gimple_assign_single_p(stmt) || !gimple_vuse(stmt))
		return false;
	rhs = gimple_assign_rhs1(stmt);
	return pb_local_base(rhs) != NULL_TREE;
}

/*
 * The store that reaches load STMT, when exactly one does along the
 * virtual use-def chain (no merge in between).  NULL otherwise.
 */
static gimple *reaching_store(const gimple *stmt)
{
	tree ref = gimple_assign_rhs1(stmt);
	tree base = pb_local_base(ref);
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
			if ((pb_local_base(lhs) == base && refs_may_alias_p(lhs, ref, false)) ||
			    pb_escaped(base))
				return NULL;
		} else if (gimple_vdef(def) &&
			   (pb_escaped(base) ||
			    (is_gimple_call(def) && pb_addr_arg(def, base) != -1))) {
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
		if (pb_is_conversion(gimple_assign_rhs_code(def)) &&
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

bool pb_same_arm(tree a, tree b)
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
		    !pb_is_conversion(gimple_assign_rhs_code(def)))
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
bool pb_is_latch_for(edge e, basic_block query)
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
bool pb_same_expr(tree a, tree b)
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
bool pb_vma_range_tested(tree v)
{
	unsigned int i;
	tree e;

	if (vma_range_ends.is_empty())
		return false;
	FOR_EACH_VEC_ELT(vma_range_ends, i, e)
		if (pb_same_expr(e, v))
			return true;
	return false;
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
	cur_fun = fun;
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
	cur_fun = NULL;
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

unsigned HOST_WIDE_INT pb_pmd_size(void)
{
	read_tu_constants();
	return pmd_size;
}

void pb_need_dominators(void)
{
	if (!dom_info_available_p(CDI_DOMINATORS)) {
		calculate_dominance_info(CDI_DOMINATORS);
		own_dominators = true;
	}
}
