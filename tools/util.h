/* SPDX-License-Identifier: GPL-2.0-only */
/* util.h - process, path and error helpers of the ptebatch CLI. */
#ifndef PTEBATCH_UTIL_H
#define PTEBATCH_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <sys/types.h>

/* Exit statuses: the CLI contract (docs/interfaces.md). */
#define EXIT_CLEAN	0
#define EXIT_FINDINGS	1
#define EXIT_ERROR	2

void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xstrdup(const char *s);

/* Run ARGV; stdout/stderr to files (NULL: inherit; "/dev/null" works).
 * Returns the exit status, 127 when it could not be executed, 128+N on
 * signal N. */
int run_argv(char *const argv[], const char *out_path, const char *err_path);
/* The same in two steps, to run several at once. */
pid_t spawn_argv(char *const argv[], const char *out_path, const char *err_path);
/* ... with DIR (NULL: ours) as its current directory: the child changes
 * there, never this process; OUT_PATH and ERR_PATH are ours. */
pid_t spawn_argv_in(const char *dir, char *const argv[], const char *out_path,
		    const char *err_path);
int wait_argv(pid_t pid);
/* SIGINT, SIGTERM, SIGHUP end the children and remove tmp_dir() (main). */
void signals_init(void);
bool in_path(const char *prog);

/* Resources: in-tree (relative to the executable) or installed. */
const char *plugin_path(void);
const char *plugin_make(void);
const char *cross_target(void);
const char *cocci_dir(void);
const char *compiler(void);

/* A private temporary directory, removed at exit. */
const char *tmp_dir(void);
/* First line of FILE containing NEEDLE (or the first line), allocated. */
char *first_line_with(const char *file, const char *needle);

/* Paths (path.c), lexical: A/B normalised ("./" and "x/.." removed). */
char *path_join(const char *dir, const char *path);
char *path_normalise(const char *path);
/* PATH relative to DIR when inside it, else a copy. */
char *path_relative_to(const char *path, const char *dir);
/* PATH as a tool run in DIR names it, canonical: normalised, relative to DIR
 * when inside it (DIR NULL: the current directory; PATH then as given, but
 * normalised).  One file, one path: what findings are compared by. */
char *path_canonical(const char *path, const char *dir);
char *current_dir(void);

struct argv_buf {
	char **v;
	int n, cap;
};
void argv_push(struct argv_buf *a, const char *s);
void argv_free(struct argv_buf *a);
/* Split a shell command line (quotes and backslashes) into words. */
void shell_split(const char *cmd, struct argv_buf *out);

#endif
