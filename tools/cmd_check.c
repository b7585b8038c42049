// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_check.c - ptebatch check [--format=F] [--engine=E] [--checks=ID,...]
 *                              [--strict] FILE.c... [-- EXTRA-CFLAGS...]
 *
 * Runs both engines on standalone C files, merges their findings (one per
 * file, line and check, recording both engines), sorts and prints them.
 */
#include <stdlib.h>
#include <string.h>
#include "cmds.h"
#include "engine.h"
#include "output.h"

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

int cmd_check(int argc, char **argv)
{
	const struct output_format *fmt = output_format_find("text");
	struct run_opts o = { .engines = ENGINE_PLUGIN | ENGINE_COCCI };
	struct finding_list l = { 0 };
	struct out_ctx ctx = { PTEBATCH_VERSION, "check" };
	const char **files = calloc(argc + 1, sizeof(*files));
	int nr_files = 0, i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				argv_push(&o.cflags, argv[i]);
			break;
		}
		if (!strncmp(a, "--format=", 9)) {
			fmt = output_format_find(a + 9);
			if (!fmt)
				fail("unknown format '%s' (text, json, sarif, github)", a + 9);
		} else if (!strncmp(a, "--engine=", 9))
			o.engines = parse_engine(a + 9);
		else if (!strncmp(a, "--checks=", 9))
			run_opts_checks(&o, a + 9);
		else if (!strcmp(a, "--strict"))
			o.strict = true;
		else if (a[0] == '-' && a[1])
			fail("unknown option '%s' (see 'ptebatch check --help')", a);
		else
			files[nr_files++] = a;
	}
	if (!nr_files)
		fail("no input files (usage: ptebatch check [OPTIONS] FILE.c... [-- CFLAGS])");
	engines_available(&o);
	for (i = 0; i < nr_files; i++)
		engines_run(files[i], &o, &l);
	findings_finish(&l);
	fmt->emit(stdout, &l, &ctx);
	i = l.n ? EXIT_FINDINGS : EXIT_CLEAN;
	findings_clear(&l);
	argv_free(&o.cflags);
	free(files);
	return i;
}
