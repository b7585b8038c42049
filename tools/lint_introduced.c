// SPDX-License-Identifier: GPL-2.0-only
/*
 * lint_introduced.c - one patch: the code after's findings, the
 * candidates among them (on or noted at a changed line or function), the
 * code before asked about those only, and what it had already dropped by
 * identity.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "lint_introduced.h"
#include "lint_overlay.h"
#include "lint_speculate.h"

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

/* file, function, check and statement of F on one side, as one string */
static char *identity(const struct change *ch, int nr, bool before,
		      const struct finding *f)
{
	const struct change *c = change_of(ch, nr, f->file);
	const struct text *t = c ? before ? &c->before : &c->sf->text : NULL;
	const int *func = c ? before ? c->before_func : c->func_of_line : NULL;
	char *name, *stmt, *id;
	int ln = f->line - 1;

	if (!t || ln < 0 || ln >= t->n)
		return xasprintf("%s\x1f\x1f%s\x1f%d", f->file, f->check, f->line);
	name = c_function_at(t, func, ln);
	stmt = squeeze(t->line[ln]);
	id = xasprintf("%s\x1f%s\x1f%s\x1f%s", f->file, name, f->check, stmt);
	free(name);
	free(stmt);
	return id;
}

/* Did the code before the patch have F's statement in F's function?  If
 * not, F cannot be a finding it already had. */
static bool could_preexist(const struct change *ch, int nr,
			   const struct finding *f)
{
	const struct change *c = change_of(ch, nr, f->file);
	char *stmt, *name;
	bool found = false;
	int k, ln = f->line - 1;

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

static const char *const local_checks[] = {
#define CHECK(cname, id, summary)
#define CHECK_LOCAL(id) id,
#include "../include/checks.def"
#undef CHECK_LOCAL
#undef CHECK
};

/* A check whose finding its statement alone makes (checks.def) */
static bool local_check(const char *check)
{
	size_t i;

	for (i = 0; i < sizeof(local_checks) / sizeof(local_checks[0]); i++)
		if (!strcmp(local_checks[i], check))
			return true;
	return false;
}

/* Must the code before be analysed to know whether it had F?  Not when it
 * did not have F's statement in F's function, nor when it did and F's
 * check is a local one: then it had F. */
static bool asks_before(const struct change *ch, int nr, const struct finding *f)
{
	return !local_check(f->check) && could_preexist(ch, nr, f);
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

/* Keep the candidates of L that the code before did not have for sure;
 * return, per candidate it may have had, its file, check and engines:
 * what to ask of the code before. */
static void keep_candidates(struct finding_list *l, const struct change *ch,
			    int nr, struct finding_list *maybe)
{
	size_t j, keep;

	for (j = keep = 0; j < l->n; j++) {
		const struct finding *f = &l->v[j];

		if (!candidate(ch, nr, f) ||
		    (local_check(f->check) && could_preexist(ch, nr, f))) {
			finding_free(&l->v[j]);
			continue;
		}
		l->v[keep++] = l->v[j];
	}
	l->n = keep;
	for (j = 0; j < l->n; j++) {
		struct finding *m;

		if (!asks_before(ch, nr, &l->v[j]))
			continue;
		findings_add(maybe, &(struct finding){ 0 });
		m = &maybe->v[maybe->n - 1];
		m->file = xstrdup(l->v[j].file);
		memcpy(m->check, l->v[j].check, sizeof(m->check));
		m->engines = l->v[j].engines;
	}
}

/* The question to the code before, of one changed file */
struct before_ask {
	const struct lint_side *side;
	const struct finding_list *want;
	struct speculation *sp;
};

/*
 * The code before the patch is only asked about the candidates: their
 * checks, each of one engine that found it.  The plugin when it ran
 * already (speculatively) or a candidate needs it anyway (found by it
 * alone), and then for every check it found; otherwise the rules, whose
 * run on a few functions is the cheaper.  A candidate in a header can
 * come from any changed .c file.
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

static bool ask_before(void *arg, int k, struct run_opts *o,
		       struct finding_list *raw)
{
	struct before_ask *q = arg;
	bool ran = q->sp->ran && q->sp->ran[k];

	if (!narrow(o, q->want, q->side->ch[k].sf->path, ran))
		return false;
	speculate_take(q->sp, k, o, raw);
	return true;
}

/*
 * The code after's plugin findings of changed file K, heard while the
 * rules still run on it: a candidate the code before may have had needs
 * the code before analysed, and its compile starts now, on the CPU the
 * code after's compile left.  (Of a check the rules run too, their run on
 * the code before's few functions would do, at about the compile's cost
 * without the directory's header, and three times it with.)
 */
struct after_heard {
	const struct lint_side *before;
	bool written;			/* the code before's overlay */
	struct speculation *sp;
	const struct run_opts *o;
};

static void heard_after(void *arg, int k, struct finding_list *l, size_t from)
{
	struct after_heard *h = arg;
	const struct lint_side *sb = h->before;
	size_t i;

	/* as side_run() will: the tree's files are the overlay's */
	findings_rebase(l, from, sb->S->tree, sb->S->tree);
	for (i = from; i < l->n; i++)
		if (candidate(sb->ch, sb->nr, &l->v[i]) &&
		    asks_before(sb->ch, sb->nr, &l->v[i]))
			break;
	if (i == l->n)
		return;
	if (!h->written)
		side_write(sb);
	h->written = true;
	speculate_start(h->sp, sb, h->o, k);
}

void lint_patch(struct series_files *S, const struct run_opts *o,
		const struct patch *p, int idx, struct finding_list *out)
{
	struct finding_list after = { 0 }, before = { 0 }, maybe = { 0 };
	struct speculation sp = { 0 };
	char *wa = xasprintf("%s/p%d/after", tmp_dir(), idx);
	char *wb = xasprintf("%s/p%d/before", tmp_dir(), idx);
	struct change *ch;
	int nr = series_apply(S, p, &ch), k;
	struct lint_side sa = { S, wa, false, ch, nr, NULL, NULL };
	struct lint_side sb = { S, wb, true, ch, nr, NULL, NULL };
	size_t j;

	for (k = 0; k < nr; k++)
		change_plan_cocci(&ch[k]);
	if (nr) {
		struct after_heard h = { &sb, false, &sp, o };

		if (S->tree && (o->engines & ENGINE_PLUGIN)) {
			speculate_init(&sp, nr);
			sa.heard = heard_after;
			sa.heard_arg = &h;
		}
		side_write(&sa);
		side_run(&sa, o, NULL, NULL, &after);
		/* only a candidate that the code before could have had needs
		 * that code analysed */
		keep_candidates(&after, ch, nr, &maybe);
		speculate_finish(&sp, maybe.n > 0);
		if (maybe.n) {
			struct before_ask q = { &sb, &maybe, &sp };

			if (!h.written)
				side_write(&sb);
			side_run(&sb, o, ask_before, &q, &before);
			drop_known(&after, &before, ch, nr);
		}
	}
	for (j = 0; j < after.n; j++)
		findings_add(out, &after.v[j]);
	after.n = 0;
	findings_clear(&after);
	findings_clear(&before);
	findings_clear(&maybe);
	speculate_free(&sp);
	changes_free(ch, nr);
	free(wa);
	free(wb);
}
