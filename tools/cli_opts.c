// SPDX-License-Identifier: GPL-2.0-only
/*
 * cli_opts.c - the options every finding-producing command shares (check,
 * kcheck, report, lint) and their emitting step.
 */
#include <stdlib.h>
#include <string.h>
#include "baseline.h"
#include "cli_opts.h"

void cli_opts_init(struct cli_opts *c)
{
	memset(c, 0, sizeof(*c));
	c->fmt = &output_formats[0];
	c->run.engines = ENGINE_PLUGIN | ENGINE_COCCI;
}

static unsigned int parse_engine(const char *e)
{
	if (!strcmp(e, "all"))
		return ENGINE_PLUGIN | ENGINE_COCCI;
	if (!strcmp(e, "plugin"))
		return ENGINE_PLUGIN;
	if (!strcmp(e, "cocci"))
		return ENGINE_COCCI;
	fail("unknown engine '%s' (all, plugin or cocci)", e);
}

bool cli_common_opt(struct cli_opts *c, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	if (!strncmp(a, "--format=", 9)) {
		c->fmt = output_format_find(a + 9);
		if (!c->fmt)
			fail("unknown format '%s' (%s)", a + 9, output_format_names);
	} else if (!strncmp(a, "--engine=", 9)) {
		c->run.engines = parse_engine(a + 9);
	} else if (!strncmp(a, "--checks=", 9)) {
		run_opts_checks(&c->run, a + 9);
	} else if (!strcmp(a, "--strict")) {
		c->run.strict = true;
	} else if (!strcmp(a, "--prefilter") || !strcmp(a, "--no-prefilter")) {
		c->run.prefilter = a[2] == 'p';
	} else if (!strncmp(a, "--baseline=", 11)) {
		c->baseline = a + 11;
	} else if (!strcmp(a, "--baseline")) {
		if (*i + 1 >= argc)
			fail("--baseline needs a file");
		c->baseline = argv[++*i];
	} else {
		return false;
	}
	return true;
}

int cli_emit(const struct cli_opts *c, FILE *out, struct finding_list *l,
	     const char *command)
{
	struct out_ctx ctx = { PTEBATCH_VERSION, command };

	if (c->baseline)
		baseline_apply(l, c->baseline);
	c->fmt->emit(out, l, &ctx);
	return l->n ? EXIT_FINDINGS : EXIT_CLEAN;
}
