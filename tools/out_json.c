// SPDX-License-Identifier: GPL-2.0-only
/* out_json.c - one JSON object per line (docs/interfaces.md). */
#include "output.h"

void out_json(FILE *out, const struct finding_list *l, const struct out_ctx *ctx)
{
	size_t i;
	int j;

	for (i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];

		fputs("{\"file\":", out);
		json_string(out, f->file);
		fprintf(out, ",\"line\":%d,\"column\":%d,\"check\":\"%s\",\"engine\":\"%s\",\"severity\":\"%s\",\"function\":",
			f->line, f->column, f->check, engine_name(f->engines),
			f->severity);
		json_string(out, f->function ? f->function : "");
		fputs(",\"message\":", out);
		json_string(out, f->message);
		fputs(",\"notes\":[", out);
		for (j = 0; j < f->nr_notes; j++) {
			fputs(j ? ",{\"file\":" : "{\"file\":", out);
			json_string(out, f->notes[j].file);
			fprintf(out, ",\"line\":%d,\"column\":%d,\"message\":",
				f->notes[j].line, f->notes[j].column);
			json_string(out, f->notes[j].message);
			fputc('}', out);
		}
		fprintf(out, "],\"fingerprint\":\"%s\"}\n", f->fingerprint);
	}
}
