/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json-write.h - the JSON string writer shared by the plugin (C++) and the
 * CLI (C), so both sides of the findings file (docs/interfaces.md) escape
 * the same way.
 */
#ifndef PTEBATCH_JSON_WRITE_H
#define PTEBATCH_JSON_WRITE_H

static inline void json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

#endif
