/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lint_introduced.h - the findings a patch introduces, wherever they
 * land: a finding whose statement or any note (origin, call site) is on a
 * changed line or in a changed function, that the code before the patch
 * did not have.  "Did not have" compares identities (file, enclosing
 * function as the source text shows it, check, statement without white
 * space), never line numbers, and not the engine: the code before is
 * asked only about the candidates' checks, each of one engine that found
 * it.
 */
#ifndef PTEBATCH_LINT_INTRODUCED_H
#define PTEBATCH_LINT_INTRODUCED_H

#include "engine.h"
#include "lint_series.h"

/*
 * Apply patch P, the IDX-th of its series, to the files of S, and append
 * the findings it introduces to OUT.  O: the engines and checks (the
 * plugin only runs when S has a tree).  Its overlays are
 * <tmp>/p<IDX>/before and after.  Fails (exit 2) as series_apply() does,
 * or when an engine cannot run.
 */
void lint_patch(struct series_files *S, const struct run_opts *o,
		const struct patch *p, int idx, struct finding_list *out);

#endif
