// SPDX-License-Identifier: GPL-2.0-only
/*
 * check_folio_count.c - folio-count: a folio's reference count or mapcount
 * moved by one after a batch of nr entries.
 *
 * From "mm: rmap: support batched unmapping for file large folios"
 * (2025): the batched unmap in try_to_unmap_one() had to turn
 * folio_put(folio) into folio_put_refs(folio, nr_pages), or nr_pages - 1
 * references leak; the same holds for folio_remove_rmap_pte() where nr
 * entries were cleared, folio_get() where folio_ref_add(folio, nr) is
 * meant (copy_present_ptes()), and the other _pte/_ptes rmap pairs.  The
 * pairs are rules.def's FOLIO_PAIR lines; a batched form called with the
 * constant 1 (the _pte macros) is the single form.
 *
 * The pairing follows rss-count: the single moves on the paths from the
 * batch (a batched clear, unmap, mapping, rmap call or count moved by nr;
 * for a mapping, a copy or a count, the paths to it too: references are
 * taken before a batch is mapped) within one iteration, up to a clear of one PTE, never across the loop's
 * back edge; where both name a folio it is the same one.  A call on such
 * a path that passes nr to a static function makes that function's single
 * moves findings (reported there, with a note at the call).  nr must not
 * be provably 1: a constant, a batch source wrapper's "return 1" under
 * the tests that lead to the move (pb_mark_one_paths(), matched as
 * logic), or a test nr == 1 on the path.
 *
 * Known false-positive sources: a reference taken and dropped for one
 * entry on the batch's path (a temporary folio_get()/folio_put() pair).
 */
#include "ptebatch.h"
#include "rule-lists.h"

static struct pb_cands cands;

struct fc_state {
	gimple *event;
	tree nr_value;
	tree folio;		/* NULL: a folio the function was handed */
	const struct pb_origins *nr;
	const char *nr_var;
};

/* Per translation unit, as plain data: the single moves of every static
 * function, the calls that hand a parameter on, the calls that pass nr. */
struct fc_move {
	unsigned int fn;
	const char *fn_name, *written, *batched;
	bool mapcount;
	location_t loc;
};
static vec<fc_move> moves;
static struct pb_forwards forwards;
static struct pb_passes passes;

/* The pair STMT moves by one and the name it was written with: a single
 * form, or a batched form given the constant 1 (a _pte macro). */
static const struct folio_pair *single_move(const gimple *stmt,
					    const char **written)
{
	const char *name = pb_callee_name(stmt), *macro;
	const struct folio_pair *p;
	tree nr;

	if (!name)
		return NULL;
	if ((p = pb_folio_pair(name, false))) {
		*written = name;
		return p;
	}
	p = pb_folio_pair(name, true);
	if (!p || p->nr >= (int)gimple_call_num_args(stmt))
		return NULL;
	nr = pb_strip_value(gimple_call_arg(stmt, p->nr));
	if (!nr || !integer_onep(nr))
		return NULL;
	macro = pb_expanding_macro(gimple_location(stmt));
	*written = macro && pb_folio_pair(macro, false) == p ? macro : p->single;
	return p;
}

/* The call's first struct folio * argument. */
static tree folio_arg(const gimple *stmt)
{
	unsigned int i;
	char buf[64];

	for (i = 0; i < gimple_call_num_args(stmt); i++) {
		tree a = gimple_call_arg(stmt, i), t = TREE_TYPE(a);
		const char *n;

		if (!POINTER_TYPE_P(t))
			continue;
		n = pb_type_name(TYPE_MAIN_VARIANT(TREE_TYPE(t)), buf, sizeof(buf));
		if (n && !strcmp(n, "struct folio"))
			return a;
	}
	return NULL_TREE;
}

/* A parameter's value (the folio a batch handler is handed with its nr:
 * zap_present_folio_ptes(), set_pte_range()). */
static bool param_value(tree v)
{
	v = pb_strip_value(v);
	if (v && TREE_CODE(v) == SSA_NAME && SSA_NAME_IS_DEFAULT_DEF(v))
		v = SSA_NAME_VAR(v);
	return v && TREE_CODE(v) == PARM_DECL;
}

/* The same folio, or one we cannot tell apart (a page's); without the
 * batch's folio A, a folio parameter of the function. */
static bool same_folio(tree a, tree b)
{
	const char *na, *nb;

	if (!a)
		return !b || param_value(b);
	if (!b || pb_same_value(a, b))
		return true;
	na = pb_value_name(a, NULL);
	nb = pb_value_name(b, NULL);
	return na && nb && !strcmp(na, nb);
}

static bool match_move(gimple *stmt, void *arg)
{
	struct fc_state *st = (struct fc_state *)arg;
	const struct folio_pair *p;
	const char *written;
	struct pb_cand *c;

	if (pb_single_entry(stmt) || !pb_same_iteration(st->event, stmt))
		return true;
	if (!is_gimple_call(stmt))
		return false;
	if (!(p = single_move(stmt, &written))) {
		pb_note_passes(&passes, stmt, st->event, st->nr_value, st->nr_var,
			       st->nr);
		return false;
	}
	if (!same_folio(st->folio, folio_arg(stmt)) ||
	    pb_one_on_path(stmt, st->nr_value))
		return false;
	c = pb_cand_add(&cands);
	c->loc = pb_stmt_loc(stmt);
	c->loc2 = pb_stmt_loc(st->event);
	c->callee = written;
	c->callee2 = pb_callee_name(st->event);
	c->var = st->nr_var;
	c->var2 = p->batched;
	c->flags = p->mapcount;
	c->o = *st->nr;
	pb_mark_one_paths(stmt, &c->o);
	return false;
}

/* The folio whose batch NR counts, for a batched clear that names none:
 * the folio argument of the call that produced it (folio_pte_batch(), a
 * same-TU wrapper). */
static tree nr_folio(const struct pb_origins *nr)
{
	basic_block bb;
	gimple_stmt_iterator gsi;
	int i;

	for (i = 0; i < nr->n; i++) {
		const struct pb_leaf *l = &nr->leaf[i];

		if (l->kind != PB_K_BATCH && l->kind != PB_K_CALL)
			continue;
		FOR_EACH_PB_STMT(cfun, bb, gsi) {
			gimple *s = gsi_stmt(gsi);
			tree f;

			if (is_gimple_call(s) && pb_stmt_loc(s) == l->loc &&
			    (f = folio_arg(s)))
				return f;
		}
	}
	return NULL_TREE;
}

static bool has_param_leaf(const struct pb_origins *nr)
{
	int i;

	for (i = 0; i < nr->n; i++)
		if (nr->leaf[i].kind == PB_K_PARAM)
			return true;
	return false;
}

/* A batch of V entries at STMT: the single moves on the paths from it
 * (BACK: and to it, where references and mappings are taken before a
 * batch is mapped or copied: copy_present_ptes()' folio_ref_add(), then
 * the rmap). */
static void batch_event(gimple *stmt, tree v, bool back, bool need_batch)
{
	struct pb_origins nr;
	struct fc_state st;
	const char *dummy;
	int i;

	if (!v || TREE_CODE(pb_strip_value(v)) == INTEGER_CST ||
	    single_move(stmt, &dummy))
		return;
	pb_query(stmt, v, &nr);
	/* a count moved by a batch (folio_put_refs(folio, nr)), not by a
	 * number of references (khugepaged's 2 + folio_nr_pages()) */
	for (i = 0; need_batch && i < nr.n; i++)
		if (nr.leaf[i].kind == PB_K_BATCH || nr.leaf[i].kind == PB_K_CALL ||
		    nr.leaf[i].kind == PB_K_PARAM)
			need_batch = false;
	if (need_batch)
		return;
	st.event = stmt;
	st.nr_value = v;
	st.folio = folio_arg(stmt);
	if (!st.folio)
		st.folio = nr_folio(&nr);
	/* with no folio of its own, the batch's is a parameter at most (a
	 * caller's folio and count): not a folio of the function's own */
	if (!st.folio && !param_value(v) && !has_param_leaf(&nr))
		return;
	st.nr = &nr;
	st.nr_var = pb_value_name(v, "nr");
	pb_walk_paths(stmt, true, match_move, &st);
	if (back)
		pb_walk_paths(stmt, false, match_move, &st);
}

static void folio_count_call(gimple *stmt, const struct pb_rule *r)
{
	if (r->role == PB_BATCHED && !pb_folio_pair(pb_callee_name(stmt), true))
		return;	/* no count of the folio's moves there */
	batch_event(stmt, gimple_call_arg(stmt, r->idx),
		    r->role == PB_CREATE || r->role == PB_BATCHED, false);
}

/* The function's single moves and the parameters it hands on, for callers
 * that pass it a batch. */
static void folio_count_function_end(function *fun)
{
	basic_block bb;
	gimple_stmt_iterator gsi;

	/* the counts moved by nr (folio_ref_add(), folio_put_refs()): no table
	 * helpers, but batches as well */
	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		const struct folio_pair *p = is_gimple_call(stmt) ?
			pb_folio_pair(pb_callee_name(stmt), true) : NULL;

		if (p && !pb_call_rule(stmt) &&
		    p->nr < (int)gimple_call_num_args(stmt))
			batch_event(stmt, gimple_call_arg(stmt, p->nr), true, true);
	}
	if (!DECL_ARGUMENTS(fun->decl) || TREE_PUBLIC(fun->decl))
		return;
	FOR_EACH_PB_STMT(fun, bb, gsi) {
		gimple *stmt = gsi_stmt(gsi);
		const struct folio_pair *p;
		const char *written;

		if (!is_gimple_call(stmt))
			continue;
		if ((p = single_move(stmt, &written))) {
			fc_move m = { pb_current_uid(), pb_current_function(),
				      written, p->batched, p->mapcount != 0,
				      pb_stmt_loc(stmt) };

			moves.safe_push(m);
			continue;
		}
		pb_note_forwards(&forwards, fun, stmt);
	}
}

static const char *count_name(bool mapcount)
{
	return mapcount ? PB_MSG(folio_mapcount) : PB_MSG(folio_refcount);
}

static void report_callee(const struct pb_pass *p, unsigned int callee,
			  void *ctx)
{
	struct pb_finding *f;
	unsigned int i;

	for (i = 0; i < moves.length(); i++) {
		const fc_move *m = &moves[i];

		if (m->fn != callee)
			continue;
		f = pb_report(PB_CHECK_folio_count, m->loc, m->fn_name,
			      PB_MSG(folio_count_callee), m->written,
			      count_name(m->mapcount), p->var, p->event_name,
			      m->batched, p->var);
		pb_note(f, p->call, "%s() is called here with %s", p->callee_name,
			p->var);
		pb_note(f, p->event, "the batch of %s entries", p->var);
	}
}

static void folio_count_finish(void)
{
	struct pb_finding *f;
	int i, k;

	for (k = 0; k < passes.n; k++)
		if (!(pb_resolve_all(passes.v[k].caller, &passes.v[k].o) & PB_P_ONE))
			pb_pass_callees(&passes.v[k], &forwards, report_callee,
					NULL);
	pb_passes_free(&passes);
	moves.release();
	pb_forwards_free(&forwards);
	for (i = 0; i < cands.n; i++) {
		const struct pb_cand *c = &cands.v[i];

		if (pb_resolve_all(c->fn_uid, &c->o) & PB_P_ONE)
			continue;
		f = pb_report(PB_CHECK_folio_count, c->loc, c->fn,
			      PB_MSG(folio_count), c->callee,
			      count_name(c->flags), c->callee2, c->var,
			      c->var2, c->var);
		pb_note(f, c->loc2, "the batch of %s entries", c->var);
	}
	pb_cands_free(&cands);
}

void check_folio_count(struct pb_check_info *info)
{
	info->call = folio_count_call;
	info->roles = PB_ROLE_BIT(PB_CLEAR_BATCH) |
		      PB_ROLE_BIT(PB_UNMAP) | PB_ROLE_BIT(PB_CREATE) |
		      PB_ROLE_BIT(PB_BATCHED);
	info->function_end = folio_count_function_end;
	info->finish = folio_count_finish;
}
