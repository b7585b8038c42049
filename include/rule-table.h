/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rule-table.h - rules.def and roles.def as plain C data, for the tools
 * that cannot include the GCC headers: cocci/rulegen.c, which writes the
 * Coccinelle rules from the table, and testsuite/rules/test-rules.c.
 * The plugin has its own view in ptebatch.h and rules.c; the other lists
 * (rule-lists.h) are one expansion for both.
 */
#ifndef PTEBATCH_RULE_TABLE_H
#define PTEBATCH_RULE_TABLE_H

enum {
#define ROLE(e, name, count, idx2, check) e,
#include "roles.def"
#undef ROLE
	PB_NR_ROLES
};

/* each role's properties (roles.def) */
static const struct role_desc {
	int count, idx2;
	const char *check;
} roles[] __attribute__((unused)) = {
#define ROLE(e, name, count, idx2, check) { count, idx2, check },
#include "roles.def"
#undef ROLE
};

static const char *const role_names[] = {
#define ROLE(e, name, count, idx2, check) name,
#include "roles.def"
#undef ROLE
};

/* the roles whose idx argument is the nr of a batch, as bits */
enum {
	PB_NR_ROLES_BITS = 0
#define ROLE(e, name, count, idx2, check) | ((count) ? 1 << (e) : 0)
#include "roles.def"
#undef ROLE
};

static const struct rule {
	const char *name;
	int role, nargs, idx, idx2;
} rules[] = {
#define RULE(name, role, nargs, idx, idx2) { #name, role, nargs, idx, idx2 },
#include "rules.def"
#undef RULE
};
#define NR_RULES ((int)(sizeof(rules) / sizeof(rules[0])))

#include "rule-lists.h"

#endif
