/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lint_series.h - a series and its patches, for lint and whatever else
 * asks what a patch changes: the files as the series leaves them, patch
 * by patch (their contents before it from git, the kernel tree or the
 * current directory), and, for each patch, what changed in each C file
 * (lines, the functions they are in, the code before beside the code
 * after).
 */
#ifndef PTEBATCH_LINT_SERIES_H
#define PTEBATCH_LINT_SERIES_H

#include <stdbool.h>
#include "patch.h"

/* One file as the patches so far leave it. */
struct series_file {
	char *path;		/* as the patch names it: mm/rmap.c */
	struct text text;
	bool exists;
};

/* The files a series touches, and where their first contents come from. */
struct series_files {
	const char *tree;	/* the kernel tree, absolute, or NULL */
	const char *cwd;
	const char *git_dir;	/* the tree when given, else the cwd */
	struct series_file **file;
	int nr_files;
	bool git_checked, in_git;
};

/* TREE (absolute, or NULL) and CWD stay the caller's. */
void series_files_init(struct series_files *S, const char *tree, const char *cwd);
void series_files_free(struct series_files *S);

/* Append the patches of the git RANGE (git format-patch) to S; fails
 * (exit 2) when git cannot give them. */
void series_read_git(struct series *s, const char *range);

/* One C file of one patch: what changed. */
struct change {
	struct series_file *sf;	/* the code after the patch */
	struct text before;	/* the code before it */
	bool existed;
	bool *added, *touched_line;	/* per line of the code after */
	int *func_of_line, *before_func;	/* c_functions() of each side */
	bool *touched_func;	/* by function index of the code after */
	/* the functions whose bodies the Coccinelle rules need (NULL: all;
	 * lint_overlay.c) */
	bool *keep_after, *keep_before;
};

/*
 * Apply patch P to the files of S: its changes to .c and .h files, one
 * struct change each, in *CH; returns how many.  Fails (exit 2) when a
 * file is not found or a hunk does not apply.
 */
int series_apply(struct series_files *S, const struct patch *p,
		 struct change **ch);
void changes_free(struct change *ch, int nr);

/* The change to FILE, or NULL. */
const struct change *change_of(const struct change *ch, int nr, const char *file);
/* Is FILE:LINE (1-based) changed by the patch, or in a function it changes? */
bool changed_at(const struct change *ch, int nr, const char *file, int line);

#endif
