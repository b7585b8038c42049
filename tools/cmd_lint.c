// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_lint.c - ptebatch lint [--tree KERNEL_DIR] [--format=F] [--engine=E]
 *                  [--checks=IDS] [--baseline FILE] [PATCH...|-|--git RANGE]
 *
 * The findings a patch introduces, for each patch of a series, wherever they
 * land (lint_introduced.h): the series and its patches (lint_series.h), each
 * side of a patch in an overlay of the tree (lint_overlay.h), the code
 * before's plugin compile started beside the code after's
 * (lint_speculate.h).  This file is the command: its options, the calls,
 * the output and the exit status.
 *
 * Without --tree only the Coccinelle rules run, on the files' contents from
 * git (a patch made by git format-patch names its commit) or the current
 * directory.
 *
 * Exit 0 clean, 1 findings, 2 error (a hunk that does not apply, not a
 * kernel tree, a missing tool).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "baseline.h"
#include "cli_opts.h"
#include "cmds.h"
#include "lint_introduced.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* TREE, absolute; fails (exit 2) unless it is a configured kernel tree */
static char *check_tree(const char *cwd, const char *tree)
{
	char *mk = xasprintf("%s/Makefile", tree);
	char *mm = xasprintf("%s/mm", tree);
	char *cfg = xasprintf("%s/.config", tree);

	if (access(mk, R_OK) || !is_dir(mm))
		fail("%s is not a kernel tree (no Makefile and mm/)", tree);
	if (access(cfg, R_OK))
		fail("%s is not a configured kernel tree (no .config): run make defconfig, "
		     "or lint without --tree", tree);
	free(mk);
	free(mm);
	free(cfg);
	return path_join(cwd, tree);
}

static void summary(FILE *out, size_t warnings, int lines)
{
	fprintf(out, "total: %zu warnings, %d lines checked\n", warnings, lines);
}

/*
 * Each patch's findings as it is done, unless the format is one document
 * (formats.def); with a compiler's diagnostics, in a series, a heading and
 * a total per patch.  The series' total goes where the format allows.
 */
static int emit_series(const struct cli_opts *c, struct series_files *S,
		       const struct series *s)
{
	const struct output_format *fmt = c->fmt;
	bool diag = fmt->stream == FMT_DIAG;
	struct out_ctx ctx = { PTEBATCH_VERSION, "lint" };
	struct finding_list all = { 0 };
	int i, lines = 0, status;
	size_t j;

	for (i = 0; i < s->n; i++) {
		struct finding_list l = { 0 };

		lint_patch(S, &c->run, &s->v[i], i, &l);
		if (c->baseline)
			baseline_apply(&l, c->baseline);
		lines += s->v[i].nr_lines;
		if (diag && s->n > 1)
			printf("%s[%d/%d] %s\n", i ? "\n" : "", i + 1, s->n,
			       s->v[i].subject);
		if (!fmt->whole)
			fmt->emit(stdout, &l, &ctx);
		if (diag && s->n > 1)
			summary(stdout, l.n, s->v[i].nr_lines);
		for (j = 0; j < l.n; j++)
			findings_add(&all, &l.v[j]);
		l.n = 0;
		findings_clear(&l);
	}
	if (fmt->whole)
		fmt->emit(stdout, &all, &ctx);
	if (diag && s->n > 1)
		putchar('\n');
	if (fmt->stream != FMT_CHECK)
		summary(diag ? stdout : stderr, all.n, lines);
	status = all.n ? EXIT_FINDINGS : EXIT_CLEAN;
	findings_clear(&all);
	return status;
}

int cmd_lint(int argc, char **argv)
{
	struct cli_opts c;
	struct series_files S;
	struct series s = { 0 };
	const char *range = NULL;
	char *cwd = current_dir(), *tree = NULL;
	bool any_input = false;
	int i, status;

	cli_opts_init(&c);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_common_opt(&c, argc, argv, &i))
			continue;
		if (!strcmp(a, "--tree") && i + 1 < argc)
			tree = check_tree(cwd, argv[++i]);
		else if (!strncmp(a, "--tree=", 7))
			tree = check_tree(cwd, a + 7);
		else if (!strcmp(a, "--git") && i + 1 < argc)
			range = argv[++i];
		else if (!strncmp(a, "--git=", 6))
			range = a + 6;
		else if (a[0] == '-' && a[1])
			fail("unknown option '%s' (see 'ptebatch lint --help')", a);
		else {
			char *t = read_all(a);
			int first = s.n, files = 0, k;

			if (!t)
				fail("%s: No such file or not readable", a);
			series_parse(&s, t, strcmp(a, "-") ? a : "<stdin>");
			free(t);
			/* a text or a mail without a diff is bad input, not a clean patch */
			for (k = first; k < s.n; k++)
				files += s.v[k].nr_files;
			if (!files)
				fail("%s: no patch found", strcmp(a, "-") ? a : "<stdin>");
			any_input = true;
		}
	}
	series_files_init(&S, tree, cwd);
	if (range)
		series_read_git(&s, range);
	else if (!any_input)
		fail("no patch (usage: ptebatch lint [--tree DIR] [PATCH...|-|--git RANGE])");
	if (!tree)
		c.run.engines &= ENGINE_COCCI;
	if (!c.run.engines)
		fail("--engine=plugin needs --tree (the plugin compiles the patched files)");
	/* a helper the patch adds is new code, whatever its callers: nr-zero
	 * reports static helpers' definitions too (builds do not) */
	c.run.static_helpers = true;
	/* the tree's directory's precompiled header, as kcheck's (pch.c),
	 * and its mmdebug.h for the rules */
	c.run.pch = true;
	c.run.tree = tree;
	engines_available(&c.run);
	if (!tree && c.fmt->stream != FMT_CHECK)
		fprintf(stderr, "ptebatch: note: no --tree: only the Coccinelle rules "
			"ran (the GCC plugin needs a configured kernel tree)\n");
	status = emit_series(&c, &S, &s);
	series_files_free(&S);
	free(tree);
	free(cwd);
	return status;
}
