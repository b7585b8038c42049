// SPDX-License-Identifier: GPL-2.0-only
/*
 * lint_series.c - a series and its patches: the files' contents before
 * the series (git: the patch's parent commit or the blob its index line
 * names; else the kernel tree or the current directory), each patch
 * applied in memory, and what it changed per line and per function.
 */
#include <stdlib.h>
#include <string.h>
#include "lint_series.h"
#include "util.h"

void series_files_init(struct series_files *S, const char *tree, const char *cwd)
{
	memset(S, 0, sizeof(*S));
	S->tree = tree;
	S->cwd = cwd;
	S->git_dir = tree ? tree : cwd;
}

void series_files_free(struct series_files *S)
{
	int i;

	for (i = 0; i < S->nr_files; i++) {
		free(S->file[i]->path);
		text_free(&S->file[i]->text);
		free(S->file[i]);
	}
	free(S->file);
	S->file = NULL;
	S->nr_files = 0;
}

void series_read_git(struct series *s, const char *range)
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

/* ---- file contents: git (the patch's parent commit), tree or cwd ---- */

static bool git_show(const struct series_files *S, const char *rev,
		     const char *path, struct text *t)
{
	char *spec = xasprintf("%s:%s", rev, path);
	char *out = xasprintf("%s/git-show", tmp_dir());
	char *const argv[] = { "git", "-C", (char *)S->git_dir, "show", spec, NULL };
	bool ok = run_argv(argv, out, "/dev/null") == 0 && !text_load(t, out);

	free(spec);
	free(out);
	return ok;
}

/* The pre-image blob a git patch names (b4 hands patches without their
 * "From <sha>" line; the blob is in the repository all the same). */
static bool git_blob(const struct series_files *S, const char *blob,
		     struct text *t)
{
	char *out = xasprintf("%s/git-blob", tmp_dir());
	char *const argv[] = { "git", "-C", (char *)S->git_dir, "cat-file", "blob",
			       (char *)blob, NULL };
	bool ok = blob && strspn(blob, "0") != strlen(blob) &&
		  run_argv(argv, out, "/dev/null") == 0 && !text_load(t, out);

	free(out);
	return ok;
}

static bool git_has_commit(struct series_files *S, const char *sha)
{
	char *rev;
	bool ok;

	if (!S->git_checked) {
		char *const argv[] = { "git", "-C", (char *)S->git_dir, "rev-parse",
				       "--git-dir", NULL };

		S->git_checked = true;
		S->in_git = run_argv(argv, "/dev/null", "/dev/null") == 0;
	}
	if (!S->in_git || !sha)
		return false;
	rev = xasprintf("%s^{commit}", sha);
	{
		char *const argv[] = { "git", "-C", (char *)S->git_dir, "cat-file",
				       "-e", rev, NULL };

		ok = run_argv(argv, "/dev/null", "/dev/null") == 0;
	}
	free(rev);
	return ok;
}

/* The file FP patches, as the patches before P left it. */
static struct series_file *file_get(struct series_files *S, const struct patch *p,
				    const struct file_patch *fp)
{
	const char *path = fp->new_path ? fp->new_path : fp->old_path;
	struct series_file *sf;
	int i;

	for (i = 0; i < S->nr_files; i++)
		if (!strcmp(S->file[i]->path, path))
			return S->file[i];
	S->file = realloc(S->file, (S->nr_files + 1) * sizeof(*S->file));
	sf = S->file[S->nr_files++] = calloc(1, sizeof(*sf));
	sf->path = xstrdup(path);
	if (!fp->old_path)
		return sf;		/* a new file */
	if (git_has_commit(S, p->commit)) {
		char *parent = xasprintf("%s^", p->commit);

		sf->exists = git_show(S, parent, fp->old_path, &sf->text);
		free(parent);
	} else if (git_has_commit(S, "HEAD") && git_blob(S, fp->old_blob, &sf->text)) {
		sf->exists = true;
	} else {
		char *full = path_join(S->tree ? S->tree : S->cwd, fp->old_path);

		sf->exists = !text_load(&sf->text, full);
		free(full);
	}
	if (!sf->exists)
		fail("%s: %s: not found in %s", p->name, fp->old_path,
		     p->commit && S->in_git ? "git" : S->tree ? S->tree :
		     "the current directory (run from the kernel tree, or give --tree)");
	return sf;
}

static bool is_source(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	return n > 2 && path[n - 2] == '.' && (path[n - 1] == 'c' || path[n - 1] == 'h');
}

static void change_apply(struct series_files *S, const struct patch *p,
			 const struct file_patch *fp, struct change *c)
{
	int n, k, bad;

	c->sf = file_get(S, p, fp);
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
}

int series_apply(struct series_files *S, const struct patch *p,
		 struct change **out)
{
	struct change *ch = calloc(p->nr_files + 1, sizeof(*ch));
	int nr = 0, i;

	for (i = 0; i < p->nr_files; i++) {
		const struct file_patch *fp = &p->file[i];

		if (is_source(fp->new_path ? fp->new_path : fp->old_path))
			change_apply(S, p, fp, &ch[nr++]);
	}
	*out = ch;
	return nr;
}

void changes_free(struct change *ch, int nr)
{
	int k;

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
}

const struct change *change_of(const struct change *ch, int nr, const char *file)
{
	int k;

	for (k = 0; k < nr; k++)
		if (!strcmp(ch[k].sf->path, file))
			return &ch[k];
	return NULL;
}

bool changed_at(const struct change *ch, int nr, const char *file, int line)
{
	const struct change *c = change_of(ch, nr, file);
	int ln = line - 1;

	if (!c || ln < 0 || ln >= c->sf->text.n)
		return false;
	return c->touched_line[ln] || (c->func_of_line[ln] &&
		c->touched_func[c->func_of_line[ln]]);
}
