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

struct pb_check_info {
	const char *id;
	const char *summary;
	/* per function, on SSA form, before inlining */
	void (*execute)(function *fun);
	/* once per translation unit, after every function was seen */
	void (*finish)(void);
	/* once at plugin_init, when the check is enabled */
	void (*init)(void);
};
extern const struct pb_check_info *pb_check_info(int check);

enum pb_role {
	PB_NONE,
	PB_BATCH_SOURCE,
	PB_BATCHED,
	PB_CREATE,
	PB_FLUSH_RANGE,
	PB_FLUSH_PAGE,
	PB_COUNTER_ONE,
	PB_COUNTER_ADD,
	PB_FOLIO_SIZE,
	PB_RSS_INDEX,
	PB_CLEAR_ONE,
};

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

/* options (ptebatch_plugin.c) */
struct pb_options {
	bool enabled[PB_NR_CHECKS];
	bool strict;
	bool error;
	bool verbose;
	bool analyze_only;
	const char *output;	/* file or directory, or NULL */
};
extern struct pb_options pb_opts;

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


#endif /* PTEBATCH_H */
