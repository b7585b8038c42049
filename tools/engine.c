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
#include "prefilter.h"
#include "cache.h"
#include "json_read.h"
#include "pch.h"

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

/* Where a finding is created: its paths made canonical, as seen from DIR
 * (path_canonical()), so that the merge sees one path for one file. */
static void findings_canonical(struct finding_list *l, size_t from, const char *dir)
{
	size_t i;
	int j;

	for (i = from; i < l->n; i++) {
		struct finding *f = &l->v[i];
		char *p = path_canonical(f->file, dir);

		free(f->file);
		f->file = p;
		for (j = 0; j < f->nr_notes; j++) {
			if (!f->notes[j].file)
				continue;
			p = path_canonical(f->notes[j].file, dir);
			free(f->notes[j].file);
			f->notes[j].file = p;
		}
	}
}

/*
 * What differs between two runs doing the same work: the run's private
 * directory, or DIR when it lies inside it (lint's overlays: the code
 * after patch k-1 and before patch k are one file in two of them).
 */
static const char *anon_dir(const char *dir)
{
	const char *t = tmp_dir();
	size_t n = strlen(t);

	return dir && !strncmp(dir, t, n) && dir[n] == '/' ? dir : t;
}

/* The cache key of running ARGV (but the words that hold one of SKIP)
 * on FILE in DIR: false when it has none (FILE unreadable). */
static bool run_key(unsigned char key[32], const char *tag, char *const *argv,
		    int argc, const char *skip1, const char *skip2,
		    const char *dir, const char *file, const char *tool_file)
{
	const char *anon = anon_dir(dir);
	char *path = path_join(dir, file), *cwd = NULL;
	struct digest s;
	bool ok;
	int i;

	if (!cache_enabled()) {
		free(path);
		return false;
	}
	digest_init(&s);
	cache_key_str(&s, tag, NULL);
	cache_key_str(&s, PTEBATCH_VERSION, NULL);
	cache_key_prog(&s, argv[0]);
	if (!dir)
		cwd = current_dir();
	cache_key_str(&s, dir ? dir : cwd, anon);
	free(cwd);
	for (i = 1; i < argc; i++)
		if ((!skip1 || !strstr(argv[i], skip1)) &&
		    (!skip2 || !strstr(argv[i], skip2)))
			cache_key_str(&s, argv[i], anon);
	ok = cache_key_file(&s, path) && cache_key_file(&s, tool_file);
	digest_final(&s, key);
	free(path);
	return ok;
}

/*
 * Starts the compile A (flags from word HEAD on: O's cflags) from the
 * directory's precompiled header instead (pch.c); false when it has none.
 */
static bool with_pch(struct plugin_job *j, const struct argv_buf *a,
		     const char *dir, const char *file, const struct run_opts *o,
		     int head)
{
	struct argv_buf flags = { 0 }, b = { 0 };
	int i;

	/* lint (a tree given) builds it at the second use, kcheck at once */
	if (!pch_flags(dir, o->tree, file, o->tree != NULL, &o->cflags, &flags, &j->pch))
		return false;
	for (i = 0; i < head; i++)
		argv_push(&b, a->v[i]);
	for (i = 0; i < flags.n; i++)
		argv_push(&b, flags.v[i]);
	for (i = head + o->cflags.n; i < a->n; i++)
		argv_push(&b, a->v[i]);
	j->vm_bug = run_opts_wants_of(o, check_index("vm-bug"), ENGINE_PLUGIN);
	j->pid = spawn_argv_in(dir, b.v, NULL, j->err);
	argv_free(&flags);
	argv_free(&b);
	return true;
}

void engine_plugin_start(struct plugin_job *j, const char *dir, const char *file,
			 const struct run_opts *o)
{
	static int seq;
	struct argv_buf a = { 0 };
	char *arg;
	int i, head;

	memset(j, 0, sizeof(*j));
	j->file = xstrdup(file);
	j->dir = dir ? xstrdup(dir) : NULL;
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
	if (o->static_helpers)
		argv_push(&a, "-fplugin-arg-ptebatch_plugin-static-helpers");
	/* the kernel's level by default; the user's flags come after */
	argv_push(&a, "-O2");
	head = a.n;
	for (i = 0; i < o->cflags.n; i++)
		argv_push(&a, o->cflags.v[i]);
	argv_push(&a, "-S");
	argv_push(&a, "-o");
	argv_push(&a, "/dev/null");
	argv_push(&a, file);
	/* the output file's name is the run's: not in the key */
	j->keyed = run_key(j->key, "plugin", a.v, a.n, "ptebatch_plugin-output=",
			   NULL, dir, file, plugin_path());
	if (j->keyed && cache_get(j->key, anon_dir(dir), dir, j->out)) {
		j->cached = true;
		argv_free(&a);
		return;
	}
	/* the headers it reads, as they are opened (-MD writes nothing when
	 * analyze-only ends cc1): an entry is used while they are the same */
	if (j->keyed)
		argv_push(&a, "-H");
	if (o->pch && with_pch(j, &a, dir, file, o, head)) {
		j->fallback = a;	/* the compile as it was, if GCC refuses the header */
		return;
	}
	j->pid = spawn_argv_in(dir, a.v, NULL, j->err);
	argv_free(&a);
}

/* -H's lines (". path", ".. path", ...) out of ERR, into HEADERS */
static void take_headers(const char *err, struct argv_buf *headers)
{
	size_t len, i, n;
	char *text = file_read(err, &len), *line, *save = NULL;
	FILE *out;

	if (!text)
		return;
	out = fopen(err, "w");
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		n = strspn(line, ".");
		if (n && line[n] == ' ' && line[n + 1]) {
			for (i = 0; i < (size_t)headers->n; i++)
				if (!strcmp(headers->v[i], line + n + 1))
					break;
			if (i == (size_t)headers->n)
				argv_push(headers, line + n + 1);
			continue;
		}
		if (out)
			fprintf(out, "%s\n", line);
	}
	if (out)
		fclose(out);
	free(text);
}

/* FROM's lines added to the end of TO */
static void append_file(const char *from, const char *to)
{
	size_t len;
	char *text = file_read(from, &len);
	FILE *out = text && len ? fopen(to, "a") : NULL;

	if (out) {
		fwrite(text, 1, len, out);
		fclose(out);
	}
	free(text);
}

int engine_plugin_finish(struct plugin_job *j, struct finding_list *l, bool must)
{
	int status = j->cached ? 0 : wait_argv(j->pid);
	struct argv_buf headers = { 0 };
	size_t from = l->n;
	int i;

	if (status && j->pch.dir) {
		/* GCC did not take the precompiled header, or the file does
		 * not build on top of it: the compile as it was */
		pch_trace(j->file, "header refused: compiled without it");
		pch_use_free(&j->pch);
		unlink(j->out);
		status = wait_argv(spawn_argv_in(j->dir, j->fallback.v, NULL, j->err));
	}
	argv_free(&j->fallback);
	if (j->keyed && !j->cached)
		take_headers(j->err, &headers);
	if (!status && j->pch.dir) {
		/* what the header holds (-H names the .gch only), and the
		 * VM_BUG_ON*s seen while it was built */
		for (i = 0; i < j->pch.headers.n; i++)
			argv_push(&headers, j->pch.headers.v[i]);
		if (j->vm_bug)
			append_file(j->pch.findings, j->out);
	}
	pch_use_free(&j->pch);

	if (status && must) {
		char *why = first_line_with(j->err, "error");

		if (status == 127)
			fail("%s: cannot run the compiler '%s'", j->file, compiler());
		if (strstr(why, "plugin"))
			fail("%s: GCC plugin does not load: %s", j->file, why);
		fail("%s: does not compile: %s", j->file, why);
	}
	if (!status && j->keyed && !j->cached)
		cache_put(j->key, anon_dir(j->dir), j->dir, j->out, &headers);
	argv_free(&headers);
	if (!status)
		findings_load_jsonl(l, j->out);
	findings_canonical(l, from, j->dir);
	unlink(j->out);
	unlink(j->err);
	free(j->out);
	free(j->err);
	free(j->file);
	free(j->dir);
	memset(j, 0, sizeof(*j));
	return status;
}

int engine_plugin(const char *dir, const char *file, const struct run_opts *o,
		  struct finding_list *l)
{
	struct plugin_job j;

	engine_plugin_start(&j, dir, file, o);
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
 * The wanted rules run in one spatch: its start and its parse of the file
 * are most of a rule's cost on one file, and the plugin runs meanwhile
 * (engines_run).  One rule runs from its own file; several are first
 * written as one (cocci_merge.c).
 */
struct cocci_job {
	const char *dir, *file;
	char *rule, *label, *out, *err;
	bool merged;
	pid_t pid;		/* 0: no rule wanted, or a hit of the cache */
	unsigned char key[32];
	bool keyed, cached;
};

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

/*
 * The OCaml runtime's settings for spatch, unless the environment has its
 * own: a minor heap of 1M words (8 MB, the default 256k) and a major GC
 * half as eager (space_overhead 200, the default 120).  On 6.12's mm/ with
 * the merged rules, 19-27% fewer instructions (callgrind, slub.c) and
 * 5-15% less CPU on the large files; 2M words and more cost more CPU than
 * they save (a heap past the caches).  Peak RSS about 15 MB more.
 */
#define SPATCH_OCAMLRUNPARAM "s=1M,o=200"

static pid_t spawn_spatch(const char *dir, char *const argv[], const char *out,
			  const char *err)
{
	bool set = !getenv("OCAMLRUNPARAM");
	pid_t pid;

	if (set)
		setenv("OCAMLRUNPARAM", SPATCH_OCAMLRUNPARAM, 1);
	pid = spawn_argv_in(dir, argv, out, err);
	if (set)
		unsetenv("OCAMLRUNPARAM");
	return pid;
}

/*
 * vm_bug.cocci reads the tree's VM_WARN_ON_ONCE* variants from the
 * include/linux/mmdebug.h above the file it is given: for a copy (the
 * rules' focus, lint's overlay), the one above REAL (in O's tree, if
 * any), unless PTEBATCH_MMDEBUG says.  The path, or NULL.
 */
static char *mmdebug_above(const char *dir, const char *real, const struct run_opts *o)
{
	char *p = path_join(o->tree ? o->tree : dir, real), *cwd = current_dir();
	char *d = p[0] == '/' ? p : path_join(cwd, p), *found = NULL;
	int i;

	if (d != p)
		free(p);
	free(cwd);
	for (i = 0; i < 12 && !found; i++) {
		char *slash = strrchr(d, '/'), *cand;

		if (!slash || slash == d)
			break;
		*slash = 0;
		cand = xasprintf("%s/include/linux/mmdebug.h", d);
		if (!access(cand, R_OK))
			found = cand;
		else
			free(cand);
	}
	free(d);
	return found;
}

static void cocci_start(struct cocci_job *j, const char *dir, const char *file,
			const struct run_opts *o, const char *real)
{
	char *mmdebug = NULL;
	static int seq;
	struct argv_buf a = { 0 };
	char *rule[64];
	size_t len = 0;
	int i, nr = 0;

	memset(j, 0, sizeof(*j));
	j->dir = dir;
	j->file = file;
	for (i = 0; i < nr_check_descs && nr < 64; i++) {
		char *path = xasprintf("%s/%s.cocci", cocci_dir(), check_descs[i].cname);

		if (!run_opts_wants_of(o, i, ENGINE_COCCI) || access(path, R_OK)) {
			free(path);
			continue;
		}
		len += strlen(strrchr(path, '/') + 1) + 1;
		rule[nr++] = path;
	}
	if (!nr)
		return;
	j->label = calloc(1, len + 1);
	for (i = 0; i < nr; i++) {
		if (i)
			strcat(j->label, "+");
		strcat(j->label, strrchr(rule[i], '/') + 1);
	}
	if (nr == 1) {
		j->rule = rule[0];
	} else {
		j->rule = xasprintf("%s/rules.%d.cocci", tmp_dir(), seq);
		j->merged = true;
		cocci_merge(rule, nr, j->rule);
		for (i = 0; i < nr; i++)
			free(rule[i]);
	}
	j->out = xasprintf("%s/cocci.%d.out", tmp_dir(), seq);
	j->err = xasprintf("%s/cocci.%d.err", tmp_dir(), seq++);
	argv_push(&a, "spatch");
	spatch_python(&a);
	argv_push(&a, "--very-quiet");
	argv_push(&a, "-D");
	argv_push(&a, "report");
	cocci_options(j->rule, &a);
	argv_push(&a, "--sp-file");
	argv_push(&a, j->rule);
	argv_push(&a, file);
	/* the rules by their bytes, not by their (temporary) file's name */
	j->keyed = run_key(j->key, "cocci", a.v, a.n, j->rule, NULL, dir, file, j->rule);
	if (strcmp(file, real) && !getenv("PTEBATCH_MMDEBUG") &&
	    run_opts_wants_of(o, check_index("vm-bug"), ENGINE_COCCI) &&
	    (mmdebug = mmdebug_above(dir, real, o))) {
		char *arg = xasprintf("mmdebug=%s", mmdebug);

		/* the rules' own -D (vm_bug.cocci): in the key, as it should */
		argv_push(&a, "-D");
		argv_push(&a, arg);
		free(arg);
		free(mmdebug);
	}
	if (j->keyed && cache_get(j->key, anon_dir(dir), dir, j->out))
		j->cached = true;
	else
		j->pid = spawn_spatch(dir, a.v, j->out, j->err);
	argv_free(&a);
}

static void cocci_finish(struct cocci_job *j, struct finding_list *l)
{
	size_t from = l->n;
	int status;

	if (!j->pid && !j->cached)
		return;
	status = j->cached ? 0 : wait_argv(j->pid);
	if (!status && j->keyed && !j->cached)
		cache_put(j->key, anon_dir(j->dir), j->dir, j->out, NULL);
	if (status) {
		char *why = first_line_with(j->err, "rror");

		fail("%s: spatch failed on %s (status %d): %s", j->file,
		     j->merged ? j->label : j->rule, status, why);
	}
	parse_cocci_output(j->out, l);
	findings_canonical(l, from, j->dir);
	if (j->merged)
		unlink(j->rule);
	unlink(j->out);
	unlink(j->err);
	free(j->out);
	free(j->err);
	free(j->rule);
	free(j->label);
	memset(j, 0, sizeof(*j));
}

int engine_cocci(const char *dir, const char *file, const struct run_opts *o,
		 struct finding_list *l)
{
	struct cocci_job j;

	cocci_start(&j, dir, file, o, file);
	cocci_finish(&j, l);
	return 0;
}

/* Can the tools started in DIR read FILE? */
static bool readable_in(const char *dir, const char *file)
{
	char *p = path_join(dir, file);
	bool ok = !access(p, R_OK);

	free(p);
	return ok;
}

void engines_run_at(const char *dir, const char *file, const char *cocci_file,
		    const struct run_opts *o, struct finding_list *l)
{
	engines_run_heard(dir, file, cocci_file, o, l, NULL, NULL);
}

void engines_run_heard(const char *dir, const char *file, const char *cocci_file,
		       const struct run_opts *o, struct finding_list *l,
		       plugin_heard_fn *heard, void *arg)
{
	struct cocci_job j = { 0 };
	struct run_opts narrow;
	char *named = NULL, *focus = NULL;
	size_t from, i;

	if (!readable_in(dir, file) || !readable_in(dir, cocci_file))
		fail("%s: No such file or not readable", file);
	if (o->prefilter) {
		narrow = *o;
		prefilter_narrow(dir, file, cocci_file, &narrow);
		o = &narrow;
		/* the rules on the functions they can need only */
		if (o->engines & ENGINE_COCCI)
			focus = prefilter_focus(dir, cocci_file, o);
		if (focus)
			cocci_file = focus;
	}
	if (o->engines & ENGINE_COCCI)
		cocci_start(&j, dir, cocci_file, o, file);
	from = l->n;
	if (o->engines & ENGINE_PLUGIN) {
		engine_plugin(dir, file, o, l);
		if (heard)
			heard(arg, l, from);
	}
	from = l->n;
	if (o->engines & ENGINE_COCCI)
		cocci_finish(&j, l);
	if (cocci_file != file) {
		char *copy = path_canonical(cocci_file, dir);

		named = path_canonical(file, dir);
		for (i = from; i < l->n; i++)
			if (!strcmp(l->v[i].file, copy)) {
				free(l->v[i].file);
				l->v[i].file = xstrdup(named);
			}
		free(copy);
		free(named);
	}
	if (focus)
		unlink(focus);
	free(focus);
}

void engines_run(const char *file, const struct run_opts *o,
		 struct finding_list *l)
{
	engines_run_at(NULL, file, file, o, l);
}
