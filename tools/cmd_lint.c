// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_lint.c - ptebatch lint [--tree KERNEL_DIR] [--format=F] [--engine=E]
 *                  [--checks=IDS] [--baseline FILE] [PATCH...|-|--git RANGE]
 *
 * The findings a patch introduces, for each patch of a series, wherever they
 * land: a finding whose statement or any note (origin, call site) is on a
 * changed line or in a changed function, that the code before the patch did
 * not have (deleting the per-iteration reset of a count makes a stale count
 * at an unchanged call; a limit changed in a caller makes a finding in an
 * untouched static wrapper, noted at the call).
 * "Did not have" compares identities (file, enclosing function as the
 * source text shows it, check, statement without white space), never line
 * numbers, and not the engine: the code before the patch is asked only
 * about the candidates' checks, each of one engine that found it.
 *
 * The patched files live in a private overlay: <tmp>/<side>/<path>, compiled
 * from the overlay with the tree's real flags (its .cmd files or
 * compile_commands.json), with -iquote for the file's own directory in the
 * tree and the overlay's include directories before the tree's, so a
 * patched header is seen.  The kernel tree itself is never written.
 * Without --tree only the Coccinelle rules run, on the files' contents from
 * git (a patch made by git format-patch names its commit) or the current
 * directory.
 *
 * Exit 0 clean, 1 findings, 2 error (a hunk that does not apply, not a
 * kernel tree, a missing tool).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "baseline.h"
#include "cflags.h"
#include "cmds.h"
#include "patch.h"

struct state_file {
	char *path;
	struct text text;
	bool exists;
};

struct lint {
	struct cli_opts c;
	char *tree;		/* absolute, or NULL */
	char *cwd;
	struct state_file *file;
	int nr_files;
	bool git_checked, in_git;
};

/* one file of one patch: what changed */
struct change {
	struct state_file *sf;
	struct text before;
	bool existed;
	bool *added, *touched_line;
	int *func_of_line, *before_func;
	bool *touched_func;
	/* the functions whose bodies the Coccinelle rules need (NULL: all) */
	bool *keep_after, *keep_before;
};

static bool is_source(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	return n > 2 && path[n - 2] == '.' && (path[n - 1] == 'c' || path[n - 1] == 'h');
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* ---- file contents: git (the patch's parent commit), tree or cwd ---- */

static const char *git_dir;	/* the tree when given, else the cwd */

static bool git_show(const char *rev, const char *path, struct text *t)
{
	char *spec = xasprintf("%s:%s", rev, path);
	char *out = xasprintf("%s/git-show", tmp_dir());
	char *const argv[] = { "git", "-C", (char *)git_dir, "show", spec, NULL };
	bool ok = run_argv(argv, out, "/dev/null") == 0 && !text_load(t, out);

	free(spec);
	free(out);
	return ok;
}

/* The pre-image blob a git patch names (b4 hands patches without their
 * "From <sha>" line; the blob is in the repository all the same). */
static bool git_blob(const char *blob, struct text *t)
{
	char *out = xasprintf("%s/git-blob", tmp_dir());
	char *const argv[] = { "git", "-C", (char *)git_dir, "cat-file", "blob",
			       (char *)blob, NULL };
	bool ok = blob && strspn(blob, "0") != strlen(blob) &&
		  run_argv(argv, out, "/dev/null") == 0 && !text_load(t, out);

	free(out);
	return ok;
}

static bool git_has_commit(struct lint *L, const char *sha)
{
	char *rev;
	bool ok;

	if (!L->git_checked) {
		char *const argv[] = { "git", "-C", (char *)git_dir, "rev-parse",
				       "--git-dir", NULL };

		L->git_checked = true;
		L->in_git = run_argv(argv, "/dev/null", "/dev/null") == 0;
	}
	if (!L->in_git || !sha)
		return false;
	rev = xasprintf("%s^{commit}", sha);
	{
		char *const argv[] = { "git", "-C", (char *)git_dir, "cat-file",
				       "-e", rev, NULL };

		ok = run_argv(argv, "/dev/null", "/dev/null") == 0;
	}
	free(rev);
	return ok;
}

static struct state_file *state_get(struct lint *L, const struct patch *p,
				    const struct file_patch *fp)
{
	const char *path = fp->new_path ? fp->new_path : fp->old_path;
	struct state_file *sf;
	int i;

	for (i = 0; i < L->nr_files; i++)
		if (!strcmp(L->file[i].path, path))
			return &L->file[i];
	L->file = realloc(L->file, (L->nr_files + 1) * sizeof(*L->file));
	sf = &L->file[L->nr_files++];
	memset(sf, 0, sizeof(*sf));
	sf->path = xstrdup(path);
	if (!fp->old_path)
		return sf;		/* a new file */
	if (git_has_commit(L, p->commit)) {
		char *parent = xasprintf("%s^", p->commit);

		sf->exists = git_show(parent, fp->old_path, &sf->text);
		free(parent);
	} else if (git_has_commit(L, "HEAD") && git_blob(fp->old_blob, &sf->text)) {
		sf->exists = true;
	} else {
		char *full = path_join(L->tree ? L->tree : L->cwd, fp->old_path);

		sf->exists = !text_load(&sf->text, full);
		free(full);
	}
	if (!sf->exists)
		fail("%s: %s: not found in %s", p->name, fp->old_path,
		     p->commit && L->in_git ? "git" : L->tree ? L->tree :
		     "the current directory (run from the kernel tree, or give --tree)");
	return sf;
}

/* ---- running the engines on one side ---- */

static void side_flags(struct lint *L, const char *wdir, const char *path,
		       struct argv_buf *out)
{
	struct argv_buf flags = { 0 };
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *s;
	size_t tl = strlen(L->tree);
	int i;

	if (tree_cflags(L->tree, path, &flags))
		fail("no compile flags for %s in %s: build it once (make %.*s.o) "
		     "or run scripts/clang-tools/gen_compile_commands.py",
		     path, L->tree, (int)(strlen(path) - 2), path);
	for (i = 0; i < flags.n; i++) {
		const char *a = flags.v[i];
		const char *val = !strncmp(a, "-I", 2) && a[2] ? a + 2 :
			(!strcmp(a, "-include") || !strcmp(a, "-I")) &&
			i + 1 < flags.n ? flags.v[i + 1] : NULL;

		/* the overlay's copy of a patched header comes first */
		if (val && !strncmp(val, L->tree, tl) && val[tl] == '/') {
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
	s = xasprintf("%s/%s", L->tree, slash ? dir : ".");
	argv_push(out, "-iquote");
	argv_push(out, s);
	free(s);
	free(dir);
	argv_free(&flags);
}

static bool in_change(const struct change *ch, int n, const char *file)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(ch[i].sf->path, file))
			return true;
	return false;
}

/*
 * The code before the patch is only asked about the candidates: their
 * checks, each of one engine that found it.  The plugin when it ran
 * already (PLUGIN_RAN) or a candidate needs it anyway (found by it alone),
 * and then for every check it found; otherwise the rules, whose run on a
 * few functions is the cheaper.  A candidate in a header can come from any
 * changed .c file.
 */
static bool narrow(struct run_opts *o, const struct finding_list *want,
		   const char *path, bool plugin_ran)
{
	bool header = false, any = false, plugin = plugin_ran;
	unsigned int found[64];
	size_t i;
	int c;

	memset(o->only, 0, sizeof(o->only));
	memset(found, 0xff, sizeof(found));
	for (i = 0; i < want->n; i++) {
		size_t n = strlen(want->v[i].file);

		header |= want->v[i].file[n - 1] == 'h';
	}
	for (i = 0; i < want->n; i++) {
		const struct finding *f = &want->v[i];

		if (!header && strcmp(f->file, path))
			continue;
		c = check_index(f->check);
		o->only[c] = any = true;
		found[c] &= f->engines;	/* the engines that found them all */
		plugin |= !(f->engines & ENGINE_COCCI);
	}
	o->filtered = true;
	for (c = 0; c < nr_check_descs; c++)
		if (o->only[c])
			o->check_engines[c] = plugin && (found[c] & ENGINE_PLUGIN) ?
					      ENGINE_PLUGIN : found[c] & ENGINE_COCCI ?
					      ENGINE_COCCI : ENGINE_PLUGIN;
	if (!plugin)
		o->engines &= ENGINE_COCCI;
	return any;
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

static void plan_cocci(struct change *c)
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
	bool in_body = false, cont = false;
	int i;

	if (!keep)
		return NULL;
	text_copy(&copy, t);
	for (i = 0; i < t->n; i++) {
		const char *l = t->line[i], *h = l + strspn(l, " \t");
		size_t len = strlen(l);
		bool pp = cont || *h == '#';

		cont = pp && len >= 2 && l[len - 2] == '\\';
		if (!func[i] || keep[func[i]]) {
			in_body = false;
			continue;
		}
		if (l[0] == '{') {
			in_body = true;
			continue;
		}
		if (l[0] == '}' || (i + 1 < t->n && func[i + 1] != func[i]))
			in_body = false;
		if (in_body && !pp) {
			free(copy.line[i]);
			copy.line[i] = xstrdup("\n");
		}
	}
	path = xasprintf("%s.cocci/%s", wdir, c->sf->path);
	if (text_save(&copy, path))
		fail("cannot write %s", path);
	text_free(&copy);
	return path;
}

/* The code before's plugin findings per changed file, from a compile that
 * ran beside the code after's (lint_patch) */
struct before_plugin {
	struct finding_list l;
	bool ran;
};

/* Findings of one side (WDIR holds that side's patched files), limited to
 * the files the patch changes, fingerprinted in WDIR. */
static void run_side(struct lint *L, const char *wdir, struct change *ch,
		     int nr, bool before, const struct finding_list *want,
		     struct before_plugin *plugin_ran, struct finding_list *l)
{
	struct finding_list raw = { 0 };
	size_t i, keep;
	int k;

	if (chdir(wdir))
		fail("cannot enter %s", wdir);
	for (k = 0; k < nr; k++) {
		struct run_opts o = L->c.run;
		const char *path = ch[k].sf->path;

		if ((before && !ch[k].existed) || (!before && !ch[k].sf->exists))
			continue;
		if (want && !narrow(&o, want, path, plugin_ran && plugin_ran[k].ran))
			continue;
		memset(&o.cflags, 0, sizeof(o.cflags));
		if (!L->tree || path[strlen(path) - 1] == 'h')
			o.engines &= ENGINE_COCCI;
		else if (o.engines & ENGINE_PLUGIN)
			side_flags(L, wdir, path, &o.cflags);
		if (plugin_ran && plugin_ran[k].ran) {
			/* its compile ran beside the other side's: take what
			 * this run of the plugin would have reported */
			for (i = 0; i < plugin_ran[k].l.n; i++) {
				struct finding *f = &plugin_ran[k].l.v[i];

				if ((o.engines & ENGINE_PLUGIN) &&
				    run_opts_wants_of(&o, check_index(f->check), ENGINE_PLUGIN)) {
					findings_add(&raw, f);
					memset(f, 0, sizeof(*f));
				}
			}
			o.engines &= ~ENGINE_PLUGIN;
		}
		if (o.engines) {
			char *copy = path[strlen(path) - 1] == 'c' ?
				     cocci_copy(wdir, &ch[k], before) : NULL;

			engines_run_as(path, copy ? copy : path, &o, &raw);
			free(copy);
		}
		argv_free(&o.cflags);
	}
	findings_rebase(&raw, 0, wdir, wdir);
	if (L->tree)
		findings_rebase(&raw, 0, L->tree, L->tree);
	for (i = keep = 0; i < raw.n; i++) {
		if (!in_change(ch, nr, raw.v[i].file)) {
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
	if (chdir(L->cwd))
		fail("cannot return to %s", L->cwd);
}

static void write_side(struct lint *L, const char *wdir, struct change *ch,
		       int nr, bool before)
{
	int i, k;

	for (i = 0; i < L->nr_files; i++) {
		const struct state_file *sf = &L->file[i];
		const struct text *t = &sf->text;
		bool exists = sf->exists;
		char *p;

		for (k = 0; before && k < nr; k++)
			if (ch[k].sf == sf) {
				t = &ch[k].before;
				exists = ch[k].existed;
			}
		if (!exists)
			continue;
		p = xasprintf("%s/%s", wdir, sf->path);
		if (text_save(t, p))
			fail("cannot write %s", p);
		free(p);
	}
}

/* ---- one patch ---- */

/* Is FILE:LINE (1-based) changed by the patch, or in a function it changes? */
static bool changed_at(const struct change *ch, int nr, const char *file,
		      int line)
{
	int k, ln = line - 1;

	for (k = 0; k < nr; k++) {
		if (strcmp(ch[k].sf->path, file))
			continue;
		if (ln < 0 || ln >= ch[k].sf->text.n)
			return false;
		return ch[k].touched_line[ln] || (ch[k].func_of_line[ln] &&
			ch[k].touched_func[ch[k].func_of_line[ln]]);
	}
	return false;
}

/*
 * A finding the patch may have introduced, wherever it lands: its statement
 * or one of its notes (where a value comes from, the call that passes it)
 * is on a changed line or in a changed function.  A limit changed in a
 * caller shows up inside an untouched static wrapper, with a note at the
 * caller's call.  drop_known() then removes what the code before had.
 */
static bool candidate(const struct change *ch, int nr, const struct finding *f)
{
	int i;

	if (changed_at(ch, nr, f->file, f->line))
		return true;
	for (i = 0; i < f->nr_notes; i++)
		if (f->notes[i].file &&
		    changed_at(ch, nr, f->notes[i].file, f->notes[i].line))
			return true;
	return false;
}

/* file, function, check and statement of F on one side, as one string */
static char *identity(const struct change *ch, int nr, bool before,
		      const struct finding *f)
{
	const struct text *t = NULL;
	const int *func = NULL;
	char *name, *stmt, *id;
	const char *p;
	int k, ln = f->line - 1;
	size_t n = 0;

	for (k = 0; k < nr && !t; k++)
		if (!strcmp(ch[k].sf->path, f->file)) {
			t = before ? &ch[k].before : &ch[k].sf->text;
			func = before ? ch[k].before_func : ch[k].func_of_line;
		}
	if (!t || ln < 0 || ln >= t->n)
		return xasprintf("%s\x1f\x1f%s\x1f%d", f->file, f->check, f->line);
	name = c_function_at(t, func, ln);
	stmt = xstrdup(t->line[ln]);
	for (p = t->line[ln]; *p; p++)
		if (!isspace((unsigned char)*p))
			stmt[n++] = *p;
	stmt[n] = 0;
	id = xasprintf("%s\x1f%s\x1f%s\x1f%s", f->file, name, f->check, stmt);
	free(name);
	free(stmt);
	return id;
}

static char *squeeze(const char *line)
{
	char *s = xstrdup(line);
	size_t n = 0;

	for (; *line; line++)
		if (!isspace((unsigned char)*line))
			s[n++] = *line;
	s[n] = 0;
	return s;
}

/* Did the code before the patch have F's statement in F's function?  If
 * not, F cannot be a finding it already had. */
static bool could_preexist(const struct change *ch, int nr,
			   const struct finding *f)
{
	const struct change *c = NULL;
	char *stmt, *name;
	bool found = false;
	int k, ln = f->line - 1;

	for (k = 0; k < nr && !c; k++)
		if (!strcmp(ch[k].sf->path, f->file))
			c = &ch[k];
	if (!c || !c->existed || ln < 0 || ln >= c->sf->text.n)
		return c && c->existed;
	stmt = squeeze(c->sf->text.line[ln]);
	name = c_function_at(&c->sf->text, c->func_of_line, ln);
	for (k = 0; k < c->before.n && !found; k++) {
		char *other = squeeze(c->before.line[k]);

		if (!strcmp(other, stmt)) {
			char *fn = c_function_at(&c->before, c->before_func, k);

			found = !strcmp(fn, name);
			free(fn);
		}
		free(other);
	}
	free(stmt);
	free(name);
	return found;
}

/* Drop the findings of L that KNOWN (the code before) already had; each
 * known finding excuses one. */
static void drop_known(struct finding_list *l, const struct finding_list *known,
		       const struct change *ch, int nr)
{
	char **ids = calloc(known->n + 1, sizeof(*ids));
	size_t i, j, keep;

	for (j = 0; j < known->n; j++)
		ids[j] = identity(ch, nr, true, &known->v[j]);
	for (i = keep = 0; i < l->n; i++) {
		char *id = identity(ch, nr, false, &l->v[i]);

		for (j = 0; j < known->n; j++)
			if (ids[j] && !strcmp(ids[j], id))
				break;
		free(id);
		if (j < known->n) {
			free(ids[j]);
			ids[j] = NULL;		/* used up */
			finding_free(&l->v[i]);
			continue;
		}
		l->v[keep++] = l->v[i];
	}
	l->n = keep;
	for (j = 0; j < known->n; j++)
		free(ids[j]);
	free(ids);
}

/*
 * Most patches to a function that has findings need the code before
 * asked about them (their statements were there before): the plugin
 * compile of each changed .c file's code before runs beside the code
 * after's, on the second CPU, before that is known, and is dropped when
 * it is not needed (a failed compile too: the patch may fix the build).
 */
static struct plugin_job *start_before_plugin(struct lint *L, const char *wb,
					      struct change *ch, int nr)
{
	struct plugin_job *job = calloc(nr, sizeof(*job));
	int k;

	if (chdir(wb))
		fail("cannot enter %s", wb);
	for (k = 0; k < nr; k++) {
		struct run_opts o = L->c.run;
		const char *path = ch[k].sf->path;

		if (!ch[k].existed || !ch[k].sf->exists || path[strlen(path) - 1] != 'c')
			continue;
		memset(&o.cflags, 0, sizeof(o.cflags));
		side_flags(L, wb, path, &o.cflags);
		engine_plugin_start(&job[k], path, &o);
		argv_free(&o.cflags);
	}
	if (chdir(L->cwd))
		fail("cannot return to %s", L->cwd);
	return job;
}

static void lint_patch(struct lint *L, const struct patch *p, int idx,
		       struct finding_list *out)
{
	struct change *ch = calloc(p->nr_files + 1, sizeof(*ch));
	struct finding_list after = { 0 }, before = { 0 }, maybe = { 0 };
	struct before_plugin *spec = NULL;
	char *wa = xasprintf("%s/p%d/after", tmp_dir(), idx);
	char *wb = xasprintf("%s/p%d/before", tmp_dir(), idx);
	int nr = 0, i, k, bad;
	size_t j, keep;

	for (i = 0; i < p->nr_files; i++) {
		const struct file_patch *fp = &p->file[i];
		struct change *c;
		int n;

		if (!is_source(fp->new_path ? fp->new_path : fp->old_path))
			continue;
		c = &ch[nr++];
		c->sf = state_get(L, p, fp);
		text_copy(&c->before, &c->sf->text);
		c->existed = c->sf->exists;
		bad = file_patch_apply(fp, &c->sf->text);
		if (bad)
			fail("%s: does not apply: %s hunk #%d '%s'", p->name,
			     c->sf->path, bad, fp->hunk[bad - 1].header);
		c->sf->exists = fp->new_path != NULL;
		n = c->sf->text.n + 1;
		c->added = calloc(n, sizeof(bool));
		c->touched_line = calloc(n, sizeof(bool));
		c->func_of_line = calloc(n, sizeof(int));
		c->touched_func = calloc(n + 1, sizeof(bool));
		file_patch_changed(fp, c->added, c->touched_line, c->sf->text.n);
		c_functions(&c->sf->text, c->func_of_line);
		c->before_func = calloc(c->before.n + 1, sizeof(int));
		c_functions(&c->before, c->before_func);
		for (k = 0; k < c->sf->text.n; k++)
			if (c->touched_line[k] && c->func_of_line[k])
				c->touched_func[c->func_of_line[k]] = true;
		plan_cocci(c);
	}
	if (nr) {
		bool speculate = L->tree && (L->c.run.engines & ENGINE_PLUGIN);
		struct plugin_job *job = NULL;

		if (speculate) {
			write_side(L, wb, ch, nr, true);
			job = start_before_plugin(L, wb, ch, nr);
			spec = calloc(nr, sizeof(*spec));
		}
		write_side(L, wa, ch, nr, false);
		run_side(L, wa, ch, nr, false, NULL, NULL, &after);
		for (j = keep = 0; j < after.n; j++) {
			if (!candidate(ch, nr, &after.v[j])) {
				finding_free(&after.v[j]);
				continue;
			}
			after.v[keep++] = after.v[j];
		}
		after.n = keep;
		/* only a candidate that the code before could have had needs
		 * that code analysed */
		for (j = 0; j < after.n; j++) {
			if (!could_preexist(ch, nr, &after.v[j]))
				continue;
			findings_add(&maybe, &(struct finding){ 0 });
			maybe.v[maybe.n - 1].file = xstrdup(after.v[j].file);
			memcpy(maybe.v[maybe.n - 1].check, after.v[j].check,
			       sizeof(after.v[j].check));
			maybe.v[maybe.n - 1].engines = after.v[j].engines;
		}
		for (k = 0; job && k < nr; k++) {
			if (!job[k].pid)
				continue;
			spec[k].ran = !engine_plugin_finish(&job[k], &spec[k].l, maybe.n > 0);
		}
		free(job);
		if (maybe.n) {
			if (!speculate)
				write_side(L, wb, ch, nr, true);
			run_side(L, wb, ch, nr, true, &maybe, spec, &before);
			drop_known(&after, &before, ch, nr);
		}
	}
	for (j = 0; j < after.n; j++)
		findings_add(out, &after.v[j]);
	after.n = 0;
	findings_clear(&after);
	findings_clear(&before);
	findings_clear(&maybe);
	for (k = 0; spec && k < nr; k++)
		findings_clear(&spec[k].l);
	free(spec);
	for (k = 0; k < nr; k++) {
		text_free(&ch[k].before);
		free(ch[k].added);
		free(ch[k].touched_line);
		free(ch[k].func_of_line);
		free(ch[k].before_func);
		free(ch[k].touched_func);
		free(ch[k].keep_after);
		free(ch[k].keep_before);
	}
	free(ch);
	free(wa);
	free(wb);
}

/* ---- the command ---- */

static void read_git_range(struct series *s, const char *range)
{
	char *out = xasprintf("%s/range.mbox", tmp_dir());
	char *err = xasprintf("%s/range.err", tmp_dir());
	char *const argv[] = { "git", "format-patch", "--stdout", "--no-signature",
			       (char *)range, NULL };
	char *text;
	int status = run_argv(argv, out, err);

	if (status == 127)
		fail("git not found in PATH");
	if (status)
		fail("git format-patch %s failed: %s", range, first_line_with(err, "fatal"));
	text = read_all(out);
	series_parse(s, text, range);
	free(text);
	free(out);
	free(err);
}

static void check_tree(struct lint *L, const char *tree)
{
	char *mk = xasprintf("%s/Makefile", tree);
	char *mm = xasprintf("%s/mm", tree);
	char *cfg = xasprintf("%s/.config", tree);

	if (access(mk, R_OK) || !is_dir(mm))
		fail("%s is not a kernel tree (no Makefile and mm/)", tree);
	if (access(cfg, R_OK))
		fail("%s is not a configured kernel tree (no .config): run make defconfig, "
		     "or lint without --tree", tree);
	L->tree = path_join(L->cwd, tree);
	free(mk);
	free(mm);
	free(cfg);
}

static void summary(FILE *out, size_t warnings, int lines)
{
	fprintf(out, "total: %zu warnings, %d lines checked\n", warnings, lines);
}

int cmd_lint(int argc, char **argv)
{
	struct lint L = { 0 };
	struct series s = { 0 };
	struct finding_list all = { 0 };
	const char *range = NULL;
	bool text, b4, any_input = false;
	FILE *sum;
	int i, lines = 0, status;

	cli_opts_init(&L.c);
	L.cwd = current_dir();
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_common_opt(&L.c, argc, argv, &i))
			continue;
		if (!strcmp(a, "--tree") && i + 1 < argc)
			check_tree(&L, argv[++i]);
		else if (!strncmp(a, "--tree=", 7))
			check_tree(&L, a + 7);
		else if (!strcmp(a, "--git") && i + 1 < argc)
			range = argv[++i];
		else if (!strncmp(a, "--git=", 6))
			range = a + 6;
		else if (a[0] == '-' && a[1])
			fail("unknown option '%s' (see 'ptebatch lint --help')", a);
		else {
			char *t = read_all(a);

			if (!t)
				fail("%s: No such file or not readable", a);
			series_parse(&s, t, strcmp(a, "-") ? a : "<stdin>");
			free(t);
			any_input = true;
		}
	}
	git_dir = L.tree ? L.tree : L.cwd;
	if (range)
		read_git_range(&s, range);
	else if (!any_input)
		fail("no patch (usage: ptebatch lint [--tree DIR] [PATCH...|-|--git RANGE])");
	if (!L.tree)
		L.c.run.engines &= ENGINE_COCCI;
	if (!L.c.run.engines)
		fail("--engine=plugin needs --tree (the plugin compiles the patched files)");
	/* a helper the patch adds is new code, whatever its callers: nr-zero
	 * reports static helpers' definitions too (builds do not) */
	L.c.run.static_helpers = true;
	engines_available(&L.c.run);
	/* b4 counts every stderr line as a failed check: no note there */
	b4 = !strcmp(L.c.fmt->name, "b4");
	if (!L.tree && !b4)
		fprintf(stderr, "ptebatch: note: no --tree: only the Coccinelle rules "
			"ran (the GCC plugin needs a configured kernel tree)\n");
	text = !strcmp(L.c.fmt->name, "text");
	sum = text ? stdout : stderr;
	for (i = 0; i < s.n; i++) {
		struct finding_list l = { 0 };
		struct out_ctx ctx = { PTEBATCH_VERSION, "lint" };
		size_t j;

		lint_patch(&L, &s.v[i], i, &l);
		if (L.c.baseline)
			baseline_apply(&l, L.c.baseline);
		lines += s.v[i].nr_lines;
		if (text) {
			if (s.n > 1)
				fprintf(stdout, "%s[%d/%d] %s\n", i ? "\n" : "",
					i + 1, s.n, s.v[i].subject);
			L.c.fmt->emit(stdout, &l, &ctx);
			if (s.n > 1)
				summary(stdout, l.n, s.v[i].nr_lines);
		}
		for (j = 0; j < l.n; j++)
			findings_add(&all, &l.v[j]);
		l.n = 0;
		findings_clear(&l);
	}
	if (!text) {
		struct out_ctx ctx = { PTEBATCH_VERSION, "lint" };

		L.c.fmt->emit(stdout, &all, &ctx);
	}
	if (s.n > 1 && text)
		fputc('\n', sum);
	if (!b4)
		summary(sum, all.n, lines);
	status = all.n ? EXIT_FINDINGS : EXIT_CLEAN;
	findings_clear(&all);
	return status;
}
