// SPDX-License-Identifier: GPL-2.0-only
/*
 * lint_speculate.c - the code before's plugin compile, started while the
 * rules still run on the code after, and answered from when the code
 * before is asked.
 */
#include <stdlib.h>
#include <string.h>
#include "lint_speculate.h"

void speculate_init(struct speculation *sp, int nr)
{
	sp->nr = nr;
	sp->job = calloc(nr, sizeof(*sp->job));
	sp->l = calloc(nr, sizeof(*sp->l));
	sp->ran = calloc(nr, sizeof(*sp->ran));
}

void speculate_start(struct speculation *sp, const struct lint_side *s,
		     const struct run_opts *base, int k)
{
	struct run_opts o = *base;
	const struct change *c = &s->ch[k];
	const char *path = c->sf->path;

	if (k >= sp->nr || sp->job[k].pid || sp->job[k].cached ||
	    !c->existed || !c->sf->exists || path[strlen(path) - 1] != 'c')
		return;
	memset(&o.cflags, 0, sizeof(o.cflags));
	side_cflags(s->S->tree, s->dir, path, &o.cflags);
	engine_plugin_start(&sp->job[k], s->dir, path, &o);
	argv_free(&o.cflags);
}

void speculate_finish(struct speculation *sp, bool needed)
{
	int k;

	for (k = 0; sp->job && k < sp->nr; k++)
		if (sp->job[k].pid || sp->job[k].cached)
			sp->ran[k] = !engine_plugin_finish(&sp->job[k], &sp->l[k], needed);
	free(sp->job);
	sp->job = NULL;
}

void speculate_take(struct speculation *sp, int k, struct run_opts *o,
		    struct finding_list *raw)
{
	size_t i;

	if (!sp || !sp->ran || !sp->ran[k])
		return;
	for (i = 0; i < sp->l[k].n; i++) {
		struct finding *f = &sp->l[k].v[i];

		if ((o->engines & ENGINE_PLUGIN) &&
		    run_opts_wants_of(o, check_index(f->check), ENGINE_PLUGIN)) {
			findings_add(raw, f);
			memset(f, 0, sizeof(*f));
		}
	}
	o->engines &= ~ENGINE_PLUGIN;
}

void speculate_free(struct speculation *sp)
{
	int k;

	for (k = 0; sp->l && k < sp->nr; k++)
		findings_clear(&sp->l[k]);
	free(sp->l);
	free(sp->ran);
	free(sp->job);
	memset(sp, 0, sizeof(*sp));
}
