// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_baseline.c - ptebatch baseline [check|report|lint] ARGS... > FILE
 *
 * Runs the subcommand (default: check) with --format=json: one finding per
 * line, with its fingerprint.  Later runs with --baseline FILE
 * report only findings that are not in it.  Exit 0 unless an error.
 */
#include <stdlib.h>
#include <string.h>
#include "cmds.h"
#include "util.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} targets[] = {
	{ "check", cmd_check },
	{ "report", cmd_report },
	{ "lint", cmd_lint },
};

int cmd_baseline(int argc, char **argv)
{
	int (*run)(int, char **) = cmd_check;
	char **args = calloc(argc + 2, sizeof(*args));
	int first = 1, i, n = 0, status;
	size_t t;

	for (t = 0; argc > 1 && t < sizeof(targets) / sizeof(targets[0]); t++)
		if (!strcmp(argv[1], targets[t].name)) {
			run = targets[t].run;
			first = 2;
		}
	args[n++] = argv[0];
	for (i = first; i < argc; i++)
		args[n++] = argv[i];
	/* last --format wins: ours */
	args[n++] = "--format=json";
	/* options before "--" (check's EXTRA-CFLAGS) */
	for (i = 1; i < n - 1; i++)
		if (!strcmp(args[i], "--")) {
			memmove(&args[i + 1], &args[i], (n - 1 - i) * sizeof(*args));
			args[i] = "--format=json";
			break;
		}
	args[n] = NULL;
	status = run(n, args);
	free(args);
	return status == EXIT_FINDINGS ? EXIT_CLEAN : status;
}
