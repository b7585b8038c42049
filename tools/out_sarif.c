// SPDX-License-Identifier: GPL-2.0-only
/*
 * out_sarif.c - SARIF 2.1.0: one rule per check, one result per finding,
 * with partialFingerprints so CI services track findings across pushes.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"

#define DOCS_URL "https://github.com/ptebatch/ptebatch/blob/main/docs/checks/"

/* artifactLocation.uri is a URI reference: percent-encode all but the
 * unreserved characters and '/' (a ':' in a first segment would read as a
 * scheme); absolute paths become file:// URIs */
static void uri(FILE *out, const char *file)
{
	fputs(file && file[0] == '/' ? "\"file://" : "\"", out);
	for (; file && *file; file++) {
		unsigned char c = (unsigned char)*file;

		if (isalnum(c) || strchr("-._~/", c))
			fputc(c, out);
		else
			fprintf(out, "%%%02X", c);
	}
	fputc('"', out);
}

/* rule names are Pascal-case identifiers: nr-provenance -> NrProvenance */
static void pascal(FILE *out, const char *id)
{
	bool up = true;

	fputc('"', out);
	for (; *id; id++) {
		if (*id == '-' || *id == '_') {
			up = true;
			continue;
		}
		fputc(up ? toupper((unsigned char)*id) : *id, out);
		up = false;
	}
	fputc('"', out);
}

static void location(FILE *out, const char *file, int line, int column,
		     const char *message)
{
	fputs("{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
	uri(out, file);
	fprintf(out, "},\"region\":{\"startLine\":%d", line > 0 ? line : 1);
	if (column > 0)
		fprintf(out, ",\"startColumn\":%d", column);
	fputs("}}", out);
	if (message) {
		fputs(",\"message\":{\"text\":", out);
		json_write_string(out, message);
		fputc('}', out);
	}
	fputc('}', out);
}

void out_sarif(FILE *out, const struct finding_list *l, const struct out_ctx *ctx)
{
	const char *docs = getenv("PTEBATCH_DOCS_URL");
	size_t i;
	int j;

	/* helpUri must be an absolute URI */
	if (!docs || !strstr(docs, "://"))
		docs = DOCS_URL;
	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"ptebatch\",\"version\":", out);
	json_write_string(out, ctx->tool_version);
	fputs(",\"informationUri\":\"https://github.com/ptebatch/ptebatch\",\"rules\":[", out);
	for (j = 0; j < nr_check_descs; j++) {
		fprintf(out, "%s{\"id\":\"%s\",\"name\":", j ? "," : "",
			check_descs[j].id);
		pascal(out, check_descs[j].id);
		fputs(",\"shortDescription\":{\"text\":", out);
		json_write_string(out, check_descs[j].summary);
		fputs("},\"fullDescription\":{\"text\":", out);
		json_write_string(out, check_descs[j].summary);
		fprintf(out, "},\"helpUri\":\"%s%s.md\",\"defaultConfiguration\":{\"level\":\"warning\"}}",
			docs, check_descs[j].id);
	}
	fputs("]}},\"results\":[", out);
	for (i = 0; i < l->n; i++) {
		const struct finding *f = &l->v[i];

		fprintf(out, "%s{\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":",
			i ? "," : "", f->check, check_index(f->check),
			f->severity[0] == 'e' ? "error" : "warning");
		json_write_string(out, f->message);
		fputs("},\"locations\":[", out);
		location(out, f->file, f->line, f->column, NULL);
		fputs("]", out);
		if (f->nr_notes) {
			fputs(",\"relatedLocations\":[", out);
			for (j = 0; j < f->nr_notes; j++) {
				fprintf(out, "%s", j ? "," : "");
				location(out, f->notes[j].file, f->notes[j].line,
					 f->notes[j].column, f->notes[j].message);
			}
			fputs("]", out);
		}
		fprintf(out, ",\"partialFingerprints\":{\"ptebatch/v1\":\"%s\"},\"properties\":{\"engine\":\"%s\"",
			f->fingerprint, engine_name(f->engines));
		if (f->function && *f->function) {
			fputs(",\"function\":", out);
			json_write_string(out, f->function);
		}
		fputs("}}", out);
	}
	fputs("]}]}\n", out);
}
