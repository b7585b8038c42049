// SPDX-License-Identifier: GPL-2.0-only
/*
 * patch.c - read a patch series (mbox, plain unified diffs) and apply it to
 * files held in memory, exactly (no fuzz), naming the hunk that fails.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "mail.h"
#include "patch.h"
#include "util.h"

/* ---- text ---- */

static void text_push(struct text *t, const char *s, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->line = realloc(t->line, t->cap * sizeof(*t->line));
		if (!t->line)
			fail("out of memory");
	}
	t->line[t->n] = malloc(len + 1);
	memcpy(t->line[t->n], s, len);
	t->line[t->n++][len] = 0;
}

void text_from_string(struct text *t, const char *s)
{
	memset(t, 0, sizeof(*t));
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);

		text_push(t, s, len);
		s += len;
	}
}

char *read_all(const char *path)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t n = 0, cap = 65536, got;
	char *buf;

	if (!in)
		return NULL;
	buf = malloc(cap);
	while ((got = fread(buf + n, 1, cap - n - 1, in)) > 0) {
		n += got;
		if (cap - n < 2)
			buf = realloc(buf, cap *= 2);
	}
	buf[n] = 0;
	if (in != stdin)
		fclose(in);
	return buf;
}

int text_load(struct text *t, const char *path)
{
	char *s = read_all(path);

	if (!s)
		return -1;
	text_from_string(t, s);
	free(s);
	return 0;
}

static void mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(p, 0777);
		*s = '/';
	}
	free(p);
}

int text_save(const struct text *t, const char *path)
{
	FILE *out;
	int i;

	mkdirs(path);
	out = fopen(path, "w");
	if (!out)
		return -1;
	for (i = 0; i < t->n; i++)
		fputs(t->line[i], out);
	return fclose(out);
}

void text_copy(struct text *dst, const struct text *src)
{
	int i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < src->n; i++)
		text_push(dst, src->line[i], strlen(src->line[i]));
}

void text_free(struct text *t)
{
	int i;

	for (i = 0; i < t->n; i++)
		free(t->line[i]);
	free(t->line);
	memset(t, 0, sizeof(*t));
}

/* ---- parsing ---- */

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static char *strip_nl(const char *s)
{
	char *d = xstrdup(s);

	d[strcspn(d, "\r\n")] = 0;
	return d;
}

/* "--- a/mm/rmap.c\t2024-..." -> "mm/rmap.c"; NULL for /dev/null */
static char *diff_path(const char *s, int strip)
{
	char *p = strip_nl(s), *r;

	p[strcspn(p, "\t")] = 0;
	while (strlen(p) && p[strlen(p) - 1] == ' ')
		p[strlen(p) - 1] = 0;
	if (!strcmp(p, "/dev/null")) {
		free(p);
		return NULL;
	}
	r = p;
	if (strip && strchr(r, '/'))
		r = strchr(r, '/') + 1;
	r = xstrdup(r);
	free(p);
	return r;
}

/* git's a/ and b/, or two different top directories (linux.orig/, linux/) */
static int strip_level(const char *old, const char *new)
{
	const char *o = old + 4, *n = new + 4;
	size_t ol = strcspn(o, "/\t\n"), nl = strcspn(n, "/\t\n");

	if ((starts(o, "a/") && starts(n, "b/")) || starts(o, "/dev/null") ||
	    starts(n, "/dev/null"))
		return starts(o, "a/") || starts(n, "b/");
	return o[ol] == '/' && n[nl] == '/' && (ol != nl || strncmp(o, n, ol));
}

static int parse_hunk(const struct text *t, int i, struct hunk *h,
		      const char *name)
{
	int o = 0, n = 0;

	memset(h, 0, sizeof(*h));
	h->old_len = h->new_len = 1;
	if (sscanf(t->line[i], "@@ -%d,%d +%d,%d", &h->old_start, &h->old_len,
		   &h->new_start, &h->new_len) != 4 &&
	    sscanf(t->line[i], "@@ -%d +%d,%d", &h->old_start, &h->new_start,
		   &h->new_len) != 3 &&
	    sscanf(t->line[i], "@@ -%d,%d +%d", &h->old_start, &h->old_len,
		   &h->new_start) != 3 &&
	    sscanf(t->line[i], "@@ -%d +%d", &h->old_start, &h->new_start) != 2)
		fail("%s: malformed hunk header: %s", name, t->line[i]);
	/* a count the text cannot hold (negative, or more lines than the
	 * whole input) is malformed, not an allocation to attempt */
	if (h->old_start < 0 || h->new_start < 0 || h->old_len < 0 ||
	    h->new_len < 0 || h->old_len > t->n || h->new_len > t->n)
		fail("%s: malformed hunk header: %s", name, strip_nl(t->line[i]));
	h->header = strip_nl(t->line[i]);
	h->line = calloc(h->old_len + h->new_len + 1, sizeof(*h->line));
	for (i++; i < t->n && (o < h->old_len || n < h->new_len); i++) {
		const char *l = t->line[i];

		if (l[0] == '\\')
			continue;
		/* mailers strip the space of empty context lines */
		if (l[0] == '\n' || l[0] == '\r' || !l[0])
			l = " \n";
		if (l[0] == ' ')
			o++, n++;
		else if (l[0] == '-')
			o++;
		else if (l[0] == '+')
			n++;
		else
			break;
		if (o > h->old_len || n > h->new_len)
			break;
		h->line[h->n++] = xstrdup(l);
	}
	if (o != h->old_len || n != h->new_len)
		fail("%s: hunk '%s' is truncated or malformed", name, h->header);
	if (i < t->n && t->line[i][0] == '\\')
		i++;
	return i;
}

/* The diffs in lines FROM..TO of T. */
static void diff_scan(struct patch *p, const struct text *t, int from, int to)
{
	int i;

	for (i = from; i < to; i++) {
		struct file_patch *fp;
		int strip;

		if (!starts(t->line[i], "--- ") || i + 2 >= to ||
		    !starts(t->line[i + 1], "+++ ") || !starts(t->line[i + 2], "@@ -"))
			continue;
		p->file = realloc(p->file, (p->nr_files + 1) * sizeof(*p->file));
		fp = &p->file[p->nr_files++];
		memset(fp, 0, sizeof(*fp));
		strip = strip_level(t->line[i], t->line[i + 1]);
		fp->old_path = diff_path(t->line[i] + 4, strip);
		fp->new_path = diff_path(t->line[i + 1] + 4, strip);
		/* git names the pre-image blob just above: "index 1a2b3c..4d5e6f" */
		if (i > 0 && starts(t->line[i - 1], "index ")) {
			const char *b = t->line[i - 1] + 6;
			size_t n = strspn(b, "0123456789abcdef");

			if (n >= 7 && !strncmp(b + n, "..", 2))
				fp->old_blob = xasprintf("%.*s", (int)n, b);
		}
		for (i += 2; i < to && starts(t->line[i], "@@ -");) {
			fp->hunk = realloc(fp->hunk, (fp->nr_hunks + 1) * sizeof(*fp->hunk));
			i = parse_hunk(t, i, &fp->hunk[fp->nr_hunks++], p->name);
		}
		i--;
	}
}

/*
 * The mail RAW (LEN bytes), read by GMime (mail.c): its subject decoded,
 * its diff taken from the text parts as git am sees them
 * (quoted-printable, base64, charsets).
 */
static void parse_mail(struct patch *p, const char *raw, size_t len)
{
	struct mail m;
	struct text body;

	mail_parse(raw, len, &m);
	p->subject = *m.subject ? xstrdup(m.subject) : xstrdup(p->name);
	text_from_string(&body, m.body);
	diff_scan(p, &body, 0, body.n);
	text_free(&body);
	mail_free(&m);
}

static struct patch *patch_new(struct series *s)
{
	struct patch *p;

	s->v = realloc(s->v, (s->n + 1) * sizeof(*s->v));
	if (!s->v)
		fail("out of memory");
	p = &s->v[s->n++];
	memset(p, 0, sizeof(*p));
	return p;
}

struct mbox_ctx {
	struct series *s;
	const char *name;
	int nr;
};

/* One message of an mbox (mail_mbox_each(), the bot's splitter too). */
static void mbox_message(const char *marker, const char *raw, size_t len, void *arg)
{
	struct mbox_ctx *x = arg;
	struct patch *p = patch_new(x->s);
	char sha[64] = "";
	size_t i;

	p->name = xasprintf("%s #%d", x->name, ++x->nr);
	sscanf(marker, "From %63s", sha);
	if (strspn(sha, "0123456789abcdef") == 40 && !sha[40])
		p->commit = xstrdup(sha);
	p->nr_lines = 1;	/* the "From " line */
	for (i = 0; i < len; i++)
		p->nr_lines += raw[i] == '\n';
	if (len && raw[len - 1] != '\n')
		p->nr_lines++;
	parse_mail(p, raw, len);
}

void series_parse(struct series *s, const char *text, const char *name)
{
	size_t len = strlen(text);
	struct patch *p;

	if (!len)
		return;		/* nothing: no patch (lint says "no patch found") */
	if (mail_is_mbox(text, len)) {
		struct mbox_ctx x = { s, name, 0 };

		mail_mbox_each(text, len, mbox_message, &x);
		if (x.nr == 1) {
			free(s->v[s->n - 1].name);
			s->v[s->n - 1].name = xstrdup(name);
		}
		return;
	}
	p = patch_new(s);
	p->name = xstrdup(name);
	if (mail_looks_like(text)) {
		p->nr_lines = 0;
		for (const char *c = text; *c; c++)
			p->nr_lines += *c == '\n';
		if (len && text[len - 1] != '\n')
			p->nr_lines++;
		parse_mail(p, text, len);
	} else {
		struct text t;

		text_from_string(&t, text);
		p->nr_lines = t.n;
		diff_scan(p, &t, 0, t.n);
		p->subject = xstrdup(p->name);
		text_free(&t);
	}
}

/* ---- applying ---- */

static bool same_line(const char *a, const char *b)
{
	size_t la = strcspn(a, "\r\n"), lb = strcspn(b, "\r\n");

	return la == lb && !strncmp(a, b, la);
}

static bool matches_at(const struct text *t, int at, const struct hunk *h)
{
	int i, k = at;

	if (at < 0 || at > t->n)	/* a hunk of additions alone matches anywhere */
		return false;
	for (i = 0; i < h->n; i++) {
		if (h->line[i][0] == '+')
			continue;
		if (k >= t->n || !same_line(t->line[k], h->line[i] + 1))
			return false;
		k++;
	}
	return true;
}

/* where the hunk was applied (0-based, first line of its new side) */
static int *applied_at(const struct file_patch *fp)
{
	static int *at;
	static int cap;

	if (fp->nr_hunks > cap) {
		cap = fp->nr_hunks;
		at = realloc(at, cap * sizeof(*at));
	}
	return at;
}

int file_patch_apply(const struct file_patch *fp, struct text *t)
{
	int *at = applied_at(fp), delta = 0, h, d;

	for (h = 0; h < fp->nr_hunks; h++) {
		const struct hunk *hk = &fp->hunk[h];
		int want = (hk->old_len ? hk->old_start - 1 : hk->old_start) + delta;
		int lo = h ? at[h - 1] + fp->hunk[h - 1].new_len : 0;
		int pos = -1, i, k;
		struct text out = { 0 };

		/* nearest exact match, after the previous hunk */
		for (d = 0; pos < 0 && d <= t->n + 1; d++) {
			if (want - d >= lo && matches_at(t, want - d, hk))
				pos = want - d;
			else if (d && want + d <= t->n && want + d >= lo &&
				 matches_at(t, want + d, hk))
				pos = want + d;
		}
		if (pos < 0)
			return h + 1;
		for (i = 0; i < pos; i++)
			text_push(&out, t->line[i], strlen(t->line[i]));
		for (k = 0; k < hk->n; k++) {
			if (hk->line[k][0] == '-') {
				i++;
				continue;
			}
			if (hk->line[k][0] == ' ')
				i++;
			text_push(&out, hk->line[k] + 1, strlen(hk->line[k] + 1));
		}
		for (; i < t->n; i++)
			text_push(&out, t->line[i], strlen(t->line[i]));
		text_free(t);
		*t = out;
		at[h] = pos;
		delta = pos - (hk->old_len ? hk->old_start - 1 : hk->old_start) +
			hk->new_len - hk->old_len;
	}
	return 0;
}

void file_patch_changed(const struct file_patch *fp, bool *added,
			bool *touched, int n_new)
{
	int *at = applied_at(fp), h, k;

	for (h = 0; h < fp->nr_hunks; h++) {
		int ln = at[h];

		for (k = 0; k < fp->hunk[h].n; k++) {
			char c = fp->hunk[h].line[k][0];

			if (c == '-') {
				/* a deletion touches the lines around it */
				if (ln < n_new)
					touched[ln] = true;
				if (ln > 0)
					touched[ln - 1] = true;
				continue;
			}
			if (c == '+' && ln < n_new)
				added[ln] = touched[ln] = true;
			ln++;
		}
	}
}

/* ---- C functions, kernel style ---- */

static bool ends_declaration(const char *l)
{
	size_t n = strcspn(l, "\r\n");

	while (n && isspace((unsigned char)l[n - 1]))
		n--;
	return !n || l[0] == '#' || l[n - 1] == ';' || l[n - 1] == '}' ||
	       (n >= 2 && l[n - 2] == '*' && l[n - 1] == '/');
}

void c_functions(const struct text *t, int *func_of_line)
{
	int i, nr = 0;

	memset(func_of_line, 0, t->n * sizeof(*func_of_line));
	for (i = 0; i < t->n; i++) {
		int start, end;

		if (t->line[i][0] != '{')
			continue;
		/* the declarator: back to a blank line, ';', '}' or '#' */
		for (start = i; start > 0 && !ends_declaration(t->line[start - 1]);)
			start--;
		for (end = i + 1; end < t->n && t->line[end][0] != '}'; end++)
			;
		nr++;
		for (; start <= end && start < t->n; start++)
			func_of_line[start] = nr;
		i = end;
	}
}

char *c_function_at(const struct text *t, const int *func_of_line, int ln)
{
	int start = ln, i;

	if (ln < 0 || ln >= t->n || !func_of_line[ln])
		return xstrdup("");
	while (start > 0 && func_of_line[start - 1] == func_of_line[ln])
		start--;
	/* the identifier before the first '(' of the declarator */
	for (i = start; i < t->n && t->line[i][0] != '{'; i++) {
		const char *l = t->line[i], *paren = strchr(l, '(');
		const char *e, *b;

		if (!paren)
			continue;
		for (e = paren; e > l && isspace((unsigned char)e[-1]); e--)
			;
		for (b = e; b > l && (isalnum((unsigned char)b[-1]) || b[-1] == '_'); b--)
			;
		if (b < e) {
			char *name = malloc(e - b + 1);

			memcpy(name, b, e - b);
			name[e - b] = 0;
			return name;
		}
	}
	return xstrdup("");
}

void c_blank_bodies(const struct text *t, const int *func_of_line,
		    const bool *keep, struct text *out)
{
	bool in_body = false, cont = false;
	int i;

	text_copy(out, t);
	for (i = 0; i < t->n; i++) {
		const char *l = t->line[i], *h = l + strspn(l, " \t");
		size_t len = strlen(l);
		bool pp = cont || *h == '#';

		cont = pp && len >= 2 && l[len - 2] == '\\';
		if (!func_of_line[i] || keep[func_of_line[i]]) {
			in_body = false;
			continue;
		}
		if (l[0] == '{') {
			in_body = true;
			continue;
		}
		if (l[0] == '}' || (i + 1 < t->n && func_of_line[i + 1] != func_of_line[i]))
			in_body = false;
		if (in_body && !pp) {
			free(out->line[i]);
			out->line[i] = xstrdup("\n");
		}
	}
}
