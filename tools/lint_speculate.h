/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lint_speculate.h - the plugin run of the code before a patch, started
 * early.  When the plugin's findings of the code after include a
 * candidate the code before may have had (its statement was there
 * before), the code before's compile is needed: it starts then, on the
 * CPU the code after's compile just left, while the rules still run on the
 * code after.  It is dropped when the rules' findings answer otherwise (a
 * failed compile too: the patch may fix the build).
 */
#ifndef PTEBATCH_LINT_SPECULATE_H
#define PTEBATCH_LINT_SPECULATE_H

#include "lint_overlay.h"

/* The code before's plugin run of each changed file. */
struct speculation {
	struct plugin_job *job;		/* per change; pid 0: none started */
	struct finding_list *l;		/* per change: what it reported */
	bool *ran;			/* per change: it ran and compiled */
	int nr;
};

/* For NR changed files; nothing started. */
void speculate_init(struct speculation *sp, int nr);
/* Start the plugin on changed file K of side S (the code before, written
 * already) if it is a .c file on both sides and not started yet. */
void speculate_start(struct speculation *sp, const struct lint_side *s,
		     const struct run_opts *o, int k);
/* Wait for the runs; keep their findings only if NEEDED. */
void speculate_finish(struct speculation *sp, bool needed);
/*
 * When the plugin ran on change K: move to RAW its findings that O asks
 * of the plugin, and take the plugin out of O (its answer is in).
 */
void speculate_take(struct speculation *sp, int k, struct run_opts *o,
		    struct finding_list *raw);
void speculate_free(struct speculation *sp);

#endif
