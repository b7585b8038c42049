// SPDX-License-Identifier: GPL-2.0-only
/* out_text.c - GCC's diagnostic format, as in a build log. */
#include <string.h>
#include "output.h"

void out_text(FILE *out, const struct finding_list *l, const struct out_ctx *ctx)
{
	size_t i;
	int j;

	for (i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];

		fprintf(out, "%s:%d:%d: %s: %s [ptebatch-%s]\n", f->file,
			f->line, f->column, f->severity, f->message, f->check);
		for (j = 0; j < f->nr_notes; j++)
			fprintf(out, "%s:%d:%d: note: %s\n", f->notes[j].file,
				f->notes[j].line, f->notes[j].column,
				f->notes[j].message);
	}
}

/*
 * b4's per-patch check (prep --check, am --check): one line per finding on
 * stdout, checkpatch's terse form; b4 marks a line with ERROR: as failed,
 * any other as a warning, and no output as passed.  Notes stay out: each
 * line is an item of its own there.
 */
void out_b4(FILE *out, const struct finding_list *l, const struct out_ctx *ctx)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];

		fprintf(out, "%s:%d: %s: %s [ptebatch-%s]\n", f->file, f->line,
			strcmp(f->severity, "error") ? "WARNING" : "ERROR",
			f->message, f->check);
	}
}
