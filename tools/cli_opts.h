/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli_opts.h - the options every finding-producing command shares
 * (--format, --engine, --checks, --strict, --baseline) and the step that
 * applies the baseline and writes the findings.
 */
#ifndef PTEBATCH_CLI_OPTS_H
#define PTEBATCH_CLI_OPTS_H

#include "engine.h"
#include "output.h"

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
