/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rule-lists.h - rules.def's lists other than the helpers, as plain C
 * arrays: the helpers that need nr >= 1, the hugetlb pairs (generic
 * first: sorted by it, so a search key fits), and the parameter types and
 * count names of a batched helper (nr-zero).  One expansion for the
 * plugin (rules.c) and the tools (rule-table.h).
 */
#ifndef PTEBATCH_RULE_LISTS_H
#define PTEBATCH_RULE_LISTS_H

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
/* walk-stride */
static const char *const walk_types[] = {
#define WALK_TYPE(type) #type,
#include "rules.def"
#undef WALK_TYPE
};
#undef RULE
#define NR_NONZERO_LINES ((int)(sizeof(nonzero) / sizeof(nonzero[0])))
#define NR_PAIRS ((int)(sizeof(pairs) / sizeof(pairs[0])))
#define NR_BATCH_TYPES ((int)(sizeof(batch_types) / sizeof(batch_types[0])))
#define NR_BATCH_WORDS ((int)(sizeof(batch_words) / sizeof(batch_words[0])))
#define NR_WALK_TYPES ((int)(sizeof(walk_types) / sizeof(walk_types[0])))

#endif
