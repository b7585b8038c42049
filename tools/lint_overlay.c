// SPDX-License-Identifier: GPL-2.0-only
/*
 * lint_overlay.c - one side of a patch in its overlay directory: the
 * files written, the compile flags pointed at the overlay, the rules'
 * narrowed copies, the engines run and their findings kept to the files
 * the patch changes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cflags.h"
#include "lint_overlay.h"

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

void side_write(const struct lint_side *s)
{
	int i, k;

	for (i = 0; i < s->S->nr_files; i++) {
		const struct series_file *sf = s->S->file[i];
		const struct text *t = &sf->text;
		bool exists = sf->exists;
		char *p;

		for (k = 0; s->before && k < s->nr; k++)
			if (s->ch[k].sf == sf) {
				t = &s->ch[k].before;
				exists = s->ch[k].existed;
			}
		if (!exists)
			continue;
		p = xasprintf("%s/%s", s->dir, sf->path);
		if (text_save(t, p))
			fail("cannot write %s", p);
		free(p);
	}
}

void side_cflags(const char *tree, const char *wdir, const char *path,
		 struct argv_buf *out)
{
	struct argv_buf flags = { 0 };
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *s;
	size_t tl = strlen(tree);
	int i;

	if (tree_cflags(tree, path, &flags))
		fail("no compile flags for %s in %s: build it once (make %.*s.o) "
		     "or run scripts/clang-tools/gen_compile_commands.py",
		     path, tree, (int)(strlen(path) - 2), path);
	for (i = 0; i < flags.n; i++) {
		const char *a = flags.v[i];
		const char *val = !strncmp(a, "-I", 2) && a[2] ? a + 2 :
			(!strcmp(a, "-include") || !strcmp(a, "-I")) &&
			i + 1 < flags.n ? flags.v[i + 1] : NULL;

		/* the overlay's copy of a patched header comes first */
		if (val && !strncmp(val, tree, tl) && val[tl] == '/') {
			char *mine = xasprintf("%s%s", wdir, val + tl);

			if (!strcmp(a, "-include") && !access(mine, R_OK)) {
				argv_push(out, a);
				argv_push(out, mine);
				free(mine);
				i++;
				continue;
			}
			if (strcmp(a, "-include") && is_dir(mine)) {
				s = xasprintf("-I%s", mine);
				argv_push(out, s);
				free(s);
			}
			free(mine);
		}
		argv_push(out, a);
	}
	/* #include "internal.h" from the overlay's mm/rmap.c */
	if (slash)
		*slash = 0;
	s = xasprintf("%s/%s", tree, slash ? dir : ".");
	argv_push(out, "-iquote");
	argv_push(out, s);
	free(s);
	free(dir);
	argv_free(&flags);
}

/*
 * The Coccinelle rules only report inside a function the patch changes
 * (their findings have no notes), and read no further than the static
 * functions it calls (a batch source's early returns): the other bodies
 * are blanked in the copy they run on, lines kept, preprocessor lines
 * kept, so that spatch parses and matches a few functions, not the file.
 */
static int nr_funcs(const struct text *t, const int *func)
{
	int i, n = 0;

	for (i = 0; i < t->n; i++)
		if (func[i] > n)
			n = func[i];
	return n;
}

static char **func_names(const struct text *t, const int *func, int n)
{
	char **name = calloc(n + 1, sizeof(*name));
	int i;

	for (i = 0; i < t->n; i++)
		if (func[i] && !name[func[i]])
			name[func[i]] = c_function_at(t, func, i);
	return name;
}

static void free_names(char **name, int n)
{
	int i;

	for (i = 0; i <= n; i++)
		free(name[i]);
	free(name);
}

/* Does line L call NAME: NAME, then '(' (white space between)? */
static bool calls(const char *l, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (!n)
		return false;
	for (p = strstr(l, name); p; p = strstr(p + 1, name)) {
		const char *q = p + n;

		if (p > l && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (*q == '(')
			return true;
	}
	return false;
}

/* a changed line outside every function that is not blank or a comment */
static bool changes_globals(const struct change *c)
{
	int i;

	for (i = 0; i < c->sf->text.n; i++) {
		const char *l = c->sf->text.line[i];

		if (!c->touched_line[i] || c->func_of_line[i])
			continue;
		l += strspn(l, " \t");
		if (*l && *l != '\n' && strncmp(l, "/*", 2) && *l != '*' &&
		    strncmp(l, "//", 2))
			return true;
	}
	return false;
}

void change_plan_cocci(struct change *c)
{
	const struct text *t = &c->sf->text;
	int n = nr_funcs(t, c->func_of_line), nb, f, g, i;
	char **name, **bname;
	bool more = true;

	if (changes_globals(c) || !c->sf->exists)
		return;
	name = func_names(t, c->func_of_line, n);
	c->keep_after = calloc(n + 1, sizeof(bool));
	for (f = 1; f <= n; f++)
		c->keep_after[f] = c->touched_func[f];
	/* and what they call, transitively */
	while (more) {
		more = false;
		for (i = 0; i < t->n; i++) {
			f = c->func_of_line[i];
			if (!f || !c->keep_after[f])
				continue;
			for (g = 1; g <= n; g++)
				if (!c->keep_after[g] && calls(t->line[i], name[g]))
					c->keep_after[g] = more = true;
		}
	}
	/* the code before: the functions of the same names */
	nb = nr_funcs(&c->before, c->before_func);
	bname = func_names(&c->before, c->before_func, nb);
	c->keep_before = calloc(nb + 1, sizeof(bool));
	for (g = 1; g <= nb; g++)
		for (f = 1; f <= n && !c->keep_before[g]; f++)
			c->keep_before[g] = c->keep_after[f] &&
					    !strcmp(bname[g], name[f]);
	free_names(name, n);
	free_names(bname, nb);
}

/* The copy of one side's file for the rules, or NULL for the file itself. */
static char *cocci_copy(const char *wdir, const struct change *c, bool before)
{
	const struct text *t = before ? &c->before : &c->sf->text;
	const int *func = before ? c->before_func : c->func_of_line;
	const bool *keep = before ? c->keep_before : c->keep_after;
	struct text copy = { 0 };
	char *path;

	if (!keep)
		return NULL;
	c_blank_bodies(t, func, keep, &copy);
	path = xasprintf("%s.cocci/%s", wdir, c->sf->path);
	if (text_save(&copy, path))
		fail("cannot write %s", path);
	text_free(&copy);
	return path;
}

struct heard_k {
	const struct lint_side *s;
	int k;
};

static void heard_k(void *arg, struct finding_list *l, size_t from)
{
	struct heard_k *h = arg;

	h->s->heard(h->s->heard_arg, h->k, l, from);
}

/* The engines on the changed file K of this side, as O asks. */
static void run_file(const struct lint_side *s, int k, struct run_opts *o,
		     struct finding_list *raw)
{
	const char *path = s->ch[k].sf->path;

	memset(&o->cflags, 0, sizeof(o->cflags));
	if (!s->S->tree || path[strlen(path) - 1] == 'h')
		o->engines &= ENGINE_COCCI;
	else if (o->engines & ENGINE_PLUGIN)
		side_cflags(s->S->tree, s->dir, path, &o->cflags);
	if (o->engines) {
		char *copy = path[strlen(path) - 1] == 'c' ?
			     cocci_copy(s->dir, &s->ch[k], s->before) : NULL;
		struct heard_k h = { s, k };

		engines_run_heard(s->dir, path, copy ? copy : path, o, raw,
				  s->heard ? heard_k : NULL, &h);
		free(copy);
	}
	argv_free(&o->cflags);
}

void side_run(const struct lint_side *s, const struct run_opts *base,
	      side_ask_fn *ask, void *arg, struct finding_list *l)
{
	struct finding_list raw = { 0 };
	size_t i, keep;
	int k;

	for (k = 0; k < s->nr; k++) {
		const struct change *c = &s->ch[k];
		struct run_opts o = *base;

		if ((s->before && !c->existed) || (!s->before && !c->sf->exists))
			continue;
		if (ask && !ask(arg, k, &o, &raw))
			continue;
		run_file(s, k, &o, &raw);
	}
	/* the overlay's paths are relative to it already (engines_run_at);
	 * the tree's files are the overlay's */
	if (s->S->tree)
		findings_rebase(&raw, 0, s->S->tree, s->S->tree);
	for (i = keep = 0; i < raw.n; i++) {
		if (!change_of(s->ch, s->nr, raw.v[i].file)) {
			finding_free(&raw.v[i]);
			continue;
		}
		raw.v[keep++] = raw.v[i];
	}
	raw.n = keep;
	findings_finish(&raw);
	for (i = 0; i < raw.n; i++)
		findings_add(l, &raw.v[i]);
	raw.n = 0;
	findings_clear(&raw);
}
