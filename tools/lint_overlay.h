/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lint_overlay.h - the overlay tree of one side of a patch (the code
 * before or after it): the patched files in a private directory,
 * <tmp>/p<N>/<side>/<path>, compiled with the kernel tree's real flags
 * and the overlay's include directories first, so that a patched header
 * is seen; the copies the Coccinelle rules read, with the bodies they do
 * not need blanked; the engines run on that side.  The kernel tree itself
 * is never written.
 */
#ifndef PTEBATCH_LINT_OVERLAY_H
#define PTEBATCH_LINT_OVERLAY_H

#include "engine.h"
#include "lint_series.h"

/* The plugin's findings of changed file K, L's FROM..end, heard while the
 * rules still run on it */
typedef void side_heard_fn(void *arg, int k, struct finding_list *l, size_t from);

struct lint_side {
	const struct series_files *S;
	const char *dir;	/* the overlay: <tmp>/p<N>/after */
	bool before;		/* the code before the patch */
	struct change *ch;	/* the patch's changes (series_apply()) */
	int nr;
	side_heard_fn *heard;	/* or NULL */
	void *heard_arg;
};

/* Write every file of the series as this side has it into S->dir. */
void side_write(const struct lint_side *s);

/* The compile flags of PATH in the tree, for its copy in the overlay DIR;
 * fails (exit 2) when the tree has none. */
void side_cflags(const char *tree, const char *dir, const char *path,
		 struct argv_buf *out);

/* Which function bodies the rules need on each side of C (sets
 * keep_after/keep_before; left NULL: the whole file). */
void change_plan_cocci(struct change *c);

/*
 * What to ask of the changed file K on this side.  O is a copy of the
 * options the side runs with: narrow it, add to RAW what is known
 * already; false: nothing to ask of that file.
 */
typedef bool side_ask_fn(void *arg, int k, struct run_opts *o,
			 struct finding_list *raw);

/*
 * The findings of this side (ASK NULL: everything O asks), limited to
 * the files the patch changes, merged and fingerprinted, their paths
 * relative to the overlay: appended to L.
 */
void side_run(const struct lint_side *s, const struct run_opts *o,
	      side_ask_fn *ask, void *arg, struct finding_list *l);

#endif
