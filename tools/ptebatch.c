// SPDX-License-Identifier: GPL-2.0-only
/*
 * ptebatch - static checker for batched PTE handling of large folios.
 *
 * The driver: a table of subcommands, one file each.  Exit status: 0 clean,
 * 1 findings, 2 error (one line on stderr).
 */
#include <stdio.h>
#include <string.h>
#include "cmds.h"
#include "util.h"

static const struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} subcommands[] = {
	{ "check", cmd_check,
	  "check [--format=text|json|sarif|github] [--engine=all|plugin|cocci]\n"
	  "\t\t[--checks=ID,...] [--strict] [--baseline FILE] [-p DIR]\n"
	  "\t\tFILE.c... [-- EXTRA-CFLAGS...]" },
	{ "kcheck", cmd_kcheck,
	  "kcheck [--error] [--sparse] [--output=DIR] [OPTIONS] $(CHECKFLAGS)\n"
	  "\t\t$(c_flags) FILE.c   (make C=1 CHECK=\"ptebatch kcheck\")" },
	{ "report", cmd_report,
	  "report [--format=F] [--baseline FILE] DIR|FILE.jsonl...\n"
	  "\t\tfindings of a KCFLAGS build (plugin output=DIR), de-duplicated" },
	{ "lint", cmd_lint,
	  "lint [--tree KERNEL_DIR] [OPTIONS] [PATCH...|-|--git RANGE]\n"
	  "\t\tthe findings a patch (series) introduces" },
	{ "baseline", cmd_baseline,
	  "baseline [check|report|lint] ARGS... > FILE\n"
	  "\t\tknown findings, for --baseline FILE" },
	{ "list", cmd_list, "list\t\tthe checks and the engines that implement them" },
	{ "plugin-path", cmd_plugin_path,
	  "plugin-path\tpath of the GCC plugin (for KCFLAGS=-fplugin=...)" },
};

#define NR_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static int usage(FILE *out, int status)
{
	size_t i;

	fprintf(out, "usage: ptebatch [--version] [--help] COMMAND [ARGS]\n\n");
	for (i = 0; i < NR_SUBCOMMANDS; i++)
		fprintf(out, "  ptebatch %s\n", subcommands[i].usage);
	fprintf(out, "\nexit status: 0 clean, 1 findings, 2 error\n"
		"checks: see 'ptebatch list'; docs: docs/ and README.md\n");
	return status;
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage(stderr, EXIT_ERROR);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("ptebatch %s\n", PTEBATCH_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return usage(stdout, 0);
	for (i = 0; i < NR_SUBCOMMANDS; i++) {
		if (strcmp(argv[1], subcommands[i].name))
			continue;
		if (argc > 2 && !strcmp(argv[2], "--help")) {
			printf("usage: ptebatch %s\n", subcommands[i].usage);
			return 0;
		}
		return subcommands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "ptebatch: error: unknown command '%s' (see 'ptebatch --help')\n",
		argv[1]);
	return EXIT_ERROR;
}
