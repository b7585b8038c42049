/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rule-table.h - rules.def and roles.def as plain C data, for the tools
 * that cannot include the GCC headers: cocci/rulegen.c, which writes the
 * Coccinelle rules from the table, and testsuite/rules/test-rules.c.
 * The plugin has its own view in ptebatch.h and rules.c.
 */
#ifndef PTEBATCH_RULE_TABLE_H
#define PTEBATCH_RULE_TABLE_H

enum {
#define ROLE(e, name) e,
#include "roles.def"
#undef ROLE
	PB_NR_ROLES
};

static const char *const role_names[] = {
#define ROLE(e, name) name,
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

/* rules.def's other lists: helpers that need nr >= 1, hugetlb pairs, the
 * parameter types and count names of a batched helper (nr-zero) */
#define RULE(name, role, nargs, idx, idx2)
static const char *const nonzero[] = {
#define NR_NONZERO(name) #name,
#include "rules.def"
#undef NR_NONZERO
};
static const char *const pairs[][2] = {
#define HUGETLB_PAIR(generic, hugetlb) { #generic, #hugetlb },
#include "rules.def"
#undef HUGETLB_PAIR
};
static const char *const batch_types[] = {
#define NR_BATCH_TYPE(type) #type,
#include "rules.def"
#undef NR_BATCH_TYPE
};
static const char *const batch_words[] = {
#define NR_BATCH_WORD(word) #word,
#include "rules.def"
#undef NR_BATCH_WORD
};
#undef RULE
#define NR_NONZERO_LINES ((int)(sizeof(nonzero) / sizeof(nonzero[0])))
#define NR_PAIRS ((int)(sizeof(pairs) / sizeof(pairs[0])))
#define NR_BATCH_TYPES ((int)(sizeof(batch_types) / sizeof(batch_types[0])))
#define NR_BATCH_WORDS ((int)(sizeof(batch_words) / sizeof(batch_words[0])))

#endif
