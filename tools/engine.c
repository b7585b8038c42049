// SPDX-License-Identifier: GPL-2.0-only
/*
 * engine.c - run the GCC plugin (through the system compiler, analyze-only)
 * and the Coccinelle rules on one file and collect their findings.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "engine.h"
#include "../plugin/levels.h"

void run_opts_checks(struct run_opts *o, const char *list)
{
	char *copy = xstrdup(list), *save = NULL, *id;

	o->filtered = true;
	for (id = strtok_r(copy, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
		int c = check_index(id);

		if (c < 0)
			fail("unknown check ID '%s' (see 'ptebatch list')", id);
		o->only[c] = true;
	}
	free(copy);
}

/*
 * The levels of a build (kcheck): every check but the opt-in ones of
 * checks.def, unless make W=1 (KBUILD_EXTRA_WARN); then -Wptebatch-ID and
 * -Wno-ptebatch-ID from Kbuild's CF= (in CHECKFLAGS), in order.  An explicit
 * --checks list stays as given.
 */
void run_opts_build_levels(struct run_opts *o, int argc, char **argv)
{
	size_t j;
	int i, c;

	if (o->filtered)
		return;
	o->filtered = true;
	for (i = 0; i < nr_check_descs; i++)
		o->only[i] = true;
	if (!pb_extra_warn())
		for (j = 0; j < PB_NR_OPT_IN; j++)
			o->only[check_index(pb_opt_in[j])] = false;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool on = true;

		if (strncmp(a, "-W", 2))
			continue;
		a += 2;
		if (!strncmp(a, "no-", 3)) {
			on = false;
			a += 3;
		}
		if (strncmp(a, "ptebatch-", 9))
			continue;
		c = check_index(a + 9);
		if (c < 0)
			fail("unknown check in '%s' (see 'ptebatch list')", argv[i]);
		o->only[c] = on;
	}
}

bool run_opts_wants(const struct run_opts *o, int check)
{
	return !o->filtered || o->only[check];
}

bool run_opts_wants_of(const struct run_opts *o, int check, unsigned int engine)
{
	return run_opts_wants(o, check) &&
	       (!o->check_engines[check] || (o->check_engines[check] & engine));
}

void engines_available(const struct run_opts *o)
{
	if ((o->engines & ENGINE_PLUGIN) && access(plugin_path(), R_OK))
		fail("GCC plugin for %s not found at %s (run '%s')", compiler(),
		     plugin_path(), plugin_make());
	if ((o->engines & ENGINE_COCCI) && !in_path("spatch"))
		fail("spatch not found in PATH (install coccinelle, or use --engine=plugin)");
	if ((o->engines & ENGINE_COCCI) && access(cocci_dir(), R_OK))
		fail("Coccinelle rules not found at %s", cocci_dir());
}

static char *checks_arg(const struct run_opts *o)
{
	size_t len = 0;
	char *s;
	int i;

	for (i = 0; i < nr_check_descs; i++)
		len += strlen(check_descs[i].id) + 1;
	s = calloc(1, len + 64);
	strcpy(s, "-fplugin-arg-ptebatch_plugin-checks=");
	for (i = 0; i < nr_check_descs; i++) {
		if (!run_opts_wants_of(o, i, ENGINE_PLUGIN))
			continue;
		if (s[strlen(s) - 1] != '=')
			strcat(s, ",");
		strcat(s, check_descs[i].id);
	}
	return s;
}

void engine_plugin_start(struct plugin_job *j, const char *file,
			 const struct run_opts *o)
{
	static int seq;
	struct argv_buf a = { 0 };
	char *arg;
	int i;

	j->file = xstrdup(file);
	j->out = xasprintf("%s/plugin.%d.jsonl", tmp_dir(), seq);
	j->err = xasprintf("%s/plugin.%d.err", tmp_dir(), seq++);
	argv_push(&a, compiler());
	arg = xasprintf("-fplugin=%s", plugin_path());
	argv_push(&a, arg);
	free(arg);
	arg = xasprintf("-fplugin-arg-ptebatch_plugin-output=%s", j->out);
	argv_push(&a, arg);
	free(arg);
	argv_push(&a, "-fplugin-arg-ptebatch_plugin-analyze-only");
	/* always: the plugin's own default is a build's (opt-in checks off) */
	arg = checks_arg(o);
	argv_push(&a, arg);
	free(arg);
	if (o->strict)
		argv_push(&a, "-fplugin-arg-ptebatch_plugin-strict");
	/* the kernel's level by default; the user's flags come after */
	argv_push(&a, "-O2");
	for (i = 0; i < o->cflags.n; i++)
		argv_push(&a, o->cflags.v[i]);
	argv_push(&a, "-S");
	argv_push(&a, "-o");
	argv_push(&a, "/dev/null");
	argv_push(&a, file);
	j->pid = spawn_argv(a.v, NULL, j->err);
	argv_free(&a);
}

int engine_plugin_finish(struct plugin_job *j, struct finding_list *l, bool must)
{
	int status = wait_argv(j->pid);

	if (status && must) {
		char *why = first_line_with(j->err, "error");

		if (status == 127)
			fail("%s: cannot run the compiler '%s'", j->file, compiler());
		if (strstr(why, "plugin"))
			fail("%s: GCC plugin does not load: %s", j->file, why);
		fail("%s: does not compile: %s", j->file, why);
	}
	if (!status)
		findings_load_jsonl(l, j->out);
	unlink(j->out);
	unlink(j->err);
	free(j->out);
	free(j->err);
	free(j->file);
	memset(j, 0, sizeof(*j));
	return status;
}

int engine_plugin(const char *file, const struct run_opts *o,
		  struct finding_list *l)
{
	struct plugin_job j;

	engine_plugin_start(&j, file, o);
	return engine_plugin_finish(&j, l, true);
}

/* The words after "// Options:" in a rule's header go to spatch as is. */
static void cocci_options(const char *rule, struct argv_buf *a)
{
	char *line = first_line_with(rule, "// Options:");
	char *save = NULL, *w;

	if (strncmp(line, "// Options:", 11)) {
		free(line);
		return;
	}
	for (w = strtok_r(line + 11, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		argv_push(a, w);
	free(line);
}

static void parse_cocci_output(const char *path, struct finding_list *l)
{
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	struct finding f;

	if (!in)
		return;
	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\n")] = 0;
		if (!finding_parse_gcc(line, ENGINE_COCCI, &f))
			findings_add(l, &f);
	}
	free(line);
	fclose(in);
}

/*
 * The rules run in one spatch per set of "// Options:" (all of ours share
 * theirs): spatch's start and its parse of the file are most of a rule's
 * cost on one file, and the plugin runs meanwhile (engines_run).  A set of
 * one rule runs that rule's file as it is.
 */
struct cocci_job {
	char *rule, *label, *out, *err;
	bool merged;
	pid_t pid;
};

struct cocci_batch {
	const char *file;
	struct cocci_job *job;
	int n, started, done;
};


static int max_jobs(void)
{
	const char *env = getenv("PTEBATCH_JOBS");
	long n = env && *env ? atol(env) : sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

/*
 * spatch finds "python3" through PATH at every start; behind a version
 * manager's shim (pyenv) that costs 0.3 s of a 0.5 s run.  Debian's
 * coccinelle is built for the system python3: name it, unless
 * PTEBATCH_SPATCH_PYTHON says otherwise ("" keeps spatch's own lookup).
 */
static void spatch_python(struct argv_buf *a)
{
	const char *py = getenv("PTEBATCH_SPATCH_PYTHON");

	if (!py)
		py = access("/usr/bin/python3", X_OK) ? "" : "/usr/bin/python3";
	if (!*py)
		return;
	argv_push(a, "--python");
	argv_push(a, py);
}

static void cocci_job_start(struct cocci_batch *b)
{
	struct cocci_job *j = &b->job[b->started++];
	struct argv_buf a = { 0 };

	argv_push(&a, "spatch");
	spatch_python(&a);
	argv_push(&a, "--very-quiet");
	argv_push(&a, "-D");
	argv_push(&a, "report");
	cocci_options(j->rule, &a);
	argv_push(&a, "--sp-file");
	argv_push(&a, j->rule);
	argv_push(&a, b->file);
	j->pid = spawn_argv(a.v, j->out, j->err);
	argv_free(&a);
}

static void cocci_start(struct cocci_batch *b, const char *file,
			const struct run_opts *o)
{
	static int seq;
	char *rule[64], *options[64];
	bool done[64] = { false };
	int i, k, nr = 0, slots = max_jobs();

	memset(b, 0, sizeof(*b));
	b->file = file;
	for (i = 0; i < nr_check_descs && nr < 64; i++) {
		char *path = xasprintf("%s/%s.cocci", cocci_dir(), check_descs[i].cname);

		if (!run_opts_wants_of(o, i, ENGINE_COCCI) || access(path, R_OK)) {
			free(path);
			continue;
		}
		rule[nr] = path;
		options[nr++] = first_line_with(path, "// Options:");
	}
	b->job = calloc(nr + 1, sizeof(*b->job));
	for (i = 0; i < nr; i++) {
		struct cocci_job *j = &b->job[b->n];
		char *set[64];
		int n = 0;
		size_t len = 0;

		if (done[i])
			continue;
		for (k = i; k < nr; k++)
			if (!done[k] && !strcmp(options[k], options[i])) {
				done[k] = true;
				set[n++] = rule[k];
				len += strlen(strrchr(rule[k], '/') + 1) + 1;
			}
		j->label = calloc(1, len + 1);
		for (k = 0; k < n; k++) {
			if (k)
				strcat(j->label, "+");
			strcat(j->label, strrchr(set[k], '/') + 1);
		}
		if (n == 1) {
			j->rule = xstrdup(set[0]);
		} else {
			j->rule = xasprintf("%s/rules.%d.cocci", tmp_dir(), seq);
			j->merged = true;
			cocci_merge(set, n, j->rule);
		}
		j->out = xasprintf("%s/cocci.%d.out", tmp_dir(), seq);
		j->err = xasprintf("%s/cocci.%d.err", tmp_dir(), seq++);
		b->n++;
	}
	for (i = 0; i < nr; i++) {
		free(rule[i]);
		free(options[i]);
	}
	while (b->started < b->n && b->started < slots)
		cocci_job_start(b);
}

static void cocci_finish(struct cocci_batch *b, struct finding_list *l)
{
	int i;

	for (i = 0; i < b->n; i++) {
		struct cocci_job *j = &b->job[i];
		int status = wait_argv(j->pid);

		if (b->started < b->n)
			cocci_job_start(b);
		if (status) {
			char *why = first_line_with(j->err, "rror");

			fail("%s: spatch failed on %s (status %d): %s", b->file,
			     j->merged ? j->label : j->rule, status, why);
		}
		if (j->merged)
			unlink(j->rule);
		parse_cocci_output(j->out, l);
		unlink(j->out);
		unlink(j->err);
		free(j->out);
		free(j->err);
		free(j->rule);
		free(j->label);
	}
	free(b->job);
	memset(b, 0, sizeof(*b));
}

int engine_cocci(const char *file, const struct run_opts *o,
		 struct finding_list *l)
{
	struct cocci_batch b;

	cocci_start(&b, file, o);
	cocci_finish(&b, l);
	return 0;
}

void engines_run_as(const char *file, const char *cocci_file,
		    const struct run_opts *o, struct finding_list *l)
{
	struct cocci_batch b = { 0 };
	size_t from, i;

	if (access(file, R_OK) || access(cocci_file, R_OK))
		fail("%s: No such file or not readable", file);
	if (o->engines & ENGINE_COCCI)
		cocci_start(&b, cocci_file, o);
	if (o->engines & ENGINE_PLUGIN)
		engine_plugin(file, o, l);
	from = l->n;
	if (o->engines & ENGINE_COCCI)
		cocci_finish(&b, l);
	for (i = from; cocci_file != file && i < l->n; i++)
		if (!strcmp(l->v[i].file, cocci_file)) {
			free(l->v[i].file);
			l->v[i].file = xstrdup(file);
		}
}

void engines_run(const char *file, const struct run_opts *o,
		 struct finding_list *l)
{
	engines_run_as(file, file, o, l);
}
