/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * output.h - output formats: one line each in formats.def, one file each
 * (out_<name>.c), same entry point, all rendering the same finding records.
 */
#ifndef PTEBATCH_OUTPUT_H
#define PTEBATCH_OUTPUT_H

#include <stdbool.h>
#include "finding.h"

struct out_ctx {
	const char *tool_version;
	const char *command;	/* "check", "lint", ... (for SARIF) */
};

/* Where a format's text goes, and what may go beside it (formats.def). */
enum fmt_stream { FMT_DIAG, FMT_DATA, FMT_CHECK };

struct output_format {
	const char *name;
	void (*emit)(FILE *out, const struct finding_list *l,
		     const struct out_ctx *ctx);
	bool whole;		/* one document: written once, at the end */
	enum fmt_stream stream;
	const char *help;
};

#define FORMAT(name, writer, whole, stream, help) \
	void writer(FILE *out, const struct finding_list *l, const struct out_ctx *ctx);
#include "formats.def"
#undef FORMAT

extern const struct output_format output_formats[];	/* [0]: the default */
/* NULL when there is no format NAME */
const struct output_format *output_format_find(const char *name);

/* "text, json, sarif, ...": the names, for messages */
extern const char *const output_format_names;

#endif
