// SPDX-License-Identifier: GPL-2.0-only
/*
 * run-tests - ptebatch's case runner.
 *
 * Every C file under testsuite/cases/<check-id>/ is run through each engine
 * (the plugin under several optimisation levels, with CONFIG_DEBUG_VM on
 * and off) by the CLI, and the findings in the case file must equal the
 * expectations marked on their lines:
 *
 *	foo(nr);	// expect: nr-provenance
 *	bar(nr);	// expect[plugin]: nr-stale	(only that engine)
 *
 * A plain "expect:" applies to every engine that implements the check
 * (see 'ptebatch list').  "// flags: ..." adds compiler flags.  Any missing
 * or unexpected finding fails the case, so clean cases are tested as
 * strictly as buggy ones.  Closing line: "N passed, N failed".
 *
 * usage: run-tests [--cli PATH] [--engine=plugin|cocci|all] [-v] [CASE.c|DIR...]
 */
#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "finding.h"

#define MAX_EXPECT 256

struct expect {
	int line;
	char check[32];
	unsigned int engines;
	bool seen;
};

struct config {
	unsigned int engine;
	const char *flags;
	const char *name;
};

/* The plugin must agree with itself at every level, DEBUG_VM on or off. */
static const struct config configs[] = {
	{ ENGINE_PLUGIN, "-O0", "plugin -O0" },
	{ ENGINE_PLUGIN, "-O1 -DCONFIG_DEBUG_VM", "plugin -O1 DEBUG_VM" },
	{ ENGINE_PLUGIN, "-O2", "plugin -O2" },
	{ ENGINE_PLUGIN, "-O2 -DCONFIG_DEBUG_VM", "plugin -O2 DEBUG_VM" },
	{ ENGINE_PLUGIN, "-Os", "plugin -Os" },
	{ ENGINE_COCCI, "", "cocci" },
};

static const char *cli = "tools/ptebatch";
static const char *cocci_rules = "cocci";
static unsigned int engines = ENGINE_PLUGIN | ENGINE_COCCI;
static bool verbose;
static int passed, failed;

static bool engine_implements(unsigned int engine, const char *check)
{
	char path[512];
	int c = check_index(check);

	if (c < 0)
		return false;
	if (engine == ENGINE_PLUGIN)
		return true;
	snprintf(path, sizeof(path), "%s/%s.cocci", cocci_rules,
		 check_descs[c].cname);
	return access(path, R_OK) == 0;
}

static unsigned int parse_engine_tag(const char *p, const char **rest)
{
	unsigned int e = ENGINE_PLUGIN | ENGINE_COCCI;

	if (*p == '[') {
		e = 0;
		if (!strncmp(p, "[plugin]", 8))
			e = ENGINE_PLUGIN, p += 8;
		else if (!strncmp(p, "[cocci]", 7))
			e = ENGINE_COCCI, p += 7;
	}
	*rest = p;
	return e;
}

static int add_expects(const char *path, int line, const char *q,
		       unsigned int e, struct expect *ex, int n)
{
	/* comma-separated IDs up to the end of the comment */
	for (;;) {
		char id[32];
		size_t k = 0;

		while (*q == ' ' || *q == ',')
			q++;
		while ((isalnum((unsigned char)*q) || *q == '-') && k < sizeof(id) - 1)
			id[k++] = *q++;
		id[k] = 0;
		if (!k || n == MAX_EXPECT)
			return n;
		if (check_index(id) < 0) {
			fprintf(stderr, "%s:%d: unknown check '%s' in expect\n",
				path, line, id);
			return -1;
		}
		ex[n].line = line;
		snprintf(ex[n].check, sizeof(ex[n].check), "%s", id);
		ex[n].engines = e;
		ex[n].seen = false;
		n++;
	}
}

/* Reads expectations and "// flags:" from CASE; returns the count or -1. */
static int read_case(const char *path, struct expect *ex, char *flags, size_t flen)
{
	FILE *in = fopen(path, "r");
	char buf[4096];
	int line = 0, n = 0;

	flags[0] = 0;
	if (!in)
		return -1;
	while (n >= 0 && fgets(buf, sizeof(buf), in)) {
		char *p = buf;

		line++;
		if (!strncmp(buf, "// flags:", 9)) {
			buf[strcspn(buf, "\n")] = 0;
			snprintf(flags, flen, "%s", buf + 9);
			continue;
		}
		while (n >= 0 && (p = strstr(p, "expect"))) {
			const char *q;
			unsigned int e = parse_engine_tag(p + 6, &q);

			p += 6;
			if (e && *q == ':')
				n = add_expects(path, line, q + 1, e, ex, n);
		}
	}
	fclose(in);
	return n;
}

#define APPEND(...) do {						\
	if (rlen < sizeof(report) - 1)					\
		rlen += snprintf(report + rlen, sizeof(report) - rlen,	\
				 __VA_ARGS__);				\
	if (rlen > sizeof(report) - 1)					\
		rlen = sizeof(report) - 1;				\
	ok = false;							\
} while (0)

static void run_config(const char *path, const struct config *cfg,
		       struct expect *ex, int nr_ex, const char *flags)
{
	char cmd[8192], *line = NULL, report[4096] = "";
	size_t cap = 0, rlen = 0;
	struct finding f;
	FILE *p;
	int i, status;
	bool ok = true;

	snprintf(cmd, sizeof(cmd),
		 "%s check --engine=%s --format=json '%s' -- %s %s 2>&1",
		 cli, cfg->engine == ENGINE_PLUGIN ? "plugin" : "cocci", path,
		 cfg->flags, flags);
	for (i = 0; i < nr_ex; i++)
		ex[i].seen = false;
	p = popen(cmd, "r");
	if (!p) {
		perror("popen");
		exit(2);
	}
	while (getline(&line, &cap, p) > 0) {
		bool expected = false;

		line[strcspn(line, "\n")] = 0;
		if (finding_parse_json(line, &f)) {
			APPEND(" [%.300s]", line);
			continue;
		}
		for (i = 0; i < nr_ex; i++) {
			if (ex[i].line == f.line && !strcmp(ex[i].check, f.check) &&
			    (ex[i].engines & cfg->engine) &&
			    !strcmp(f.file, path)) {
				ex[i].seen = true;
				expected = true;
			}
		}
		if (!expected)
			APPEND(" unexpected %s:%d %s;",
			       strcmp(f.file, path) ? f.file : "line",
			       f.line, f.check);
		finding_free(&f);
	}
	free(line);
	status = pclose(p);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
		APPEND(" ptebatch exited with status %d;",
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	for (i = 0; i < nr_ex; i++) {
		if (ex[i].seen || !(ex[i].engines & cfg->engine) ||
		    !engine_implements(cfg->engine, ex[i].check))
			continue;
		APPEND(" missing line %d %s;", ex[i].line, ex[i].check);
	}
	if (ok) {
		passed++;
		if (verbose)
			printf("PASS %s [%s]\n", path, cfg->name);
	} else {
		failed++;
		printf("FAIL %s [%s]:%s\n", path, cfg->name, report);
	}
	fflush(stdout);
}

static void run_case(const char *path)
{
	struct expect ex[MAX_EXPECT];
	char flags[4096];
	int nr_ex = read_case(path, ex, flags, sizeof(flags));
	size_t i;

	if (nr_ex < 0) {
		failed++;
		printf("FAIL %s: cannot read the case\n", path);
		return;
	}
	for (i = 0; i < sizeof(configs) / sizeof(configs[0]); i++)
		if (configs[i].engine & engines)
			run_config(path, &configs[i], ex, nr_ex, flags);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Cases in a directory tree, in sorted order so output is stable. */
static void run_path(const char *path)
{
	struct stat st;
	struct dirent *d;
	char **names = NULL;
	size_t n = 0, i;
	DIR *dir;

	if (stat(path, &st)) {
		failed++;
		printf("FAIL %s: no such case\n", path);
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		size_t len = strlen(path);

		if (len > 2 && !strcmp(path + len - 2, ".c"))
			run_case(path);
		return;
	}
	dir = opendir(path);
	while (dir && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (!names || asprintf(&names[n], "%s/%s", path, d->d_name) < 0)
			exit(2);
		n++;
	}
	if (dir)
		closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		run_path(names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	int i, nr_paths = 0;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--cli") && i + 1 < argc)
			cli = argv[++i];
		else if (!strcmp(argv[i], "--cocci-dir") && i + 1 < argc)
			cocci_rules = argv[++i];
		else if (!strcmp(argv[i], "--engine=plugin"))
			engines = ENGINE_PLUGIN;
		else if (!strcmp(argv[i], "--engine=cocci"))
			engines = ENGINE_COCCI;
		else if (!strcmp(argv[i], "--engine=all"))
			engines = ENGINE_PLUGIN | ENGINE_COCCI;
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
		else if (argv[i][0] == '-') {
			fprintf(stderr, "usage: run-tests [--cli PATH] [--cocci-dir DIR] [--engine=E] [-v] [CASE...]\n");
			return 2;
		} else {
			run_path(argv[i]);
			nr_paths++;
		}
	}
	if (!nr_paths)
		run_path("testsuite/cases");
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
