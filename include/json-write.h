/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json-write.h - the writer of findings as JSON lines (docs/interfaces.md),
 * shared by the plugin (C++) and the CLI (C), so both sides of the
 * findings file write the same keys in the same order and escape the same
 * way.  The CLI reads them back with jansson.
 */
#ifndef PTEBATCH_JSON_WRITE_H
#define PTEBATCH_JSON_WRITE_H

static inline void json_write_string(FILE *out, const char *s)
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

/* {"file":..,"line":..,"column":..,"check":..,"engine":..,"severity":..,
 *  "function":..,"message":..,"notes":[ -- then json_note() per note and
 * json_finding_end(). */
static inline void json_finding_begin(FILE *out, const char *file, int line,
				      int column, const char *check,
				      const char *engine, const char *severity,
				      const char *function, const char *message)
{
	fputs("{\"file\":", out);
	json_write_string(out, file);
	fprintf(out, ",\"line\":%d,\"column\":%d,\"check\":", line, column);
	json_write_string(out, check);
	fputs(",\"engine\":", out);
	json_write_string(out, engine);
	fputs(",\"severity\":", out);
	json_write_string(out, severity);
	fputs(",\"function\":", out);
	json_write_string(out, function ? function : "");
	fputs(",\"message\":", out);
	json_write_string(out, message);
	fputs(",\"notes\":[", out);
}

/* Note I (0-based) of the current finding. */
static inline void json_note(FILE *out, int i, const char *file, int line,
			     int column, const char *message)
{
	fputs(i ? ",{\"file\":" : "{\"file\":", out);
	json_write_string(out, file);
	fprintf(out, ",\"line\":%d,\"column\":%d,\"message\":", line, column);
	json_write_string(out, message);
	fputc('}', out);
}

/* FINGERPRINT: the CLI's (NULL: none, as the plugin writes).  ROOT: the
 * directory FILE is relative to (the compiler's), so that a reader
 * elsewhere finds the source; NULL: none. */
static inline void json_finding_end(FILE *out, const char *fingerprint,
				    const char *root)
{
	fputc(']', out);
	if (root) {
		fputs(",\"root\":", out);
		json_write_string(out, root);
	}
	if (fingerprint) {
		fputs(",\"fingerprint\":", out);
		json_write_string(out, fingerprint);
	}
	fputs("}\n", out);
}

/* The end of a record whose columns are byte columns: its compiler did not
 * have the sources (a distcc or icecream node).  No root either. */
static inline void json_finding_end_bytes(FILE *out)
{
	fputs("],\"columns\":\"byte\"}\n", out);
}

#endif
