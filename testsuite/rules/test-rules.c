// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-rules - unit test of plugin/rules.def (as GCC's function-set.cc
 * self-tests do): sorted by name then argument count, unique, indexes in
 * range; and every function a role needs is named by the Coccinelle rule
 * of the check that uses it, since .cocci files cannot include the table.
 *
 * usage: test-rules COCCI_DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
#define ROLE(e, name) e,
#include "../../plugin/roles.def"
#undef ROLE
	PB_NR_ROLES
};

/* roles whose idx2 is an argument index (rules.def says which) */
static int takes_idx2(int role)
{
	return role == PB_FLUSH_RANGE || role == PB_COUNTER_ADD ||
	       role == PB_CLEAR_BATCH || role == PB_FLUSH_SIZE ||
	       role == PB_VMA_RANGE;
}

static const struct rule {
	const char *name;
	int role, nargs, idx, idx2;
} rules[] = {
#define RULE(name, role, nargs, idx, idx2) { #name, role, nargs, idx, idx2 },
#include "../../plugin/rules.def"
#undef RULE
};

/* role -> the cocci rule that must name every such function */
static const char *const cocci_for_role[] = {
	[PB_BATCH_SOURCE] = "batch_bounds.cocci",
	[PB_BATCHED] = "nr_provenance.cocci",
	[PB_CLEAR_BATCH] = "nr_provenance.cocci",
	[PB_UNMAP] = "nr_provenance.cocci",
	[PB_FLUSH_RANGE] = "tlb_range.cocci",
	[PB_FLUSH_PAGE] = "tlb_range.cocci",
	[PB_COUNTER_ONE] = "rss_count.cocci",
	[PB_COUNTER_ADD] = "rss_count.cocci",
};

static int passed, failed;

static void expect(int cond, const char *what, const char *name)
{
	if (cond) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: %s\n", what, name);
}

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "r");
	char *buf;
	long n;

	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	rewind(in);
	buf = calloc(1, n + 1);
	if (buf && fread(buf, 1, n, in) != (size_t)n)
		buf[0] = 0;
	fclose(in);
	return buf;
}

/* NAME as a whole word of TEXT */
static int names(const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = text; (p = strstr(p, name)); p += len) {
		char before = p == text ? ' ' : p[-1];
		char after = p[len];

		if (!(before == '_' || (before >= 'a' && before <= 'z') ||
		      (before >= '0' && before <= '9')) &&
		    !(after == '_' || (after >= 'a' && after <= 'z') ||
		      (after >= '0' && after <= '9')))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cocci = argc > 1 ? argv[1] : "cocci";
	size_t n = sizeof(rules) / sizeof(rules[0]), i;

	for (i = 0; i < n; i++) {
		const struct rule *r = &rules[i];

		if (i) {
			int c = strcmp(rules[i - 1].name, r->name);

			expect(c < 0 || (c == 0 && rules[i - 1].nargs < r->nargs),
			       "sorted and unique", r->name);
		}
		expect(r->role > PB_NONE && r->role < PB_NR_ROLES, "role", r->name);
		expect(r->idx < r->nargs || r->nargs < 0, "idx in range", r->name);
		expect(!takes_idx2(r->role) ? r->idx2 == -1 :
		       r->idx2 >= 0 && r->idx2 < r->nargs,
		       "idx2 in range", r->name);
		expect((r->role == PB_FOLIO_SIZE || r->role == PB_RSS_INDEX) ==
		       (r->idx == -1), "idx set iff the role takes an argument", r->name);
	}
	for (i = 0; i < n; i++) {
		const char *file = (size_t)rules[i].role < sizeof(cocci_for_role) / sizeof(cocci_for_role[0]) ?
				   cocci_for_role[rules[i].role] : NULL;
		char path[4096], *text, what[256];

		if (!file)
			continue;
		snprintf(path, sizeof(path), "%s/%s", cocci, file);
		text = slurp(path);
		if (!text)
			continue;	/* that rule does not exist (yet) */
		snprintf(what, sizeof(what), "named in cocci/%s", file);
		expect(names(text, rules[i].name), what, rules[i].name);
		free(text);
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
