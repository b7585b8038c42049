// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_list.c - ptebatch list: the checks, and which engines implement them
 * here (the plugin implements every check; a Coccinelle rule exists when
 * cocci/<name>.cocci does).  ptebatch plugin-path: for KCFLAGS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "cmds.h"
#include "finding.h"
#include "util.h"

int cmd_list(int argc, char **argv)
{
	int i;

	for (i = 0; i < nr_check_descs; i++) {
		char *rule = xasprintf("%s/%s.cocci", cocci_dir(),
				       check_descs[i].cname);

		printf("%-14s %-13s %s\n", check_descs[i].id,
		       access(rule, R_OK) ? "plugin" : "plugin,cocci",
		       check_descs[i].summary);
		free(rule);
	}
	return 0;
}

int cmd_plugin_path(int argc, char **argv)
{
	if (access(plugin_path(), R_OK))
		fail("GCC plugin for %s not found at %s (run '%s')", compiler(),
		     plugin_path(), plugin_make());
	puts(plugin_path());
	return 0;
}
