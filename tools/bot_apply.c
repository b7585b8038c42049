// SPDX-License-Identifier: GPL-2.0-only
/*
 * bot_apply.c - one complete series: its base (the base-commit: trailer
 * when the kernel tree has that commit, else the configured branch),
 * git am in the bot's own worktree of the kernel tree (the user's
 * checkout is never touched), then lint with the lint modules
 * (lint_introduced.h), as `ptebatch lint` does, on the commits git am
 * made: each patch's introduced findings, compiled in the configured
 * build tree.  The lint runs in a child process, so that a patch it
 * cannot handle (a fail() in the modules) costs that series, not the run.
 */
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include "bot.h"
#include "cli_opts.h"
#include "lint_introduced.h"
#include "util.h"

/* git -C DIR ARGS... with output to the work files; the exit status */
static int git_in(const struct bot_conf *c, const char *dir, const char *out,
		  const char *const *args)
{
	struct argv_buf a = { 0 };
	char *err = xasprintf("%s/git.err", c->work);
	int status;

	argv_push(&a, "git");
	argv_push(&a, "-C");
	argv_push(&a, dir);
	argv_push(&a, "-c");
	argv_push(&a, "user.name=ptebatch bot");
	argv_push(&a, "-c");
	argv_push(&a, "user.email=ptebatch@localhost");
	for (; *args; args++)
		argv_push(&a, *args);
	status = run_argv(a.v, out ? out : "/dev/null", err);
	if (status == 127)
		fail("git not found in PATH");
	argv_free(&a);
	free(err);
	return status;
}

static char *git_out(const struct bot_conf *c, const char *dir, const char *const *args)
{
	char *out = xasprintf("%s/git.out", c->work), *text = NULL;

	if (!git_in(c, dir, out, args)) {
		text = read_all(out);
		if (text)
			text[strcspn(text, "\n")] = 0;
	}
	free(out);
	return text;
}

static char *git_err(const struct bot_conf *c, const char *needle)
{
	char *err = xasprintf("%s/git.err", c->work);
	char *l = first_line_with(err, needle);

	free(err);
	return l;
}

static int unlink_lock(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	size_t n = strlen(path);

	(void)st;
	(void)ftw;
	if (type == FTW_F && n > 5 && !strcmp(path + n - 5, ".lock"))
		unlink(path);
	return 0;
}

/* The bot's worktree of the tree, detached at BASE, clean. */
static void worktree_at(const struct bot_conf *c, const char *wt, const char *base)
{
	char *dotgit = xasprintf("%s/.git", wt), *dir = read_all(dotgit);
	struct stat st;

	/* a worktree's .git names its own git directory; one without it (a run
	 * killed inside git worktree add, a pruned one) is made again */
	free(dotgit);
	if (dir && !strncmp(dir, "gitdir: ", 8)) {
		memmove(dir, dir + 8, strlen(dir + 8) + 1);
		dir[strcspn(dir, "\n")] = 0;
	}
	if (!dir || !strstr(dir, "/worktrees/") || stat(dir, &st)) {
		free(dir);
		dir = NULL;
	}
	if (!stat(wt, &st) && !dir) {
		char *const rm[] = { "rm", "-rf", (char *)wt, NULL };

		run_argv(rm, NULL, NULL);
	}
	if (stat(wt, &st)) {
		const char *prune[] = { "worktree", "prune", NULL };
		const char *add[] = { "worktree", "add", "-q", "--detach", "-f", wt, base, NULL };

		git_in(c, c->tree, NULL, prune);
		if (git_in(c, c->tree, NULL, add))
			fail("%s: git worktree add failed: %s", c->tree, git_err(c, "fatal"));
		free(dir);
		return;
	}
	{
		const char *abort_am[] = { "am", "--abort", NULL };
		const char *co[] = { "checkout", "-q", "--detach", "-f", base, NULL };
		const char *clean[] = { "clean", "-q", "-f", "-d", NULL };

		/* a run killed in the middle of a git command leaves its locks
		 * (index.lock, HEAD.lock, logs/HEAD.lock...) in the worktree's
		 * own git directory; the worktree is this bot's alone (its
		 * database lock), the shared one is not touched */
		nftw(dir, unlink_lock, 8, FTW_PHYS);
		git_in(c, wt, NULL, abort_am);
		if (git_in(c, wt, NULL, co))
			fail("%s: git checkout %s failed: %s", wt, base, git_err(c, "fatal"));
		git_in(c, wt, NULL, clean);
	}
	free(dir);
}

const char *bot_compiler(void)
{
	static char *v;

	if (!v) {
		char *out = xasprintf("/tmp/ptebatch-bot-cc.%d", (int)getpid());
		char *const argv[] = { (char *)compiler(), "--version", NULL };

		v = run_argv(argv, out, "/dev/null") ? xstrdup(compiler()) :
			first_line_with(out, "");
		unlink(out);
		free(out);
	}
	return v;
}

const char *bot_config_name(const struct bot_conf *c)
{
	static char *v;

	if (!v) {
		char *cfg = xasprintf("%s/.config", c->build);
		char *arch = first_line_with(cfg, "Linux/");

		/* "# Linux/x86 7.3.0 Kernel Configuration" */
		v = strncmp(arch, "# Linux/", 8) ? xstrdup(".config") :
			xasprintf("%.*s", (int)strcspn(arch + 8, " "), arch + 8);
		v = xasprintf("%s (%s)", cfg, v);
		free(arch);
		free(cfg);
	}
	return v;
}

/* The lines of FILE around its finding and notes, ">>" on the lines the
 * patch added, as the kernel test robot quotes a report. */
static char *quote(const struct series_files *S, const struct patch *p,
		   const struct finding *f)
{
	const struct series_file *sf = NULL;
	const struct file_patch *fp = NULL;
	bool *added, *touched, *want;
	char *q = xstrdup(""), *t;
	int i, n, last = -10;

	for (i = 0; i < S->nr_files; i++)
		if (!strcmp(S->file[i]->path, f->file))
			sf = S->file[i];
	for (i = 0; i < p->nr_files; i++)
		if (p->file[i].new_path && !strcmp(p->file[i].new_path, f->file))
			fp = &p->file[i];
	if (!sf)
		return q;
	n = sf->text.n;
	added = calloc(n + 1, sizeof(bool));
	touched = calloc(n + 1, sizeof(bool));
	want = calloc(n + 1, sizeof(bool));
	if (fp)
		file_patch_changed(fp, added, touched, n);
	for (i = -1; i < f->nr_notes; i++) {
		int ln = i < 0 ? f->line : f->notes[i].line, k;

		if (i >= 0 && strcmp(f->notes[i].file, f->file))
			continue;
		for (k = ln - 3; k <= ln + 1; k++)	/* 0-based: two either side */
			if (k >= 0 && k < n)
				want[k] = true;
	}
	for (i = 0; i < n; i++) {
		bool mark = i + 1 == f->line;
		int j;

		if (!want[i])
			continue;
		for (j = 0; j < f->nr_notes; j++)
			if (f->notes[j].line == i + 1 && !strcmp(f->notes[j].file, f->file))
				mark = true;
		if (last >= 0 && i > last + 1) {
			t = xasprintf("%s   ...\n", q);
			free(q);
			q = t;
		}
		t = xasprintf("%s%s %5d\t%s%s", q, mark && added[i] ? ">>" : mark ? " >" :
			      added[i] ? " +" : "  ", i + 1, sf->text.line[i],
			      strchr(sf->text.line[i], '\n') ? "" : "\n");
		free(q);
		q = t;
		last = i;
	}
	free(added);
	free(touched);
	free(want);
	return q;
}

/* The child: lint each commit of BASE..HEAD in the worktree; per patch
 * OUT/p<I>.jsonl and OUT/p<I>.quote (blocks ended by a form feed). */
static void lint_child(const struct bot_conf *c, const char *wt, const char *mbox,
		       const char *out)
{
	struct cli_opts co;
	struct series_files S;
	struct series s = { 0 };
	struct out_ctx ctx = { PTEBATCH_VERSION, "bot" };
	char *text = read_all(mbox), *cwd = current_dir();
	int i;

	cli_opts_init(&co);
	if (c->checks)
		run_opts_checks(&co.run, c->checks);
	co.run.static_helpers = true;
	engines_available(&co.run);
	if (!text)
		fail("%s: not readable", mbox);
	series_parse(&s, text, "series");
	series_files_init(&S, c->build, cwd);
	S.git_dir = wt;		/* the commits git am made: each file before its patch */
	for (i = 0; i < s.n; i++) {
		struct finding_list l = { 0 };
		char *jp = xasprintf("%s/p%d.jsonl", out, i);
		char *qp = xasprintf("%s/p%d.quote", out, i);
		FILE *jf = fopen(jp, "w"), *qf = fopen(qp, "w");
		size_t j;

		if (!jf || !qf)
			fail("%s: cannot write", out);
		lint_patch(&S, &co.run, &s.v[i], i, &l);
		out_json(jf, &l, &ctx);
		for (j = 0; j < l.n; j++) {
			char *q = quote(&S, &s.v[i], &l.v[j]);

			fprintf(qf, "%s\f\n", q);
			free(q);
		}
		if (fclose(jf) || fclose(qf))
			fail("%s: cannot write", out);
		findings_clear(&l);
		free(jp);
		free(qp);
	}
	series_files_free(&S);
}

static void set(char **field, char *value)
{
	free(*field);
	*field = value;
}

/* Read the child's per-patch results into S. */
static void collect(struct bot_series *s, const char *out)
{
	int i;

	s->found = calloc(s->total, sizeof(*s->found));
	s->quote = calloc(s->total, sizeof(*s->quote));
	for (i = 0; i < s->total; i++) {
		char *jp = xasprintf("%s/p%d.jsonl", out, i);
		char *qp = xasprintf("%s/p%d.quote", out, i);
		char *q = read_all(qp), *p = q;
		size_t j;

		findings_load_jsonl(&s->found[i], jp);
		s->quote[i] = calloc(s->found[i].n + 1, sizeof(char *));
		for (j = 0; j < s->found[i].n; j++) {
			char *ff = p ? strstr(p, "\f\n") : NULL;

			s->quote[i][j] = ff ? xasprintf("%.*s", (int)(ff - p), p) : xstrdup("");
			p = ff ? ff + 2 : NULL;
		}
		free(q);
		free(jp);
		free(qp);
	}
}

void bot_apply_lint(const struct bot_conf *c, struct bot_series *s)
{
	char *wt = xasprintf("%s/worktree", c->work);
	char *mbox = xasprintf("%s/series.mbox", c->work);
	char *lintdir = xasprintf("%s/lint", c->work);
	char *err = xasprintf("%s/lint.err", c->work);
	const char *want = NULL;
	size_t bytes = 0;
	FILE *f;
	int i, status;
	pid_t pid;

	s->status = xstrdup("error");
	s->detail = xstrdup("");
	for (i = -1; i < s->total && !want; i++) {
		const struct bot_msg *m = i < 0 ? s->cover : s->patch[i];

		if (m && *m->base_commit)
			want = m->base_commit;
	}
	for (i = 0; i < s->total; i++)
		bytes += s->patch[i]->raw_len;
	if ((long)bytes > c->max_bytes) {
		set(&s->status, xstrdup("too-large"));
		set(&s->detail, xasprintf("%zu bytes, over --max-bytes %ld: not applied",
					  bytes, c->max_bytes));
		goto out;
	}
	if (want) {
		char *rev = xasprintf("%s^{commit}", want);
		const char *args[] = { "rev-parse", "-q", "--verify", rev, NULL };

		s->base = git_out(c, c->tree, args);
		free(rev);
	}
	if (s->base)
		s->base_how = xstrdup("the series' base-commit:");
	else {
		char *rev = xasprintf("%s^{commit}", c->branch);
		const char *args[] = { "rev-parse", "-q", "--verify", rev, NULL };

		s->base = git_out(c, c->tree, args);
		free(rev);
		if (!s->base)
			fail("%s: no branch '%s' (--branch)", c->tree, c->branch);
		s->base_how = want ? xasprintf("%s (base-commit %s is not in the tree)",
					       c->branch, want) :
			xasprintf("%s (no base-commit)", c->branch);
	}
	worktree_at(c, wt, s->base);
	f = fopen(mbox, "w");
	if (!f)
		fail("%s: cannot write: %s", mbox, strerror(errno));
	for (i = 0; i < s->total; i++) {
		fprintf(f, "From ptebatch-bot Mon Sep 17 00:00:00 2001\n");
		fwrite(s->patch[i]->raw, 1, s->patch[i]->raw_len, f);
		if (s->patch[i]->raw_len && s->patch[i]->raw[s->patch[i]->raw_len - 1] != '\n')
			fputc('\n', f);
	}
	fclose(f);
	{
		const char *am[] = { "am", "-q", mbox, NULL };
		const char *abort_am[] = { "am", "--abort", NULL };
		char *amout = xasprintf("%s/am.out", c->work);

		if (git_in(c, wt, amout, am)) {
			/* "Patch failed at 0002 subject" (stdout), "error: ..." */
			char *why = first_line_with(amout, "Patch failed at");
			char *how = git_err(c, "error:");

			if (strncmp(why, "Patch failed at", 15))
				set(&why, xstrdup("git am failed"));

			set(&s->status, xstrdup("does-not-apply"));
			set(&s->detail, xasprintf("%s%s%s", why, *how ? "; " : "", how));
			free(why);
			free(how);
			git_in(c, wt, NULL, abort_am);
			free(amout);
			goto out;
		}
		free(amout);
	}
	{
		char *range = xasprintf("%s..HEAD", s->base);
		const char *fp[] = { "format-patch", "--stdout", "--no-signature", range, NULL };

		status = git_in(c, wt, mbox, fp);
		free(range);
		if (status) {
			set(&s->detail, git_err(c, "fatal"));
			goto out;
		}
	}
	{
		char *const rm[] = { "rm", "-rf", lintdir, NULL };

		run_argv(rm, NULL, NULL);
		mkdir(lintdir, 0777);
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		fail("cannot fork: %s", strerror(errno));
	if (pid == 0) {
		FILE *e = freopen(err, "w", stderr);

		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (!e || !freopen("/dev/null", "w", stdout))
			_exit(2);
		lint_child(c, wt, mbox, lintdir);
		exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid: %s", strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		char *l = first_line_with(err, "error:");

		set(&s->detail, xasprintf("lint: %s", *l ? l : "died"));
		free(l);
		goto out;
	}
	collect(s, lintdir);
	set(&s->status, xstrdup("clean"));
	for (i = 0; i < s->total; i++)
		if (s->found[i].n)
			set(&s->status, xstrdup("findings"));
out:
	free(wt);
	free(mbox);
	free(lintdir);
	free(err);
}
