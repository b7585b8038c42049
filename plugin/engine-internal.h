/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine-internal.h - what the engine's layers share; the checks use
 * ptebatch.h only.  The layers, each calling only those before it:
 *   engine_store.c    the records of functions and calls, resolved
 *   engine_values.c   the current function, TU constants, what a value is
 *   engine_origins.c  where a value comes from (pb_origins())
 *   engine_paths.c    paths, dominating tests, guards
 *   engine_summary.c  what each function does (recorded into the store),
 *                     the checks' queries and candidates
 */
#ifndef PTEBATCH_ENGINE_INTERNAL_H
#define PTEBATCH_ENGINE_INTERNAL_H

/* --- engine_store.c ------------------------------------------------------ */

/*
 * A test under which a same-TU function returns the constant 1 (a batch
 * source wrapper's early "return 1"): parameter PARAM & MASK, or
 * FN(parameter PARAM), is nonzero (or with ZERO, zero).  The tests come
 * as conjunctions, each ended by a test with LAST: the function returns 1
 * where every test of one of them holds ("if (a && b) return 1;").
 */
struct pb_one_test {
	int param;
	unsigned HOST_WIDE_INT mask;	/* 0: a call test */
	const char *fn;
	bool zero;
	bool last;
};
#define PB_MAX_ONE_TESTS	12

/* the origins of one value, kept as plain data */
struct pb_arg_rec {
	int n;
	bool truncated;
	struct pb_leaf *leaf;
};

/* a call of a static function of this translation unit */
struct pb_site_rec {
	unsigned int caller, callee;	/* indexes of records */
	int next;			/* next call of the same callee */
	location_t loc;
	int nargs;
	struct pb_arg_rec *args;
};

/* a function of this translation unit */
struct pb_fn_rec {
	unsigned int uid;
	const char *name;
	bool callers_known;
	int nparams;
	struct pb_arg_rec ret;
	unsigned int ret_props;
	unsigned int *param_props;
	int sites;		/* first call of this function */
	bool seen;		/* its body went through the pass */
	unsigned int used;	/* parameters whose value a query needs */
	struct pb_one_test one[PB_MAX_ONE_TESTS];
	int nr_one;		/* tests under which it returns 1 */
	struct pb_arg_rec *out;	/* [param]: stored through it */
	unsigned int out_ok;	/* params whose out[] is all there is */
	unsigned int range_ends; /* params that end its page-table walk */
};

/* The record of function DECL_UID UID (-1: none), or of DECL (made on
 * demand); a record's pointer holds until the next record is made. */
int pb_store_find(unsigned int uid);
unsigned int pb_store_fn(tree decl);
struct pb_fn_rec *pb_store_rec(unsigned int f);
/* a call from record CALLER to CALLEE, its NARGS arguments to be filled */
struct pb_site_rec *pb_store_site(unsigned int caller, tree callee, int nargs);
void pb_store_arg(struct pb_arg_rec *a, const struct pb_origins *o);
void pb_store_merge(struct pb_arg_rec *a, const struct pb_origins *o);
/* the parameters among O's leaves are needed from FN_UID's callers */
void pb_store_note_query(unsigned int fn_uid, const struct pb_origins *o);

static inline bool pb_param_used(const struct pb_fn_rec *f, unsigned int i)
{
	return i >= 32 || (f->used & (1u << i));
}

/*
 * What static function FN_UID stores through its pointer parameter PARAM
 * (in its own terms: its parameters, PB_K_MASK_END), when every use of
 * that pointer is a load or a store of an integer through it.  False:
 * unknown (not seen yet, or the pointer goes elsewhere).
 */
bool pb_out_stores(unsigned int fn_uid, int param, const struct pb_leaf **leaf,
		   int *n);
/* the tests under which FN_UID returns 1, once its body was seen */
int pb_fn_one_tests(unsigned int fn_uid, const struct pb_one_test **out);

/* --- engine_values.c ----------------------------------------------------- */

/* the function the GIMPLE pass is looking at (NULL between functions) */
function *pb_current_fun(void);
/* the TU's PAGE_SIZE and PMD_SIZE (from PAGE_SHIFT and PMD_SHIFT) */
unsigned HOST_WIDE_INT pb_page_size(void);
unsigned HOST_WIDE_INT pb_pmd_size(void);
/* dominators, computed on demand and freed at the end of the function */
void pb_need_dominators(void);
/* BASE's address left the function or reached memory */
bool pb_escaped(tree decl);
/* the argument of CALL that is &BASE: -1 none, -2 more than one or a part */
int pb_addr_arg(const gimple *call, tree base);
/* asm STMT writes BASE through one of its outputs */
bool pb_asm_writes(gasm *stmt, tree base);
/* what the same-TU callee of CALL stores through argument I (store) */
bool pb_call_out_stores(const gimple *call, int i, const struct pb_leaf **leaf,
			int *n);
/* the same value, also after + or - of a constant (min()'s arms) */
bool pb_same_arm(tree a, tree b);
/* the same value, or the same operation on the same values */
bool pb_same_expr(tree a, tree b);
/* E, into a PHI's block, brings the previous iteration for QUERY */
bool pb_is_latch_for(edge e, basic_block query);
/* the function tests that V lies inside the VMA (range_in_vma()) */
bool pb_vma_range_tested(tree v);

/* defining statement of an SSA name that is not a default definition */
static inline gimple *pb_ssa_def(tree t)
{
	if (!t || TREE_CODE(t) != SSA_NAME || SSA_NAME_IS_DEFAULT_DEF(t))
		return NULL;
	return SSA_NAME_DEF_STMT(t);
}

static inline bool pb_is_conversion(enum tree_code code)
{
	return CONVERT_EXPR_CODE_P(code) || code == VIEW_CONVERT_EXPR ||
	       code == SSA_NAME || code == PAREN_EXPR;
}

static inline bool pb_cst_equal(tree t, unsigned HOST_WIDE_INT v)
{
	return t && TREE_CODE(t) == INTEGER_CST && tree_fits_uhwi_p(t) &&
	       tree_to_uhwi(t) == v;
}

/* T is the constant -V */
static inline bool pb_cst_is_neg(tree t, unsigned HOST_WIDE_INT v)
{
	if (!t || TREE_CODE(t) != INTEGER_CST || !INTEGRAL_TYPE_P(TREE_TYPE(t)))
		return false;
	return wi::eq_p(wi::to_wide(t),
			wi::neg(wi::uhwi(v, TYPE_PRECISION(TREE_TYPE(t)))));
}

/* A local variable (or a part of one) that lives in memory: its base. */
static inline tree pb_local_base(tree ref)
{
	tree base = ref;

	while (base && handled_component_p(base))
		base = TREE_OPERAND(base, 0);
	if (!base || (TREE_CODE(base) != VAR_DECL &&
		      TREE_CODE(base) != PARM_DECL) || is_global_var(base))
		return NULL_TREE;
	return base;
}

/* --- engine_origins.c ---------------------------------------------------- */

/*
 * Parameters of FUN that end a page-table walk: one side of a min() whose
 * other side is the end of a table of some level (pmd_addr_end(addr, end),
 * pud_addr_end(), ...).
 */
unsigned int pb_range_end_params(function *fun);

/* --- engine_paths.c ------------------------------------------------------ */

/* the tests under which return RET of FUN returns 1, as conjunctions */
int pb_one_tests(function *fun, gimple *ret, struct pb_one_test *out, int max);

#endif
