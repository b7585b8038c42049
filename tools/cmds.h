/* SPDX-License-Identifier: GPL-2.0-only */
/* cmds.h - subcommands: one file each (cmd_<name>.c), one table row each. */
#ifndef PTEBATCH_CMDS_H
#define PTEBATCH_CMDS_H

int cmd_check(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_plugin_path(int argc, char **argv);
int cmd_kcheck(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_bot(int argc, char **argv);
/* cc_wrap.c: run as ptebatch-<compiler> */
int cc_wrap(const char *cc, int argc, char **argv) __attribute__((noreturn));

/* help.c: from help.def */
#include <stdio.h>
void help_all(FILE *out);
int help_command(FILE *out, const char *name);	/* -1: no such command */
void help_man(FILE *out);

#endif
