/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rule-lists.h - rules.def's lists other than the helpers, as plain C
 * arrays: the helpers that need nr >= 1, the hugetlb pairs (generic
 * first: sorted by it, so a search key fits), and the parameter types and
 * count names of a batched helper (nr-zero), and the single/batched
 * folio count pairs (folio-count).  One expansion for the plugin
 * (rules.c) and the tools (rule-table.h).
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
static const struct folio_pair {
	const char *single, *batched;
	int nr;
	int mapcount;	/* 0: the reference count */
} folio_pairs[] = {
#define FOLIO_PAIR(single, batched, nr, count) \
	{ #single, #batched, nr, FOLIO_PAIR_##count },
#define FOLIO_PAIR_REF 0
#define FOLIO_PAIR_MAP 1
#include "rules.def"
#undef FOLIO_PAIR_MAP
#undef FOLIO_PAIR_REF
#undef FOLIO_PAIR
};
/* walk-stride */
static const char *const walk_types[] = {
#define WALK_TYPE(type) #type,
#include "rules.def"
#undef WALK_TYPE
};
/* batch-flags: the bits of an entry the lists speak of */
#define PTE_W	0x1u	/* writable */
#define PTE_Y	0x2u	/* accessed (young) */
#define PTE_D	0x4u	/* dirty */
#define PTE_S	0x8u	/* soft-dirty */
enum { FPB_EFFECT_respect, FPB_EFFECT_merge, FPB_EFFECT_ignore };
static const struct batch_ignores {
	const char *name;
	int nargs, flags_idx;
	unsigned int bits;
} batch_ignores[] = {
#define BATCH_IGNORES(name, nargs, fidx, bits) { #name, nargs, fidx, bits },
#include "rules.def"
#undef BATCH_IGNORES
};
static const struct batch_flag {
	int nargs;
	const char *name;
	unsigned long value;
	int effect;
	unsigned int bits;
} batch_flags[] = {
#define BATCH_FLAG(nargs, name, value, effect, bits) \
	{ nargs, #name, value, FPB_EFFECT_##effect, bits },
#include "rules.def"
#undef BATCH_FLAG
};
static const struct batch_out {
	int nargs, idx;
	unsigned int bits;
} batch_outs[] = {
#define BATCH_OUT(nargs, idx, bits) { nargs, idx, bits },
#include "rules.def"
#undef BATCH_OUT
};
static const struct batch_write {
	const char *name;
	int nargs, value_idx, nr_idx;
} batch_writes[] = {
#define BATCH_WRITE(name, nargs, vidx, nidx) { #name, nargs, vidx, nidx },
#include "rules.def"
#undef BATCH_WRITE
};
static const struct batch_bits {
	const char *name;
	unsigned int bits;
} batch_merges[] = {
#define BATCH_MERGE(name, bits) { #name, bits },
#include "rules.def"
#undef BATCH_MERGE
}, batch_uniforms[] = {
#define BATCH_UNIFORM(name, bits) { #name, bits },
#include "rules.def"
#undef BATCH_UNIFORM
};
#undef RULE
#define NR_NONZERO_LINES ((int)(sizeof(nonzero) / sizeof(nonzero[0])))
#define NR_PAIRS ((int)(sizeof(pairs) / sizeof(pairs[0])))
#define NR_BATCH_TYPES ((int)(sizeof(batch_types) / sizeof(batch_types[0])))
#define NR_BATCH_WORDS ((int)(sizeof(batch_words) / sizeof(batch_words[0])))
#define NR_FOLIO_PAIRS ((int)(sizeof(folio_pairs) / sizeof(folio_pairs[0])))
#define NR_WALK_TYPES ((int)(sizeof(walk_types) / sizeof(walk_types[0])))
#define NR_BATCH_IGNORES ((int)(sizeof(batch_ignores) / sizeof(batch_ignores[0])))
#define NR_BATCH_FLAGS ((int)(sizeof(batch_flags) / sizeof(batch_flags[0])))
#define NR_BATCH_OUTS ((int)(sizeof(batch_outs) / sizeof(batch_outs[0])))
#define NR_BATCH_WRITES ((int)(sizeof(batch_writes) / sizeof(batch_writes[0])))
#define NR_BATCH_MERGES ((int)(sizeof(batch_merges) / sizeof(batch_merges[0])))
#define NR_BATCH_UNIFORMS ((int)(sizeof(batch_uniforms) / sizeof(batch_uniforms[0])))

#endif
