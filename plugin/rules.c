// SPDX-License-Identifier: GPL-2.0-only
/*
 * rules.c - the rule table compiled from rules.def, and call look-ups.
 *
 * The table is compiled in rather than read at run time: the plugin runs in
 * every cc1 of a kernel build, and a missing or broken data file would be
 * one more way to fail inside the compiler.
 */
#include "ptebatch.h"
#include "rule-lists.h"

const struct pb_rule pb_rules[] = {
#define RULE(name, role, nargs, idx, idx2) { #name, role, nargs, idx, idx2 },
#include "rules.def"
#undef RULE
};
const unsigned int pb_nr_rules = ARRAY_SIZE(pb_rules);

/* Binary search by name, then the line for this argument count. */
const struct pb_rule *pb_rule_lookup(const char *name, int nargs)
{
	int lo = 0, hi = (int)pb_nr_rules - 1, i;

	if (!name)
		return NULL;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = strcmp(name, pb_rules[mid].name);

		if (c == 0) {
			lo = mid;
			break;
		}
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	if (lo >= (int)pb_nr_rules || strcmp(name, pb_rules[lo].name))
		return NULL;
	while (lo > 0 && !strcmp(name, pb_rules[lo - 1].name))
		lo--;
	for (i = lo; i < (int)pb_nr_rules && !strcmp(name, pb_rules[i].name); i++)
		if (pb_rules[i].nargs < 0 || pb_rules[i].nargs == nargs)
			return &pb_rules[i];
	return NULL;
}

const char *pb_callee_name(const gimple *stmt)
{
	tree fndecl;

	if (!stmt || !is_gimple_call(stmt))
		return NULL;
	fndecl = gimple_call_fndecl(stmt);
	return fndecl ? pb_decl_name(fndecl) : NULL;
}

const struct pb_rule *pb_call_rule(const gimple *stmt)
{
	const char *name = pb_callee_name(stmt);

	if (!name)
		return NULL;
	return pb_rule_lookup(name, (int)gimple_call_num_args(stmt));
}

static int cmp_name(const void *key, const void *elt)
{
	return strcmp((const char *)key, *(const char *const *)elt);
}


bool pb_needs_nr(const char *name)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(nonzero); i++)
		if (!strcmp(name, nonzero[i]))
			return true;
	return false;
}



bool pb_batch_type(tree type)
{
	char buf[128];
	const char *name = pb_type_name(type, buf, sizeof(buf));
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(batch_types); i++)
		if (!strcmp(name, batch_types[i]))
			return true;
	return false;
}

/* walk-stride: TYPE is an entry a page-table walk steps over (WALK_TYPE) */
bool pb_walk_type(tree type)
{
	char buf[128];
	const char *name = pb_type_name(type, buf, sizeof(buf));
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(walk_types); i++)
		if (!strcmp(name, walk_types[i]))
			return true;
	return false;
}

bool pb_batch_count(const char *name)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(batch_words); i++)
		if (strstr(name, batch_words[i]))
			return true;
	return false;
}


const char *pb_hugetlb_twin(const char *generic)
{
	const char *const *p;

	if (!generic)
		return NULL;
	p = (const char *const *)bsearch(generic, pairs,
					 ARRAY_SIZE(pairs),
					 sizeof(pairs[0]), cmp_name);
	return p ? p[1] : NULL;
}

bool pb_is_hugetlb_accessor(const char *name)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(pairs); i++)
		if (!strcmp(name, pairs[i][1]))
			return true;
	return false;
}

const char *pb_role_name(enum pb_role role)
{
	static const char *const names[] = {
#define ROLE(e, name, count, idx2, check) name,
#include "roles.def"
#undef ROLE
	};

	return (unsigned int)role < ARRAY_SIZE(names) ? names[role] : "?";
}

/* folio-count: the FOLIO_PAIR line whose single form is NAME, or whose
 * batched form is NAME (BATCHED). */
const struct folio_pair *pb_folio_pair(const char *name, bool batched)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(folio_pairs); i++)
		if (!strcmp(name, batched ? folio_pairs[i].batched :
					    folio_pairs[i].single))
			return &folio_pairs[i];
	return NULL;
}

/* --- batch-flags: rules.def's BATCH_* lists ----------------------------- */

int pb_batch_source_bits(const char *name, int nargs, unsigned int *ignored)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(batch_ignores); i++)
		if (batch_ignores[i].nargs == nargs &&
		    !strcmp(batch_ignores[i].name, name)) {
			*ignored = batch_ignores[i].bits;
			return batch_ignores[i].flags_idx;
		}
	return -2;
}

unsigned int pb_batch_flag_bits(int nargs, unsigned long must,
				unsigned long may, unsigned int ignored)
{
	unsigned int i, loose = ignored;

	for (i = 0; i < ARRAY_SIZE(batch_flags); i++) {
		const struct batch_flag *f = &batch_flags[i];

		if (f->nargs != nargs)
			continue;
		/* a bit is lost only on a path that surely loses it */
		if (f->effect == FPB_EFFECT_ignore && (must & f->value))
			loose |= f->bits;
		else if (f->effect != FPB_EFFECT_ignore && (may & f->value))
			loose &= ~f->bits;
	}
	return loose;
}

unsigned int pb_batch_out_bits(int nargs, int idx)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(batch_outs); i++)
		if (batch_outs[i].nargs == nargs && batch_outs[i].idx == idx)
			return batch_outs[i].bits;
	return 0;
}

bool pb_batch_write(const char *name, int nargs, int *value_idx, int *nr_idx)
{
	unsigned int i;

	for (i = 0; name && i < ARRAY_SIZE(batch_writes); i++)
		if (batch_writes[i].nargs == nargs &&
		    !strcmp(batch_writes[i].name, name)) {
			*value_idx = batch_writes[i].value_idx;
			*nr_idx = batch_writes[i].nr_idx;
			return true;
		}
	return false;
}

static unsigned int bits_of(const struct batch_bits *v, unsigned int n,
			    const char *name)
{
	unsigned int i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(v[i].name, name))
			return v[i].bits;
	return 0;
}

unsigned int pb_batch_merge_bits(const char *name)
{
	return bits_of(batch_merges, ARRAY_SIZE(batch_merges), name);
}

unsigned int pb_batch_uniform_bits(const char *name)
{
	return bits_of(batch_uniforms, ARRAY_SIZE(batch_uniforms), name);
}
