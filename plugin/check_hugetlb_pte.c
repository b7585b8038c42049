// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_hugetlb_pte.c - hugetlb-pte: a generic PTE accessor in code that
 * only runs for hugetlb mappings, where the hugetlb one is meant.
 *
 * From the review of "mm/rmap: Add try_to_unmap_hugetlb_one": "Should we
 * now properly use huge_ptep_get()?", "Should we now use huge_pte_dirty()
 * for consistency?" (ptep_get() and pte_dirty() in the hugetlb-only half
 * of try_to_unmap_one()).  The pairs are rules.def's HUGETLB_PAIR lines.
 *
 * Hugetlb-only code: the blocks that only the hugetlb side of a test
 * (rules.def's hugetlb-test role: folio_test_hugetlb(), is_vm_hugetlb_page())
 * leads to, through !, unlikely() and a bool copy; and, once the whole
 * translation unit was seen, a static function of this file every use of
 * which (call or address taken, counted against the call graph) sits in
 * such code, as try_to_unmap()'s rmap_one = folio_test_hugetlb(folio) ?
 * try_to_unmap_poisoned_hugetlb_one : try_to_unmap_one.  Functions of
 * headers are shared with other callers and never become hugetlb-only.
 * A generic accessor on a path that is not hugetlb-only is clean.
 *
 * Known false-positive sources: a generic accessor applied on purpose to
 * an ordinary PTE inside a hugetlb-only branch.
 */
#include "ptebatch.h"

/* A static function used in hugetlb-only code. */
struct huge_ref {
	tree decl;
	const char *test;	/* the test the use sits under */
	location_t at;		/* the use */
};
static vec<huge_ref> refs;
static bitmap seen_blocks;	/* this function's blocks already scanned */

static bool file_static(tree decl)
{
	expanded_location x = expand_location(DECL_SOURCE_LOCATION(decl));
	cgraph_node *node = cgraph_node::get(decl);

	return !TREE_PUBLIC(decl) && node && node->definition &&
	       x.file && main_input_filename &&
	       !strcmp(x.file, main_input_filename);
}

static void add_ref(tree decl, const char *test, location_t at)
{
	huge_ref r = { decl, test, at };

	if (decl && TREE_CODE(decl) == FUNCTION_DECL && file_static(decl))
		refs.safe_push(r);
}

/* The generic accessor STMT calls, as written (set_pte_at() is a macro
 * around set_ptes() in 6.12), and its hugetlb twin; NULL if none. */
static const char *generic_call(gimple *stmt, const char **twin)
{
	const char *name = pb_callee_name(stmt);
	const char *macro = pb_expanding_macro(gimple_location(stmt));

	if (!name || !(*twin = pb_hugetlb_twin(name)))
		return NULL;
	/* a hugetlb accessor written as a macro around the generic one */
	if (pb_is_hugetlb_accessor(macro))
		return NULL;
	if (macro && pb_hugetlb_twin(macro)) {
		*twin = pb_hugetlb_twin(macro);
		return macro;
	}
	return name;
}

/* One statement of hugetlb-only code; FN is NULL for the current function. */
static void scan_stmt(gimple *stmt, const char *test, location_t test_loc,
		      tree fn)
{
	const char *twin, *name;
	struct pb_finding *f;
	unsigned int i;

	if (is_gimple_call(stmt)) {
		if ((name = generic_call(stmt, &twin))) {
			location_t loc = pb_loc(gimple_location(stmt));

			if (!fn) {
				f = pb_report(PB_CHECK_hugetlb_pte, loc,
					      pb_current_function(),
					      PB_MSG(hugetlb_pte), name, test, twin);
				pb_note(f, test_loc, "%s() is tested here", test);
			} else {
				f = pb_report(PB_CHECK_hugetlb_pte, loc,
					      pb_decl_name(fn),
					      PB_MSG(hugetlb_pte_callee), name,
					      pb_decl_name(fn), test, twin);
				pb_note(f, test_loc, "%s() is used here, under %s()",
					pb_decl_name(fn), test);
			}
			return;
		}
		add_ref(gimple_call_fndecl(stmt), test, pb_loc(gimple_location(stmt)));
		for (i = 0; i < gimple_call_num_args(stmt); i++) {
			tree a = gimple_call_arg(stmt, i);

			if (TREE_CODE(a) == ADDR_EXPR)
				add_ref(TREE_OPERAND(a, 0), test,
					pb_loc(gimple_location(stmt)));
		}
		return;
	}
	if (gimple_assign_single_p(stmt) &&
	    TREE_CODE(gimple_assign_rhs1(stmt)) == ADDR_EXPR)
		add_ref(TREE_OPERAND(gimple_assign_rhs1(stmt), 0), test,
			pb_loc(gimple_location(stmt)));
}

static void scan_region(edge e, gimple *test_call)
{
	auto_vec<basic_block> blocks;
	const char *test = pb_callee_name(test_call);
	location_t test_loc = pb_stmt_loc(test_call);
	unsigned int i;
	basic_block bb;

	if (!pb_only_entry(e))
		return;
	blocks = get_all_dominated_blocks(CDI_DOMINATORS, e->dest);
	if (!seen_blocks)
		seen_blocks = BITMAP_ALLOC(NULL);
	FOR_EACH_VEC_ELT(blocks, i, bb) {
		gimple_stmt_iterator gsi;

		if (!bitmap_set_bit(seen_blocks, bb->index))
			continue;
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
			scan_stmt(gsi_stmt(gsi), test, test_loc, NULL_TREE);
	}
}

/* The tests of NAME (true for hugetlb when POSITIVE), through copies. */
static void follow_uses(tree name, bool positive, gimple *test_call, int depth)
{
	imm_use_iterator it;
	use_operand_p use;

	if (depth > 6 || TREE_CODE(name) != SSA_NAME)
		return;
	FOR_EACH_IMM_USE_FAST(use, it, name) {
		gimple *u = USE_STMT(use);
		enum tree_code code;
		edge e, t, f;

		if (gcond *c = dyn_cast<gcond *>(u)) {
			code = gimple_cond_code(c);
			if ((code != NE_EXPR && code != EQ_EXPR) ||
			    !integer_zerop(gimple_cond_rhs(c)))
				continue;
			/* the hugetlb side: != 0 of a positive test */
			extract_true_false_edges_from_block(gimple_bb(c), &t, &f);
			e = (code == NE_EXPR) == positive ? t : f;
			scan_region(e, test_call);
			continue;
		}
		if (gimple_call_builtin_p(u, BUILT_IN_EXPECT) && gimple_call_lhs(u) &&
		    gimple_call_arg(u, 0) == name) {
			follow_uses(gimple_call_lhs(u), positive, test_call, depth + 1);
			continue;
		}
		if (!is_gimple_assign(u) || TREE_CODE(gimple_assign_lhs(u)) != SSA_NAME)
			continue;
		code = gimple_assign_rhs_code(u);
		if (CONVERT_EXPR_CODE_P(code) || code == SSA_NAME)
			follow_uses(gimple_assign_lhs(u), positive, test_call, depth + 1);
		else if (code == BIT_NOT_EXPR || code == TRUTH_NOT_EXPR ||
			 (code == BIT_XOR_EXPR && integer_onep(gimple_assign_rhs2(u))))
			follow_uses(gimple_assign_lhs(u), !positive, test_call, depth + 1);
		else if ((code == NE_EXPR || code == EQ_EXPR) &&
			 integer_zerop(gimple_assign_rhs2(u)))
			follow_uses(gimple_assign_lhs(u), positive == (code == NE_EXPR),
				    test_call, depth + 1);
	}
}

static void hugetlb_pte_call(gimple *stmt, const struct pb_rule *r)
{
	tree lhs = gimple_call_lhs(stmt);

	if (lhs)
		follow_uses(lhs, true, stmt, 0);
}

static void hugetlb_pte_function_end(function *fun)
{
	if (seen_blocks)
		BITMAP_FREE(seen_blocks);
}

/* Every use of DECL (calls and addresses, from the call graph) is one of
 * the N recorded in hugetlb-only code. */
static bool only_hugetlb_uses(tree decl, unsigned int n)
{
	cgraph_node *node = cgraph_node::get(decl);
	unsigned int total = 0;
	ipa_ref *ref = NULL;
	cgraph_edge *e;
	int i;

	if (!node || DECL_PRESERVE_P(decl))
		return false;
	for (e = node->callers; e; e = e->next_caller)
		total++;
	for (i = 0; node->iterate_referring(i, ref); i++) {
		if (ref->use == IPA_REF_ALIAS)
			return false;
		if (ref->use == IPA_REF_ADDR)
			total++;
	}
	return total && n >= total;
}

static void scan_function(tree decl, const huge_ref *why)
{
	function *fn = DECL_STRUCT_FUNCTION(decl);
	basic_block bb;
	gimple_stmt_iterator gsi;

	if (!fn || !fn->cfg)
		return;
	FOR_EACH_PB_STMT(fn, bb, gsi)
		scan_stmt(gsi_stmt(gsi), why->test, why->at, decl);
}

/* Static functions used only in hugetlb-only code, to a fixpoint. */
static void hugetlb_pte_finish(void)
{
	hash_set<tree> done;
	bool changed = true;
	unsigned int i, j;

	while (changed) {
		changed = false;
		for (i = 0; i < refs.length(); i++) {
			tree decl = refs[i].decl;
			unsigned int n = 0;

			if (done.contains(decl))
				continue;
			for (j = 0; j < refs.length(); j++)
				n += refs[j].decl == decl;
			if (!only_hugetlb_uses(decl, n))
				continue;
			done.add(decl);
			huge_ref why = refs[i];

			scan_function(decl, &why);
			changed = true;
		}
	}
	refs.release();
}

void check_hugetlb_pte(struct pb_check_info *info)
{
	info->call = hugetlb_pte_call;
	info->roles = PB_ROLE_BIT(PB_HUGETLB_TEST);
	info->function_end = hugetlb_pte_function_end;
	info->finish = hugetlb_pte_finish;
}
