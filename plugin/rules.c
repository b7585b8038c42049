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
#define ROLE(e, name) name,
#include "roles.def"
#undef ROLE
	};

	return (unsigned int)role < ARRAY_SIZE(names) ? names[role] : "?";
}
