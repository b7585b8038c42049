// SPDX-License-Identifier: GPL-2.0-only
/*
 * baseline.c - suppress known findings by fingerprint (a baseline is the
 * JSON lines of --format=json).
 */
#include <stdlib.h>
#include <string.h>
#include "baseline.h"
#include "json_read.h"
#include "util.h"

struct fp_count {
	char fp[17];
	int n;
};

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(((const struct fp_count *)a)->fp,
		      ((const struct fp_count *)b)->fp);
}

struct fp_list {
	struct fp_count *v;
	size_t n, cap;
};

static const char *baseline_one(json_t *o, void *arg)
{
	struct fp_list *fl = arg;
	struct finding f;
	const char *why = finding_from_json(o, &f);

	if (why)
		return why;
	if (!f.fingerprint[0]) {
		finding_free(&f);
		return "no \"fingerprint\"";
	}
	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 64;
		fl->v = realloc(fl->v, fl->cap * sizeof(*fl->v));
		if (!fl->v)
			fail("out of memory");
	}
	memcpy(fl->v[fl->n].fp, f.fingerprint, sizeof(f.fingerprint));
	fl->v[fl->n++].n = 1;
	finding_free(&f);
	return NULL;
}

void baseline_apply(struct finding_list *l, const char *path)
{
	struct fp_list fl = { 0 };
	struct fp_count key, *hit, *v;
	size_t n, i, out = 0, len;
	char *text = file_read(path, &len);

	if (!text)
		fail("cannot read the baseline %s: %m", path);
	json_lines_each(path, text, len, baseline_one, &fl);
	free(text);
	v = fl.v;
	n = fl.n;
	if (n)
		qsort(v, n, sizeof(*v), cmp_fp);
	/* fold repeats into counts */
	for (i = 0; i < n; i++) {
		if (out && !strcmp(v[out - 1].fp, v[i].fp))
			v[out - 1].n++;
		else
			v[out++] = v[i];
	}
	n = out;
	out = 0;
	for (i = 0; i < l->n; i++) {
		memcpy(key.fp, l->v[i].fingerprint, sizeof(key.fp));
		hit = n ? bsearch(&key, v, n, sizeof(*v), cmp_fp) : NULL;
		if (hit && hit->n > 0) {
			hit->n--;
			finding_free(&l->v[i]);
			continue;
		}
		l->v[out++] = l->v[i];
	}
	l->n = out;
	free(v);
}
