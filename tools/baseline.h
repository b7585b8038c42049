/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * baseline.h - known findings, keyed by fingerprint (file, function, check,
 * normalised statement: never the line), so that only new findings fail CI.
 * Also the options every finding-producing subcommand shares.
 */
#ifndef PTEBATCH_BASELINE_H
#define PTEBATCH_BASELINE_H

#include "engine.h"
#include "output.h"

/*
 * Drop the findings of L whose fingerprint is in the baseline file PATH
 * (findings as JSON lines, --format=json).  A fingerprint listed twice
 * suppresses two findings: a third copy of a known mistake is new.  Fails
 * (exit 2) when PATH cannot be read or is not findings JSON.
 */
void baseline_apply(struct finding_list *l, const char *path);

struct cli_opts {
	const struct output_format *fmt;
	struct run_opts run;
	const char *baseline;
};

void cli_opts_init(struct cli_opts *c);
/* Consume ARGV[*I] (and its value) if it is a shared option:
 * --format=F --engine=E --checks=IDS --strict --baseline[=]FILE. */
bool cli_common_opt(struct cli_opts *c, int argc, char **argv, int *i);
/* Baseline, emit to OUT, return the exit status (0 clean, 1 findings). */
int cli_emit(const struct cli_opts *c, FILE *out, struct finding_list *l,
	     const char *command);

#endif
