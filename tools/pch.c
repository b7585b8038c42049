// SPDX-License-Identifier: GPL-2.0-only
/*
 * pch.c - a precompiled header for the analyze-only compiles of one kernel
 * directory (kcheck; docs/performance.md).
 *
 * The plugin's compile of a file is GCC's front end over the kernel
 * headers (the analysis is under 1% of it), and the files of one directory
 * include mostly the same headers: parsed once into a precompiled header,
 * each compile of the directory loads them instead (6.12 mm/: 25 s of
 * front ends become 7 s).  The header holds what the directory's files
 * include most (a tenth of its .c files or more, outside #if blocks, in
 * their usual order) after Kbuild's -include files; a file that includes
 * none of them, or defines a macro before its includes (but
 * harmless_macro()s), is compiled as before.  Kbuild's per-file macros (KBUILD_MODNAME, ...)
 * follow the header: its macros only name them.
 *
 * Kept beside the findings cache ($XDG_CACHE_HOME/ptebatch/pch-1), keyed
 * by the compiler, the plugin, the flags and the header list; its headers'
 * size and mtime are checked at each use and it is built again when one
 * changed.  One process builds it (a lock), the others wait for it.  Its
 * text twin is an #error: a compile GCC would not give the precompiled
 * header fails, and the engine compiles the file as before.  VM_BUG_ON*
 * uses in the headers are seen by the plugin while the header is built
 * (vm-bug listens to the preprocessor), kept with it and added to every
 * compile that asks for vm-bug.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "cache.h"
#include "json_read.h"
#include "pch.h"

#define MIN_FILES	8	/* fewer .c files: the build costs more than it saves */
#define RETRY_SECS	600	/* a header that failed to build is tried again after */

bool pch_enabled(void)
{
	const char *v = getenv("PTEBATCH_PCH");

	return cache_enabled() && (!v || strcmp(v, "0"));
}

/* ---- the directory's common headers ---- */

struct header_count {
	char *name;		/* "<linux/mm.h>" */
	int files, pos;		/* files that include it, sum of its rank there */
};

struct scan {
	struct header_count *v;
	int n, cap;
};

/* A preprocessor line's directive (after '#' and blanks), or NULL. */
static const char *directive(const char *line)
{
	line += strspn(line, " \t");
	if (*line != '#')
		return NULL;
	line++;
	return line + strspn(line, " \t");
}

static bool word_is(const char *s, const char *w)
{
	size_t n = strlen(w);

	return !strncmp(s, w, n) && (s[n] == ' ' || s[n] == '\t' || s[n] == '<' ||
				     s[n] == '"' || s[n] == '\n' || !s[n]);
}

/*
 * A macro a file may define before its includes and still take the
 * header: message prefixes (printk.h defines its own only when unset:
 * the file's redefinition wins where it is used), and the trace events'
 * definitions (their trace/ headers are never in the header).
 */
static bool harmless_macro(const char *m)
{
	static const char *const names[] = { "pr_fmt", "dev_fmt", "CREATE_TRACE_POINTS" };
	size_t i, n = strcspn(m, " \t(");

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (n == strlen(names[i]) && !strncmp(m, names[i], n))
			return true;
	return false;
}

/*
 * Calls FN for each #include <...> of PATH outside #if blocks, in order;
 * *DEFINES counts the #define/#undef (but harmless_macro()s) before the last one.
 */
static void includes_of(const char *path, void (*fn)(const char *, int, void *),
			void *arg, int *defines)
{
	size_t len;
	char *text = file_read(path, &len), *save = NULL, *line;
	int depth = 0, rank = 0, pending = 0;

	if (defines)
		*defines = 0;
	if (!text)
		return;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *d = directive(line);

		if (!d)
			continue;
		if (word_is(d, "if") || word_is(d, "ifdef") || word_is(d, "ifndef")) {
			depth++;
		} else if (word_is(d, "endif")) {
			depth -= depth > 0;
		} else if (word_is(d, "define") || word_is(d, "undef")) {
			const char *m = d + strcspn(d, " \t");

			m += strspn(m, " \t");
			pending += !harmless_macro(m);
		} else if (word_is(d, "include") && !depth) {
			const char *h = d + 7 + strspn(d + 7, " \t");
			char name[256];
			size_t n = strcspn(h, ">");

			if (defines)
				*defines = pending;
			if (*h != '<' || h[n] != '>' || n + 2 > sizeof(name) ||
			    !strncmp(h, "<trace/", 7))
				continue;
			memcpy(name, h, n + 1);
			name[n + 1] = 0;
			fn(name, rank++, arg);
		}
	}
	free(text);
}

static void count_one(const char *name, int rank, void *arg)
{
	struct scan *s = arg;
	int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			break;
	if (i == s->n) {
		if (s->n == s->cap) {
			s->cap = s->cap ? 2 * s->cap : 64;
			s->v = realloc(s->v, s->cap * sizeof(*s->v));
			if (!s->v)
				fail("out of memory");
		}
		s->v[s->n++] = (struct header_count){ xstrdup(name), 0, 0 };
	}
	s->v[i].files++;
	s->v[i].pos += rank;
}

static int by_rank(const void *a, const void *b)
{
	const struct header_count *x = a, *y = b;
	/* mean rank, compared without division */
	long l = (long)x->pos * y->files, r = (long)y->pos * x->files;

	return l < r ? -1 : l > r ? 1 : strcmp(x->name, y->name);
}

static bool is_c_file(const char *name)
{
	size_t n = strlen(name);

	return n > 2 && !strcmp(name + n - 2, ".c") && name[0] != '.';
}

/* The headers of SRCDIR's .c files that a tenth of them include, in order. */
static void common_headers(const char *srcdir, struct argv_buf *out)
{
	struct scan s = { 0 };
	struct dirent *d;
	DIR *dir = opendir(srcdir);
	int files = 0, i;

	if (!dir)
		return;
	while ((d = readdir(dir))) {
		char *p;

		if (!is_c_file(d->d_name))
			continue;
		p = path_join(srcdir, d->d_name);
		includes_of(p, count_one, &s, NULL);
		free(p);
		files++;
	}
	closedir(dir);
	if (files >= MIN_FILES) {
		qsort(s.v, s.n, sizeof(*s.v), by_rank);
		for (i = 0; i < s.n; i++)
			if (10 * s.v[i].files >= files)
				argv_push(out, s.v[i].name);
	}
	for (i = 0; i < s.n; i++)
		free(s.v[i].name);
	free(s.v);
}

struct uses {
	const struct argv_buf *common;
	bool any;
};

static void uses_one(const char *name, int rank, void *arg)
{
	struct uses *u = arg;
	int i;

	(void)rank;
	for (i = 0; i < u->common->n && !u->any; i++)
		u->any = !strcmp(u->common->v[i], name);
}

/* ---- the flags ---- */

static bool kbuild_include(const char *path, const char *name)
{
	size_t n = strlen(path), m = strlen(name);

	return n >= m && !strcmp(path + n - m, name) &&
	       (n == m || path[n - m - 1] == '/');
}

/* Kbuild's per-file macro: -DKBUILD_MODNAME=... and the like */
static bool per_file_macro(const char *a)
{
	return !strncmp(a, "-DKBUILD_", 9) || !strncmp(a, "-D__KBUILD_", 11);
}

/*
 * FLAGS without Kbuild's -include files (into INCLUDES, in order: they
 * open the precompiled header) and per-file macros (into MACROS);
 * false unless -include ...compiler_types.h was there.
 */
static bool split_flags(const struct argv_buf *flags, struct argv_buf *rest,
			struct argv_buf *includes, struct argv_buf *macros)
{
	bool types = false;
	int i;

	for (i = 0; i < flags->n; i++) {
		const char *a = flags->v[i];

		if (!strcmp(a, "-include") && i + 1 < flags->n) {
			const char *h = flags->v[++i];

			if (kbuild_include(h, "linux/compiler-version.h"))
				continue;	/* only an #error against a second inclusion */
			if (kbuild_include(h, "linux/kconfig.h") ||
			    kbuild_include(h, "linux/compiler_types.h")) {
				types |= kbuild_include(h, "linux/compiler_types.h");
				argv_push(includes, h);
				continue;
			}
			argv_push(rest, a);
			argv_push(rest, h);
		} else if (per_file_macro(a)) {
			argv_push(macros, a + 2);
		} else {
			argv_push(rest, a);
		}
	}
	return types;
}

/* ---- the entry ---- */

static char *pch_root(void)
{
	const char *base = cache_root();
	char *p;

	if (!base)
		return NULL;
	p = xasprintf("%s/pch-1", base);
	if (mkdir(p, 0777) && errno != EEXIST) {
		free(p);
		return NULL;
	}
	return p;
}

static void hex(const unsigned char h[32], char out[65])
{
	int i;

	for (i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
}

/* "mtime.ns size path" lines of ENTRY/headers: all unchanged, and the
 * header there? */
static bool headers_fresh(const char *entry, struct argv_buf *headers)
{
	char *path = xasprintf("%s/headers", entry), *text, *save = NULL, *line;
	char *gch = xasprintf("%s/prefix.h.gch", entry);
	size_t len;
	bool fresh;

	/* and still there: trim() takes the .gch of an entry away */
	text = access(gch, R_OK) ? NULL : file_read(path, &len);
	free(path);
	free(gch);
	fresh = text != NULL;
	for (line = text ? strtok_r(text, "\n", &save) : NULL; fresh && line;
	     line = strtok_r(NULL, "\n", &save)) {
		long long sec, nsec, size;
		int at = 0;
		struct stat st;

		fresh = sscanf(line, "%lld.%lld %lld %n", &sec, &nsec, &size, &at) == 3 &&
			at && !stat(line + at, &st) && st.st_mtim.tv_sec == sec &&
			st.st_mtim.tv_nsec == nsec && st.st_size == size;
		if (fresh && headers)
			argv_push(headers, line + at);
	}
	free(text);
	return fresh;
}

/* -H's lines in ERR: the headers as DIR's compiler opened them */
static bool write_headers(const char *err, const char *dir, const char *to)
{
	size_t len;
	char *text = file_read(err, &len), *save = NULL, *line;
	FILE *out = fopen(to, "w");
	bool ok = text && out;

	for (line = ok ? strtok_r(text, "\n", &save) : NULL; ok && line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strspn(line, ".");
		char *p;
		struct stat st;

		if (!n || line[n] != ' ')
			continue;
		p = path_join(dir, line + n + 1);
		ok = !stat(p, &st) &&
		     fprintf(out, "%lld.%09ld %lld %s\n", (long long)st.st_mtim.tv_sec,
			     st.st_mtim.tv_nsec, (long long)st.st_size, p) > 0;
		free(p);
	}
	free(text);
	if (out && fclose(out))
		ok = false;
	return ok;
}

static bool write_text(const char *path, const char *text)
{
	FILE *out = fopen(path, "w");
	bool ok = out && fputs(text, out) >= 0;

	if (out && fclose(out))
		ok = false;
	return ok;
}

/* Build ENTRY's precompiled header: its headers parsed with REST's flags. */
static bool build(const char *dir, const char *entry, const struct argv_buf *rest,
		  const struct argv_buf *includes, const struct argv_buf *common)
{
	char *src = xasprintf("%s/build.h", entry), *gch = xasprintf("%s/prefix.h.gch.tmp", entry);
	char *err = xasprintf("%s/build.err", entry), *p;
	char *found = xasprintf("%s/findings.jsonl", entry);
	struct argv_buf a = { 0 };
	FILE *out = fopen(src, "w");
	bool ok = out != NULL;
	int i;

	/* build.h is elsewhere: Kbuild's -include paths as seen from DIR */
	for (i = 0; ok && i < includes->n; i++) {
		char *cwd = current_dir(), *h = includes->v[i][0] == '/' ?
			xstrdup(includes->v[i]) : path_join(dir ? dir : cwd, includes->v[i]);

		ok = fprintf(out, "#include \"%s\"\n", h) > 0;
		free(h);
		free(cwd);
	}
	for (i = 0; ok && i < common->n; i++)
		ok = fprintf(out, "#include %s\n", common->v[i]) > 0;
	if (out && fclose(out))
		ok = false;
	unlink(found);
	argv_push(&a, compiler());
	p = xasprintf("-fplugin=%s", plugin_path());
	argv_push(&a, p);
	free(p);
	p = xasprintf("-fplugin-arg-ptebatch_plugin-output=%s", found);
	argv_push(&a, p);
	free(p);
	argv_push(&a, "-fplugin-arg-ptebatch_plugin-analyze-only");
	argv_push(&a, "-fplugin-arg-ptebatch_plugin-checks=vm-bug");
	argv_push(&a, "-O2");
	for (i = 0; i < rest->n; i++)
		argv_push(&a, rest->v[i]);
	argv_push(&a, "-H");
	argv_push(&a, "-x");
	argv_push(&a, "c-header");
	argv_push(&a, src);
	argv_push(&a, "-o");
	argv_push(&a, gch);
	ok = ok && wait_argv(spawn_argv_in(dir, a.v, NULL, err)) == 0;
	argv_free(&a);
	if (ok) {
		char *headers = xasprintf("%s/headers", entry);
		char *final = xasprintf("%s/prefix.h.gch", entry);
		char *twin = xasprintf("%s/prefix.h", entry);

		/* no findings file: the headers use no VM_BUG_ON* */
		if (access(found, F_OK))
			write_text(found, "");
		ok = write_headers(err, dir, headers) &&
		     write_text(twin, "#error \"ptebatch: precompiled header not used\"\n") &&
		     !rename(gch, final);
		free(headers);
		free(final);
		free(twin);
	}
	if (!ok) {
		char *why = first_line_with(err, "rror"), *failed = xasprintf("%s/failed", entry);

		write_text(failed, why);
		free(failed);
		free(why);
		unlink(gch);
	}
	unlink(err);
	free(src);
	free(gch);
	free(err);
	free(found);
	return ok;
}

struct old_entry {
	char *path;
	struct timespec used;
	unsigned long long size;
};

static int by_use(const void *a, const void *b)
{
	const struct old_entry *x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	return (x->used.tv_nsec > y->used.tv_nsec) - (x->used.tv_nsec < y->used.tv_nsec);
}

/* The least recently used entries go while they take more than the
 * findings cache's bound (PTEBATCH_CACHE_SIZE); KEEP stays. */
static void trim(const char *root, const char *keep)
{
	unsigned long long total = 0, limit = cache_size_limit();
	struct old_entry *v = NULL;
	size_t n = 0, i;
	struct dirent *d;
	DIR *dir = opendir(root);

	while (dir && (d = readdir(dir))) {
		char *e = xasprintf("%s/%s", root, d->d_name), *g = xasprintf("%s/prefix.h.gch", e);
		struct stat st;

		if (d->d_name[0] != '.' && strlen(d->d_name) == 64 && !stat(g, &st)) {
			v = realloc(v, (n + 1) * sizeof(*v));
			if (!v)
				fail("out of memory");
			v[n++] = (struct old_entry){ e, st.st_atim, (unsigned long long)st.st_size };
			total += st.st_size;
			e = NULL;
		}
		free(e);
		free(g);
	}
	if (dir)
		closedir(dir);
	qsort(v, n, sizeof(*v), by_use);
	for (i = 0; i < n; i++) {
		if (total > limit && strcmp(v[i].path, keep)) {
			char *g = xasprintf("%s/prefix.h.gch", v[i].path);

			/* a compile that opened it still reads it */
			if (!unlink(g))
				total -= v[i].size;
			free(g);
		}
		free(v[i].path);
	}
	free(v);
}

/* Seen a use: the entry is recent for trim() (noatime mounts). */
static void touch(const char *entry)
{
	char *g = xasprintf("%s/prefix.h.gch", entry);
	struct timespec t[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };

	utimensat(AT_FDCWD, g, t, 0);
	free(g);
}

/* The entry of KEY, ready (built now if need be); false: none to use. */
static bool ready(const char *dir, const char *entry, const struct argv_buf *rest,
		  const struct argv_buf *includes, const struct argv_buf *common,
		  struct argv_buf *headers)
{
	char *lock = xasprintf("%s.lock", entry), *failed = xasprintf("%s/failed", entry);
	struct stat st;
	bool ok;
	int fd;

	if (headers_fresh(entry, headers))
		goto out_ok;
	argv_free(headers);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		ok = false;
		goto out;
	}
	argv_free(headers);
	if (!stat(failed, &st) && st.st_mtime > time(NULL) - RETRY_SECS) {
		ok = false;
	} else if (headers_fresh(entry, headers)) {
		ok = true;	/* another run built it meanwhile */
	} else {
		argv_free(headers);
		mkdir(entry, 0777);
		unlink(failed);
		ok = build(dir, entry, rest, includes, common) &&
		     headers_fresh(entry, headers);
		if (ok) {
			char *root = xstrdup(entry);

			*strrchr(root, '/') = 0;
			trim(root, entry);
			free(root);
		}
	}
	close(fd);
	goto out;
out_ok:
	ok = true;
out:
	if (ok)
		touch(entry);
	free(lock);
	free(failed);
	return ok;
}

/*
 * A one-off lint would pay the header's build (about a second) for its
 * one or two compiles: lint builds it at the second use, leaving a mark
 * at the first.  True when the mark was there.
 */
static bool asked_before(const char *entry)
{
	char *mark = xasprintf("%s.wanted", entry), me[32];
	size_t len;
	char *by = file_read(mark, &len);
	bool seen;

	/* by another run: lint's two compiles of one file are one use */
	snprintf(me, sizeof(me), "%ld\n", (long)getpid());
	seen = by && strcmp(by, me);
	if (!by)
		write_text(mark, me);
	free(by);
	free(mark);
	return seen;
}

/* #define lines for MACROS ("NAME=VALUE" or "NAME"), in a file of the run */
static char *macros_file(const struct argv_buf *macros)
{
	static int seq;
	char *path = xasprintf("%s/pch-defs.%d.h", tmp_dir(), seq++);
	FILE *out = fopen(path, "w");
	int i;

	if (!out)
		fail("cannot write %s", path);
	for (i = 0; i < macros->n; i++) {
		const char *m = macros->v[i], *eq = strchr(m, '=');

		if (eq)
			fprintf(out, "#define %.*s %s\n", (int)(eq - m), m, eq + 1);
		else
			fprintf(out, "#define %s 1\n", m);
	}
	if (fclose(out))
		fail("cannot write %s", path);
	return path;
}

/* PTEBATCH_PCH_TRACE=FILE: a line per compile (tests, docs/cli.md) */
void pch_trace(const char *file, const char *what)
{
	const char *path = getenv("PTEBATCH_PCH_TRACE");
	FILE *out;

	if (!path || !*path || !(out = fopen(path, "a")))
		return;
	fprintf(out, "%s: %s\n", file, what);
	fclose(out);
}

/* A flag that names the run's own directory (lint's copy of a patched
 * header): no two runs would share the header. */
static bool run_private(const struct argv_buf *flags)
{
	int i;

	for (i = 0; i < flags->n; i++)
		if (strstr(flags->v[i], tmp_dir()))
			return true;
	return false;
}

bool pch_flags(const char *dir, const char *tree, const char *file, bool lazy,
	       const struct argv_buf *flags, struct argv_buf *out, struct pch_use *u)
{
	struct argv_buf rest = { 0 }, includes = { 0 }, macros = { 0 }, common = { 0 };
	const char *home = tree ? tree : dir;
	char *path = path_join(dir, file), *srcdir = path_join(home, file), *root = NULL;
	char *slash = strrchr(srcdir, '/');
	struct uses uses = { &common, false };
	unsigned char key[32];
	char name[65];
	struct digest s;
	bool ok = false;
	int defines, i;

	memset(u, 0, sizeof(*u));
	if (slash)
		*slash = 0;
	else
		strcpy(srcdir, ".");
	if (!pch_enabled() || !split_flags(flags, &rest, &includes, &macros))
		goto out;
	if (run_private(flags)) {
		pch_trace(file, "no header (a patched header)");
		goto out;
	}
	common_headers(srcdir, &common);
	includes_of(path, uses_one, &uses, &defines);
	if (!common.n || !uses.any || defines || !(root = pch_root())) {
		pch_trace(file, !common.n ? "no header (directory)" : !uses.any ?
			  "no header (includes none of it)" : defines ?
			  "no header (a macro before the includes)" : "no header (no cache)");
		goto out;
	}
	digest_init(&s);
	cache_key_str(&s, "pch-1", NULL);
	cache_key_str(&s, PTEBATCH_VERSION, NULL);
	cache_key_prog(&s, compiler());
	if (!cache_key_file(&s, plugin_path()))
		goto out;
	cache_key_str(&s, home ? home : ".", NULL);
	for (i = 0; i < rest.n; i++)
		cache_key_str(&s, rest.v[i], NULL);
	for (i = 0; i < includes.n; i++)
		cache_key_str(&s, includes.v[i], NULL);
	for (i = 0; i < common.n; i++)
		cache_key_str(&s, common.v[i], NULL);
	digest_final(&s, key);
	hex(key, name);
	u->dir = xasprintf("%s/%s", root, name);
	if (lazy && !headers_fresh(u->dir, NULL) && !asked_before(u->dir)) {
		pch_trace(file, "no header (built at the next use)");
		goto out;
	}
	if (!ready(dir, u->dir, &rest, &includes, &common, &u->headers)) {
		pch_trace(file, "no header (it does not build)");
		goto out;
	}
	pch_trace(file, "header");
	u->findings = xasprintf("%s/findings.jsonl", u->dir);
	/* the header first, then Kbuild's per-file macros, then the rest */
	argv_push(out, "-include");
	{
		char *twin = xasprintf("%s/prefix.h", u->dir), *defs = macros_file(&macros);

		argv_push(out, twin);
		argv_push(out, "-include");
		argv_push(out, defs);
		free(twin);
		free(defs);
	}
	for (i = 0; i < rest.n; i++)
		argv_push(out, rest.v[i]);
	ok = true;
out:
	if (!ok)
		pch_use_free(u);
	argv_free(&rest);
	argv_free(&includes);
	argv_free(&macros);
	argv_free(&common);
	free(path);
	free(srcdir);
	free(root);
	return ok;
}

void pch_use_free(struct pch_use *u)
{
	free(u->dir);
	free(u->findings);
	argv_free(&u->headers);
	memset(u, 0, sizeof(*u));
}
