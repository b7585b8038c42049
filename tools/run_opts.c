// SPDX-License-Identifier: GPL-2.0-only
/*
 * run_opts.c - which checks a run wants, from --checks= or a build's
 * -W/-Wno- flags and W=1: the options every engine and the prefilter read,
 * kept apart from running the engines (engine.c) so both can ask.
 */
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "../include/levels.h"

void run_opts_checks(struct run_opts *o, const char *list)
{
	char *copy = xstrdup(list), *save = NULL, *id;

	o->filtered = true;
	for (id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		int c = check_index(id);

		if (c < 0)
			fail("unknown check ID '%s' (see 'ptebatch list')", id);
		o->only[c] = true;
	}
	free(copy);
}

/*
 * The levels of a build (kcheck): every check but the opt-in ones of
 * checks.def, unless make W=1 (KBUILD_EXTRA_WARN); then -Wptebatch-ID and
 * -Wno-ptebatch-ID from Kbuild's CF= (in CHECKFLAGS), in order.  An explicit
 * --checks list stays as given.
 */
void run_opts_build_levels(struct run_opts *o, int argc, char **argv)
{
	size_t j;
	int i, c;

	if (o->filtered)
		return;
	o->filtered = true;
	for (i = 0; i < nr_check_descs; i++)
		o->only[i] = true;
	if (!pb_extra_warn())
		for (j = 0; j < PB_NR_OPT_IN; j++)
			o->only[check_index(pb_opt_in[j])] = false;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool on = true;

		if (strncmp(a, "-W", 2))
			continue;
		a += 2;
		if (!strncmp(a, "no-", 3)) {
			on = false;
			a += 3;
		}
		if (strncmp(a, "ptebatch-", 9))
			continue;
		c = check_index(a + 9);
		if (c < 0)
			fail("unknown check in '%s' (see 'ptebatch list')", argv[i]);
		o->only[c] = on;
	}
}

bool run_opts_wants(const struct run_opts *o, int check)
{
	return !o->filtered || o->only[check];
}

bool run_opts_wants_of(const struct run_opts *o, int check, unsigned int engine)
{
	return run_opts_wants(o, check) &&
	       (!o->check_engines[check] || (o->check_engines[check] & engine));
}
