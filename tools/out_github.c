// SPDX-License-Identifier: GPL-2.0-only
/*
 * out_github.c - GitHub Actions workflow commands.  Data escapes %, CR and
 * LF; property values also ':' and ','.
 */
#include "output.h"

static void escape(FILE *out, const char *s, int property)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': property ? fputs("%3A", out) : fputc(':', out); break;
		case ',': property ? fputs("%2C", out) : fputc(',', out); break;
		default: fputc(*s, out);
		}
	}
}

void out_github(FILE *out, const struct finding_list *l, const struct out_ctx *ctx)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];
		char title[64];

		snprintf(title, sizeof(title), "ptebatch-%s", f->check);
		fprintf(out, "::%s file=", f->severity[0] == 'e' ? "error" : "warning");
		escape(out, f->file, 1);
		fprintf(out, ",line=%d,col=%d,title=", f->line,
			f->column > 0 ? f->column : 1);
		escape(out, title, 1);
		fputs("::", out);
		escape(out, f->message, 0);
		fputc('\n', out);
	}
}
