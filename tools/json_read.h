/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * json_read.h - the CLI's JSON input (compile databases, findings files,
 * baselines), parsed by jansson.  A file that does not parse, or whose
 * values have the wrong types, is an error naming the file and the byte
 * offset: `ptebatch: error: FILE: byte N: WHY`, exit 2.
 */
#ifndef PTEBATCH_JSON_READ_H
#define PTEBATCH_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

/* The whole of PATH, NUL-terminated, or NULL (errno set) if unreadable. */
char *file_read(const char *path, size_t *len);

void json_fail(const char *path, size_t offset, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 3, 4)));

/*
 * Call FN with each object of the JSON array TEXT (a compile database) and
 * the offset where it starts; FN returns NULL or why the object is wrong.
 */
typedef const char *(*json_each_fn)(json_t *obj, void *arg);
void json_array_each(const char *path, const char *text, size_t len,
		     json_each_fn fn, void *arg);
/* The same for JSON lines: one object per line, blank lines skipped. */
void json_lines_each(const char *path, const char *text, size_t len,
		     json_each_fn fn, void *arg);

/*
 * Typed members of OBJ.  Absent: NULL / false, or why the member has the
 * wrong type in *WHY (a static buffer, kept until the next call).
 */
const char *json_member_str(json_t *obj, const char *key, const char **why);
bool json_member_int(json_t *obj, const char *key, int min, int *out,
		     const char **why);

#endif
