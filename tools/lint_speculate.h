/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lint_speculate.h - the speculative plugin run of the code before a
 * patch.  Most patches to a function that has findings need the code
 * before asked about them (their statements were there before): the
 * plugin compile of each changed .c file's code before starts beside the
 * code after's, on the second CPU, before that is known, and is dropped
 * when it is not needed (a failed compile too: the patch may fix the
 * build).
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

/* Start the plugin on each changed .c file of side S (the code before,
 * written already) that exists on both sides. */
void speculate_start(struct speculation *sp, const struct lint_side *s,
		     const struct run_opts *o);
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
