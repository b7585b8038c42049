// SPDX-License-Identifier: GPL-2.0-only
/* out_json.c - one JSON object per line (docs/interfaces.md). */
#include "output.h"

void out_json(FILE *out, const struct finding_list *l, const struct out_ctx *ctx)
{
	size_t i;
	int j;

	for (i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];

		json_finding_begin(out, f->file, f->line, f->column, f->check,
				   engine_name(f->engines), f->severity,
				   f->function, f->message);
		for (j = 0; j < f->nr_notes; j++)
			json_note(out, j, f->notes[j].file, f->notes[j].line,
				  f->notes[j].column, f->notes[j].message);
		json_finding_end(out, f->fingerprint, f->root);
	}
}
