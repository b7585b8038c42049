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

/* The help text of each lives in help.def. */
static const struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
} subcommands[] = {
	{ "check", cmd_check },
	{ "kcheck", cmd_kcheck },
	{ "report", cmd_report },
	{ "lint", cmd_lint },
	{ "baseline", cmd_baseline },
	{ "bot", cmd_bot },
	{ "list", cmd_list },
	{ "plugin-path", cmd_plugin_path },
};

#define NR_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static int help(int argc, char **argv)
{
	if (argc < 2) {
		help_all(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--man")) {
		help_man(stdout);
		return 0;
	}
	if (help_command(stdout, argv[1]) < 0) {
		fprintf(stderr, "ptebatch: error: no command '%s' (see 'ptebatch help')\n",
			argv[1]);
		return EXIT_ERROR;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *self = strrchr(argv[0], '/');
	size_t i;

	/* ptebatch-gcc and the like: a compiler with the plugin (cc_wrap.c) */
	self = self ? self + 1 : argv[0];
	if (!strncmp(self, "ptebatch-", 9) && strstr(self + 9, "gcc"))
		cc_wrap(self + 9, argc, argv);
	signals_init();
	if (argc < 2) {
		help_all(stderr);
		return EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("ptebatch %s\n", PTEBATCH_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help"))
		return help(argc - 1, argv + 1);
	for (i = 0; i < NR_SUBCOMMANDS; i++) {
		if (strcmp(argv[1], subcommands[i].name))
			continue;
		if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h")))
			return help(2, argv);
		return subcommands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "ptebatch: error: unknown command '%s' (see 'ptebatch --help')\n",
		argv[1]);
	return EXIT_ERROR;
}
