/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ptebatch.h - the engine API the checks use.
 *
 * Checks are small clients of the engine: they look at calls through the
 * rule table, ask the value-origin engine where an argument came from and
 * report through pb_report().  They never call warning_at() themselves.
 * Everything here carries the pb_ prefix: the plugin shares cc1's global
 * namespace.
 */
#ifndef PTEBATCH_H
#define PTEBATCH_H

#include "gcc-compat.h"

/* checks.def as an enum: PB_CHECK_nr_provenance, ... */
enum pb_check {
#define CHECK(cname, id, summary) PB_CHECK_##cname,
#include "checks.def"
#undef CHECK
	PB_NR_CHECKS
};

struct pb_rule;

struct pb_check_info {
	const char *id;
	const char *summary;
	/*
	 * Per call of a table helper whose role is in ROLES (PB_ROLE_BIT()),
	 * on SSA form, before inlining: the driver walks each function once
	 * and looks each call's rule up once for every check.
	 */
	void (*call)(gimple *stmt, const struct pb_rule *r);
	unsigned int roles;
	/* once per function, after its call hooks (summaries across calls) */
	void (*function_end)(function *fun);
	/* once per translation unit, after every function was seen */
	void (*finish)(void);
	/* once at plugin_init, when the check is enabled */
	void (*init)(void);
};

enum pb_role {
#define ROLE(e, name, count, idx2, check) e,
#include "roles.def"
#undef ROLE
	PB_NR_ROLES
};

#define PB_ROLE_BIT(role)	(1u << (role))

struct pb_rule {
	const char *name;
	enum pb_role role;
	int nargs;	/* -1: any */
	int idx;
	int idx2;
};

/* rules.c: the table and its look-ups */
extern const struct pb_rule pb_rules[];
extern const unsigned int pb_nr_rules;
const struct pb_rule *pb_rule_lookup(const char *name, int nargs);
const struct pb_rule *pb_call_rule(const gimple *stmt);
const char *pb_callee_name(const gimple *stmt);
const char *pb_role_name(enum pb_role role);
/* NAME's nr must be at least 1 (rules.def's NR_NONZERO lines) */
bool pb_needs_nr(const char *name);
/* TYPE is a page-table entry's or a page's (NR_BATCH_TYPE); NAME counts
 * pages or entries (NR_BATCH_WORD): what makes a batched helper */
bool pb_batch_type(tree type);
bool pb_batch_count(const char *name);
/* walk-stride: TYPE is an entry a page-table walk steps over (WALK_TYPE) */
bool pb_walk_type(tree type);
/*
 * batch-flags (rules.def's BATCH_* lists; bits PTE_W, PTE_Y, PTE_D,
 * PTE_S of rule-lists.h): a batch source's flags argument (-1: none, -2:
 * not a batch source) and the bits it ignores by default; the bits still
 * ignored after flags that may (respect, merge) or must (ignore) be set;
 * the bits out-parameter IDX reports; a one-value write-back's value and
 * nr arguments; the bits a call folds from all entries or makes uniform.
 */
int pb_batch_source_bits(const char *name, int nargs, unsigned int *ignored);
unsigned int pb_batch_flag_bits(int nargs, unsigned long must,
				unsigned long may, unsigned int ignored);
unsigned int pb_batch_out_bits(int nargs, int idx);
bool pb_batch_write(const char *name, int nargs, int *value_idx, int *nr_idx);
unsigned int pb_batch_merge_bits(const char *name);
unsigned int pb_batch_uniform_bits(const char *name);
/* The hugetlb accessor meant where GENERIC is used (HUGETLB_PAIR), or NULL */
const char *pb_hugetlb_twin(const char *generic);
bool pb_is_hugetlb_accessor(const char *name);
/* folio-count: the single/batched count pair (FOLIO_PAIR) whose single form
 * (or, with BATCHED, batched form) is NAME, or NULL */
struct folio_pair;
const struct folio_pair *pb_folio_pair(const char *name, bool batched);

/* options.c: the options, and the checks' IDs (checks.def) */
struct pb_options {
	bool enabled[PB_NR_CHECKS];
	bool strict;
	bool static_helpers;	/* nr-zero: static helpers' definitions too */
	bool error;
	bool verbose;
	bool analyze_only;
	const char *output;	/* file or directory, or NULL */
};
extern struct pb_options pb_opts;
const char *pb_check_id(enum pb_check check);
/* plugin_init(): the build's levels, then the -fplugin-arg- options */
bool pb_parse_options(struct plugin_name_args *info, bool *disabled);

/* messages.def: what findings say, shared with the cocci rules */
enum pb_msg {
#define MSG(name, text) PB_MSG_##name,
#include "messages.def"
#undef MSG
	PB_NR_MSGS
};
extern const char *const pb_msgs[];
#define PB_MSG(name) (pb_msgs[PB_MSG_##name])

/* report.c: findings are collected, then emitted sorted at the TU's end */
struct pb_finding;
struct pb_finding *pb_report(enum pb_check check, location_t loc,
			     const char *function, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void pb_note(struct pb_finding *f, location_t loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pb_emit_all(void);
/* Name of the function whose body holds LOC, for preprocessor findings. */
const char *pb_function_at(location_t loc);

/*
 * The engine, in layers that each call only those before it (docs/plugin.md):
 * engine_store.c (the records of functions and calls), engine_values.c
 * (what a value is), engine_origins.c (where it comes from),
 * engine_paths.c (paths and the tests on them), engine_summary.c (what a
 * function does, the checks' queries).  The checks sit above all of them.
 *
 * Value-origin engine (engine_origins.c): where can a value come from?
 *
 * pb_origins() follows an SSA value back through copies, casts, PHIs,
 * MIN/MAX and ?:, arithmetic with constants, loads of locals (through the
 * virtual use-def chain, so -O0 and -O2 agree) and calls, and returns its
 * leaves.  A leaf carries the properties it is known to have (PB_P_*): its
 * own, plus those of every value it was min()'ed with (a clamp).  Leaves
 * that depend on the rest of the translation unit (a static function's
 * parameter, the value of a same-TU call) are resolved in finish() with
 * pb_resolve(), once every function was seen.
 */
enum pb_kind {
	PB_K_BATCH,	/* a batch source's result */
	PB_K_CONST,	/* an integer constant (value) */
	PB_K_FOLIO,	/* the folio's size */
	PB_K_ORDER,	/* 1 << order: the size of a large entry or folio */
	PB_K_PMD_END,	/* end of the current page table */
	PB_K_VMA_END,	/* vma->vm_end */
	PB_K_PARAM,	/* parameter PARAM of the function */
	PB_K_CALL,	/* result of a same-TU function (resolved later) */
	PB_K_MASK_END,	/* (x | ~mask) with mask parameter PARAM: the end of
			 * the block the caller's mask selects */
	PB_K_UNKNOWN,	/* anything else: other call, load, arithmetic */
};

/* Properties of a value (bit set). */
#define PB_P_NR		0x01u	/* an accepted nr for a batched helper */
#define PB_P_CREATE	0x02u	/* an accepted nr for a mapping-creation helper */
#define PB_P_PMD	0x04u	/* at most the end of the page table */
#define PB_P_VMA	0x08u	/* at most the end of the VMA */
#define PB_P_ONE	0x10u	/* provably 1 */
#define PB_P_EXTERN	0x20u	/* parameter of a function with unknown callers */
#define PB_P_SWAP	0x40u	/* an accepted nr for a swap-entry helper */
#define PB_P_ALL	0x7fu

struct pb_leaf {
	enum pb_kind kind;
	unsigned int props;	/* own properties | clamps (unresolved: 0) */
	unsigned int clamp_params; /* min()'ed with these parameters */
	unsigned int clamp_masks; /* min()'ed with PB_K_MASK_END of these */
	bool via_latch;		/* carried over from a previous loop iteration */
	bool distance;		/* only a distance from it (end - addr) */
	bool offset;		/* changed by a constant on the way (nr + 1) */
	int param;		/* PB_K_PARAM */
	unsigned int callee;	/* PB_K_CALL: DECL_UID of the callee */
	HOST_WIDE_INT value;	/* PB_K_CONST */
	location_t loc;		/* where the value was produced */
	const char *what;	/* callee name, field or NULL */
};

#define PB_MAX_LEAVES	12
struct pb_origins {
	int n;
	bool truncated;
	struct pb_leaf leaf[PB_MAX_LEAVES];
};

/* engine_origins.c: valid inside a check's call hook */
void pb_origins(gimple *at, tree value, struct pb_origins *out);
const char *pb_leaf_text(const struct pb_leaf *leaf);

/* engine_values.c: the current function and its values */
bool pb_same_value(tree a, tree b);
bool pb_is_back_edge(edge e);
/* TO is in no loop that does not also hold FROM (paths of one iteration) */
bool pb_same_iteration(const gimple *from, const gimple *to);
bool pb_is_page_size(tree value);
tree pb_strip_value(tree value);
const char *pb_value_name(tree value, const char *fallback);
location_t pb_loc(location_t loc);
location_t pb_stmt_loc(const gimple *stmt);
const char *pb_current_function(void);
unsigned int pb_current_uid(void);
int pb_call_arg_rule(const gimple *stmt, enum pb_role role);
/* STMT clears one PTE: the path it is on handles a single entry. */
bool pb_single_entry(const gimple *stmt);
/* Roles whose idx argument is the nr of a batch (roles.def's count). */
enum {
	PB_NR_ROLES_BITS = 0
#define ROLE(e, name, count, idx2, check) | ((count) ? PB_ROLE_BIT(e) : 0u)
#include "roles.def"
#undef ROLE
};

#define FOR_EACH_PB_STMT(fun, bb, gsi)					\
	FOR_EACH_BB_FN(bb, fun)						\
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))

/* engine_paths.c: paths within one iteration and the tests on them */
/* Bounds a limit gets from dominating tests and from aligning to it. */
unsigned int pb_guard_props(gimple *at, tree value, const struct pb_origins *o);
/*
 * A test on every path to AT shows VALUE is not 0: "if (!nr) return;",
 * "if (WARN_ON_ONCE(!nr)) return;", nr > 0, nr >= 1, or for a difference
 * end - addr (shifted or divided) a test that end != addr (a loop's
 * addr < end).  A VM_WARN_ON_ONCE(!nr) that goes on is no such test.
 */
bool pb_nonzero_on_path(gimple *at, tree value);
/* A test on every path to AT shows VALUE (a count) is 1: nr == 1, nr <= 1,
 * nr < 2, or !(nr > 1). */
bool pb_one_on_path(gimple *at, tree value);
/* Every path into E's destination comes through E (others are back edges). */
bool pb_only_entry(edge e);
/* verbose: print the origins found for a value as notes */
void pb_debug_origins(const gimple *stmt, const char *what,
		      const struct pb_origins *o);
/*
 * Paths within one iteration: visit the statements reachable from (forward)
 * or reaching (backward) FROM without crossing a loop's back edge.  The
 * callback returns true to end the path at that statement.
 */
typedef bool (*pb_stmt_fn)(gimple *stmt, void *ctx);
void pb_walk_paths(gimple *from, bool forward, pb_stmt_fn fn, void *ctx);
/*
 * Leaves of NR that are the result of a same-TU call known to be 1 on the
 * paths through AT (AT is dominated by the test that makes it return 1)
 * get PB_P_ONE: try_to_unmap_one()'s hwpoison path counts one page because
 * folio_unmap_pte_batch() returned 1 for TTU_HWPOISON.
 */
void pb_mark_one_paths(gimple *at, struct pb_origins *nr);

/* engine_store.c: per-TU summaries, resolved; used from a check's finish() */
unsigned int pb_resolve(unsigned int fn_uid, const struct pb_leaf *leaf);
unsigned int pb_resolve_all(unsigned int fn_uid, const struct pb_origins *o);
bool pb_callers_known(unsigned int fn_uid);

/* A call site that passes a value lacking WANT into a static function. */
struct pb_blame {
	location_t site;	/* the call that passes the value */
	const char *caller;	/* function holding that call */
	const char *callee;	/* the static function called */
	const struct pb_leaf *leaf; /* the bad leaf at the call site */
};
/*
 * Calls FN for each call site of static function FN_UID whose argument
 * PARAM has a leaf failing OK, following parameters of static callers.
 * OK == NULL: every leaf of every direct call site.
 */
typedef void (*pb_blame_fn)(const struct pb_blame *b, void *ctx);
int pb_blame_param(unsigned int fn_uid, int param,
		   bool (*ok)(unsigned int props), pb_blame_fn fn, void *ctx);
/* The same, with a test of the leaf itself (and its resolved props). */
int pb_blame_leaves(unsigned int fn_uid, int param,
		    bool (*ok)(const struct pb_leaf *l, unsigned int props),
		    pb_blame_fn fn, void *ctx);

/*
 * engine_summary.c: a check's question: pb_origins(), and the parameters
 * among the leaves are to be resolved from the callers in finish().
 * pb_origins() itself is pure.
 */
void pb_query(gimple *at, tree value, struct pb_origins *out);

/* Findings a check can only decide in finish(), kept as plain data. */
struct pb_cand {
	location_t loc;		/* where the finding goes */
	location_t loc2;	/* a related statement (the batched clear) */
	unsigned int fn_uid;
	const char *fn;		/* function holding loc */
	const char *callee;	/* helper called at loc */
	const char *callee2;	/* helper called at loc2 */
	const char *var;	/* user variable of the value */
	const char *var2;
	int flags;
	struct pb_origins o;
};
struct pb_cands {
	struct pb_cand *v;
	int n, max;
};
struct pb_cand *pb_cand_add(struct pb_cands *list);
/* A candidate for argument idx of call STMT of R: place, callee, the
 * argument's name (FALLBACK if it has none) and its origins (pb_query). */
struct pb_cand *pb_cand_arg(struct pb_cands *list, gimple *stmt,
			    const struct pb_rule *r, const char *fallback);
void pb_cands_free(struct pb_cands *list);

/*
 * A call that passes a batch's count on to a static function of this
 * translation unit, whose moves by one then count for the batch
 * (rss-count, folio-count): the call, the batch's call (the event), the
 * functions, the argument, the count's name and origins, whose leaves
 * that the paths through the call make 1 have PB_P_ONE.
 */
struct pb_pass {
	location_t call, event;
	unsigned int caller, callee;
	int arg;
	const char *callee_name, *event_name, *var;
	struct pb_origins o;
};
struct pb_passes {
	struct pb_pass *v;
	int n, max;
};
/* A function of this file that no rule names (its calls are summarised);
 * inline: the summaries and two checks ask it of every call. */
static inline tree pb_static_callee(const gimple *stmt)
{
	tree fndecl = is_gimple_call(stmt) ? gimple_call_fndecl(stmt) : NULL_TREE;
	cgraph_node *node;

	if (!fndecl || TREE_PUBLIC(fndecl) || pb_call_rule(stmt))
		return NULL_TREE;
	node = cgraph_node::get(fndecl);
	return node && node->definition ? fndecl : NULL_TREE;
}
/* A pass for each argument of call STMT that carries NR_VALUE (or merges
 * it with other paths' values), once per call and argument: EVENT the
 * batch's call, VAR the count's name, NR its origins. */
void pb_note_passes(struct pb_passes *list, gimple *stmt, gimple *event,
		    tree nr_value, const char *var, const struct pb_origins *nr);
void pb_passes_free(struct pb_passes *list);
/* Parameter PARAM of function CALLER is argument ARG of its call of static
 * function CALLEE: the callee's moves count for what the caller was passed. */
struct pb_forward {
	unsigned int caller, callee;
	int param, arg;
};
struct pb_forwards {
	struct pb_forward *v;
	int n, max;
};
/* A forward for each parameter of FUN that call STMT hands on to a
 * function of this file that no rule names. */
void pb_note_forwards(struct pb_forwards *list, function *fun, gimple *stmt);
void pb_forwards_free(struct pb_forwards *list);
/* FN for P's callee, and for each function the callee hands the count on
 * to (FW), four calls deep at most. */
typedef void (*pb_pass_fn)(const struct pb_pass *p, unsigned int fn_uid,
			   void *ctx);
void pb_pass_callees(const struct pb_pass *p, const struct pb_forwards *fw,
		     pb_pass_fn fn, void *ctx);

/*
 * The engine's hooks, called by ptebatch_plugin.c around the checks: per
 * function pb_engine_execute() (engine_values.c), then
 * pb_summary_record_function() (engine_summary.c), the checks' call hooks,
 * pb_engine_execute_end() (engine_values.c); per translation unit
 * pb_engine_finish() (engine_store.c), the checks' finish(), then
 * pb_engine_reset() (engine_store.c).
 */
void pb_engine_execute(function *fun);
void pb_summary_record_function(function *fun);
void pb_engine_execute_end(function *fun);
void pb_engine_finish(void);
void pb_engine_reset(void);

#endif /* PTEBATCH_H */
