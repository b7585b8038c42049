/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * output.h - output formats: one file each (out_<name>.c), same entry
 * point, all rendering the same finding records.
 */
#ifndef PTEBATCH_OUTPUT_H
#define PTEBATCH_OUTPUT_H

#include "finding.h"

struct out_ctx {
	const char *tool_version;
	const char *command;	/* "check", "lint", ... (for SARIF) */
};

struct output_format {
	const char *name;
	void (*emit)(FILE *out, const struct finding_list *l,
		     const struct out_ctx *ctx);
};

void out_text(FILE *out, const struct finding_list *l, const struct out_ctx *ctx);
void out_json(FILE *out, const struct finding_list *l, const struct out_ctx *ctx);
void out_sarif(FILE *out, const struct finding_list *l, const struct out_ctx *ctx);
void out_github(FILE *out, const struct finding_list *l, const struct out_ctx *ctx);
void out_b4(FILE *out, const struct finding_list *l, const struct out_ctx *ctx);

const struct output_format *output_format_find(const char *name);

#endif
