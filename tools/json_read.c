// SPDX-License-Identifier: GPL-2.0-only
/*
 * json_read.c - JSON input through jansson (Debian's libjansson-dev): it
 * validates UTF-8 and escapes, limits nesting, rejects integers that do not
 * fit, and reports the byte offset of every syntax error.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_read.h"
#include "util.h"

char *file_read(const char *path, size_t *len)
{
	FILE *in = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!in)
		return NULL;
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (!buf)
				fail("%s: out of memory", path);
		}
		got = fread(buf + n, 1, cap - n, in);
		n += got;
	} while (got);
	if (ferror(in)) {
		int e = errno;

		fclose(in);
		free(buf);
		errno = e;
		return NULL;
	}
	fclose(in);
	buf[n] = 0;
	*len = n;
	return buf;
}

void json_fail(const char *path, size_t offset, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ptebatch: error: %s: byte %zu: ", path, offset);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERROR);
}

static size_t skip_ws(const char *text, size_t len, size_t off)
{
	while (off < len && strchr(" \t\r\n", text[off]))
		off++;
	return off;
}

/* One object at OFF; returns the offset after it. */
static size_t parse_one(const char *path, const char *text, size_t len,
			size_t off, json_each_fn fn, void *arg)
{
	json_error_t err;
	json_t *v = json_loadb(text + off, len - off,
			       JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &err);
	const char *why;

	if (!v)
		json_fail(path, off + err.position, "%s", err.text);
	if (!json_is_object(v))
		json_fail(path, off, "an object expected");
	why = fn(v, arg);
	json_decref(v);
	if (why)
		json_fail(path, off, "%s", why);
	return off + err.position;
}

void json_array_each(const char *path, const char *text, size_t len,
		     json_each_fn fn, void *arg)
{
	size_t off = skip_ws(text, len, 0);

	if (off >= len || text[off] != '[')
		json_fail(path, off, "'[' expected: not a JSON array");
	off = skip_ws(text, len, off + 1);
	if (off < len && text[off] == ']')
		goto end;
	for (;;) {
		off = parse_one(path, text, len, off, fn, arg);
		off = skip_ws(text, len, off);
		if (off < len && text[off] == ']')
			break;
		if (off >= len || text[off] != ',')
			json_fail(path, off, off >= len ? "truncated: ']' expected" :
				  "',' or ']' expected");
		off = skip_ws(text, len, off + 1);
	}
end:
	off = skip_ws(text, len, off + 1);
	if (off < len)
		json_fail(path, off, "data after the array");
}

void json_lines_each(const char *path, const char *text, size_t len,
		     json_each_fn fn, void *arg)
{
	size_t off = 0, end;

	for (; off < len; off = end + 1) {
		const char *nl = memchr(text + off, '\n', len - off);

		end = nl ? (size_t)(nl - text) : len;
		off = skip_ws(text, end, off);
		if (off == end)
			continue;
		off = parse_one(path, text, end, off, fn, arg);
		if (skip_ws(text, end, off) != end)
			json_fail(path, off, "one object per line expected");
	}
}

static char why_buf[128];

const char *json_member_str(json_t *obj, const char *key, const char **why)
{
	json_t *v = json_object_get(obj, key);

	if (v && !json_is_string(v)) {
		snprintf(why_buf, sizeof(why_buf), "\"%s\" is not a string", key);
		*why = why_buf;
		return NULL;
	}
	return v ? json_string_value(v) : NULL;
}

bool json_member_int(json_t *obj, const char *key, int min, int *out,
		     const char **why)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return false;
	if (!json_is_integer(v)) {
		snprintf(why_buf, sizeof(why_buf), "\"%s\" is not an integer", key);
		*why = why_buf;
		return false;
	}
	if (json_integer_value(v) < min || json_integer_value(v) > INT_MAX) {
		snprintf(why_buf, sizeof(why_buf), "\"%s\" out of range", key);
		*why = why_buf;
		return false;
	}
	*out = (int)json_integer_value(v);
	return true;
}
