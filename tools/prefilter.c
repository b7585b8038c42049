// SPDX-License-Identifier: GPL-2.0-only
/*
 * prefilter.c - skip the work a file cannot need (docs/performance.md).
 *
 * Every check reacts to names of the rule table: the helpers of its RULE
 * lines and its lists (include/rules.def), and the macros of its
 * CHECKED_MACRO lines.  A file whose own text mentions none of a check's
 * names gets no run of that check: no Coccinelle rule whose
 * "// Triggers:" lines (cocci/rulegen.c) its text does not match, and no
 * plugin compile when no check is left for the plugin.  nr-zero's
 * definitions (a batched helper with a --nr loop) need a decrement and a
 * batch type or word (NR_BATCH_TYPE, NR_BATCH_WORD) instead of a name.
 *
 * The rules read the file's own text only (spatch --no-includes); the
 * plugin also checks the inline functions of the headers a file uses, so
 * a file with an #include gets its compile with every check: only a file
 * that includes nothing is judged by its own text for the plugin.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json_read.h"
#include "patch.h"
#include "prefilter.h"
#include "../include/rule-table.h"

struct file_words {
	char **slot;		/* open addressing, NULL: free */
	size_t cap, n;
	bool dec;		/* "--", "-=" or "- 1": a count goes down */
	bool predec;		/* "--name": a prefix decrement */
	bool include;		/* an #include: headers' inline functions */
};

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static char **find_slot(char **slot, size_t cap, const char *s, size_t len)
{
	size_t i = hash(s, len) & (cap - 1);

	while (slot[i] && (strlen(slot[i]) != len || memcmp(slot[i], s, len)))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

static void add_word(struct file_words *w, const char *s, size_t len)
{
	char **p;

	if (2 * (w->n + 1) > w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 1024, i;
		char **slot = calloc(cap, sizeof(*slot));

		if (!slot)
			fail("out of memory");
		for (i = 0; i < w->cap; i++)
			if (w->slot[i])
				*find_slot(slot, cap, w->slot[i], strlen(w->slot[i])) = w->slot[i];
		free(w->slot);
		w->slot = slot;
		w->cap = cap;
	}
	p = find_slot(w->slot, w->cap, s, len);
	if (*p)
		return;
	*p = malloc(len + 1);
	if (!*p)
		fail("out of memory");
	memcpy(*p, s, len);
	(*p)[len] = 0;
	w->n++;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* Past the literal that opens at P with Q ('"' or '\''). */
static const char *skip_literal(const char *p, const char *end, char q)
{
	for (p++; p < end && *p != q && *p != '\n'; p++)
		if (*p == '\\' && p + 1 < end)
			p++;
	return p < end ? p + 1 : end;
}

/* The words of LEN bytes at TEXT (file_words_read()'s) */
static struct file_words *words_of(const char *text, size_t len)
{
	const char *p, *end;
	struct file_words *w;

	w = calloc(1, sizeof(*w));
	if (!w)
		fail("out of memory");
	for (p = text, end = text + len; p < end;) {
		if (p[0] == '/' && p + 1 < end && p[1] == '*') {
			const char *c = p + 2 < end ? strstr(p + 2, "*/") : NULL;

			p = c ? c + 2 : end;
		} else if (p[0] == '/' && p + 1 < end && p[1] == '/') {
			while (p < end && *p != '\n')
				p += (*p == '\\' && p + 1 < end) ? 2 : 1;
		} else if (*p == '"' || *p == '\'') {
			p = skip_literal(p, end, *p);
		} else if (*p == '#') {
			const char *q = p + 1;

			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (end - q >= 7 && !strncmp(q, "include", 7))
				w->include = true;
			p++;
		} else if (ident_char(*p) && !(*p >= '0' && *p <= '9')) {
			const char *s = p;

			while (p < end && ident_char(*p))
				p++;
			add_word(w, s, p - s);
		} else if (*p >= '0' && *p <= '9') {
			while (p < end && (ident_char(*p) || *p == '.'))
				p++;
		} else if (*p == '-') {
			const char *q = p + 1;

			if (q < end && (*q == '-' || *q == '='))
				w->dec = true;
			if (q < end && *q == '-') {
				const char *n = q + 1;

				while (n < end && (*n == ' ' || *n == '\t'))
					n++;
				if (n < end && ident_char(*n) && !(*n >= '0' && *n <= '9'))
					w->predec = true;
			}
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '1' && (q + 1 >= end || !ident_char(q[1])))
				w->dec = true;
			p += (p + 1 < end && (p[1] == '-' || p[1] == '=')) ? 2 : 1;
		} else {
			p++;
		}
	}
	return w;
}

struct file_words *file_words_read(const char *path)
{
	size_t len;
	char *text = file_read(path, &len);
	struct file_words *w;

	if (!text)
		return NULL;
	w = words_of(text, len);
	free(text);
	return w;
}

void file_words_free(struct file_words *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->cap; i++)
		free(w->slot[i]);
	free(w->slot);
	free(w);
}

bool file_words_has(const struct file_words *w, const char *word)
{
	return w->cap && *find_slot(w->slot, w->cap, word, strlen(word));
}

/* The word of LEN at WORD: NAME, NAME*, *NAME, "--", "-=" (any
 * decrement) or "--x" (a prefix decrement of a name). */
static bool has_word(const struct file_words *w, const char *word, size_t len)
{
	char buf[256];
	bool prefix, part;
	size_t i;

	if (len == 2 && (!strncmp(word, "--", 2) || !strncmp(word, "-=", 2)))
		return w->dec;
	if (len == 3 && !strncmp(word, "--x", 3))
		return w->predec;
	if (!len || len >= sizeof(buf))
		return true;	/* not understood: the rule runs */
	part = word[0] == '*';
	prefix = !part && word[len - 1] == '*';
	memcpy(buf, word + part, len - part - prefix);
	buf[len - part - prefix] = 0;
	if (!part && !prefix)
		return file_words_has(w, buf);
	for (i = 0; i < w->cap; i++) {
		const char *s = w->slot[i];

		if (s && (prefix ? !strncmp(s, buf, strlen(buf)) : strstr(s, buf) != NULL))
			return true;
	}
	return false;
}

bool file_words_match(const struct file_words *w, const char *line)
{
	const char *p = line;

	for (;;) {
		size_t part = strcspn(p, ";\n");
		const char *q = p, *end = p + part;
		bool any = false, empty = true;

		while (q < end && !any) {
			size_t len;

			q += strspn(q, " \t");
			len = strcspn(q, " \t;\n");
			if (q + len > end)
				len = end - q;
			if (len) {
				empty = false;
				any = has_word(w, q, len);
			}
			q += len;
		}
		if (!any && !empty)
			return false;
		if (p[part] != ';')
			return true;
		p += part + 1;
	}
}

/* The plugin's names of the table (all of its lists). */
static bool table_names(const struct file_words *w)
{
	static const char *const *lists[] = { nonzero, walk_types };
	static const int sizes[] = { NR_NONZERO_LINES, NR_WALK_TYPES };
	size_t k;
	int i;

	for (i = 0; i < NR_RULES; i++)
		if (file_words_has(w, rules[i].name))
			return true;
	for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		for (i = 0; i < sizes[k]; i++)
			if (file_words_has(w, lists[k][i]))
				return true;
	for (i = 0; i < NR_PAIRS; i++)
		if (file_words_has(w, pairs[i][0]) || file_words_has(w, pairs[i][1]))
			return true;
	for (i = 0; i < NR_FOLIO_PAIRS; i++)
		if (file_words_has(w, folio_pairs[i].single) ||
		    file_words_has(w, folio_pairs[i].batched))
			return true;
	for (i = 0; i < NR_BATCH_IGNORES; i++)
		if (file_words_has(w, batch_ignores[i].name))
			return true;
	for (i = 0; i < NR_BATCH_WRITES; i++)
		if (file_words_has(w, batch_writes[i].name))
			return true;
	for (i = 0; i < NR_BATCH_MERGES; i++)
		if (file_words_has(w, batch_merges[i].name))
			return true;
	for (i = 0; i < NR_BATCH_UNIFORMS; i++)
		if (file_words_has(w, batch_uniforms[i].name))
			return true;
	return false;
}

/* CHECKED_MACRO lines of check C (by C name) */
static bool checked_macro(const struct file_words *w, const char *cname, bool *has)
{
	int i;

	*has = false;
	for (i = 0; i < NR_CHECKED_MACROS; i++) {
		char *word;
		bool hit;

		if (strcmp(checked_macros[i].check, cname))
			continue;
		*has = true;
		word = xasprintf("%s*", checked_macros[i].prefix);
		hit = has_word(w, word, strlen(word));
		free(word);
		if (hit)
			return true;
	}
	return false;
}

/* nr-zero's definitions: a decrement, and a batch type or word */
static bool batch_definition(const struct file_words *w)
{
	int i;

	if (!w->dec)
		return false;
	for (i = 0; i < NR_BATCH_TYPES; i++) {
		const char *t = strrchr(batch_types[i], ' ');

		if (file_words_has(w, t ? t + 1 : batch_types[i]))
			return true;
	}
	for (i = 0; i < NR_BATCH_WORDS; i++) {
		char *word = xasprintf("*%s", batch_words[i]);
		bool hit = has_word(w, word, strlen(word));

		free(word);
		if (hit)
			return true;
	}
	return false;
}

/*
 * Does the plugin need to run check C on a file with words W?  A file
 * that includes a header does: the header's inline functions it uses are
 * checked in its compile, once per build (include/once.h), and what they
 * name is not in the file's text.
 */
static bool plugin_needs(const struct file_words *w, int c, bool table)
{
	const char *cname = check_descs[c].cname;
	bool macros;

	if (w->include)
		return true;
	if (checked_macro(w, cname, &macros))
		return true;
	if (macros)
		return false;	/* a check of macros only (vm-bug) */
	if (table)
		return true;
	return !strcmp(cname, "nr_zero") && batch_definition(w);
}

/* The "// Triggers:" lines (after the colon) of check C's rule, into
 * OUT; false when C has no rule. */
static bool triggers(int c, struct argv_buf *out)
{
	char *path = xasprintf("%s/%s.cocci", cocci_dir(), check_descs[c].cname);
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	free(path);
	if (!in)
		return false;
	while (getline(&line, &cap, in) > 0)
		if (!strncmp(line, "// Triggers:", 12))
			argv_push(out, line + 12);
	free(line);
	fclose(in);
	return true;
}

/* Does the rule of check C match a file with words W?  A rule without
 * "// Triggers:" lines always runs; a check without a rule never does. */
static bool cocci_needs(const struct file_words *w, int c)
{
	struct argv_buf lines = { 0 };
	bool hit = false;
	int i;

	if (!triggers(c, &lines))
		return false;
	for (i = 0; i < lines.n && !hit; i++)
		hit = file_words_match(w, lines.v[i]);
	hit = hit || !lines.n;
	argv_free(&lines);
	return hit;
}

static void trace(const char *file, const struct run_opts *o, const char *why)
{
	const char *path = getenv("PTEBATCH_PREFILTER_TRACE");
	FILE *out;
	int i, n = 0;

	if (!path || !*path)
		return;
	out = fopen(path, "a");
	if (!out)
		return;
	fprintf(out, "%s: plugin", file);
	for (i = 0; i < nr_check_descs; i++)
		if ((o->engines & ENGINE_PLUGIN) &&
		    run_opts_wants_of(o, i, ENGINE_PLUGIN))
			fprintf(out, "%s%s", n++ ? "," : " ", check_descs[i].id);
	fprintf(out, "%s; cocci", n ? "" : " -");
	for (i = n = 0; i < nr_check_descs; i++)
		if ((o->engines & ENGINE_COCCI) &&
		    run_opts_wants_of(o, i, ENGINE_COCCI))
			fprintf(out, "%s%s", n++ ? "," : " ", check_descs[i].id);
	fprintf(out, "%s%s%s\n", n ? "" : " -", why ? "; " : "", why ? why : "");
	fclose(out);
}

void prefilter_narrow(const char *dir, const char *file, const char *cocci_file,
		      struct run_opts *o)
{
	char *pp = path_join(dir, file), *cp = path_join(dir, cocci_file);
	struct file_words *pw = file_words_read(pp);
	struct file_words *cw = strcmp(pp, cp) ? file_words_read(cp) : pw;
	unsigned int left = 0;
	bool table;
	int i;

	free(pp);
	free(cp);
	if (!pw || !cw) {
		trace(file, o, "not read");
		file_words_free(pw);
		if (cw != pw)
			file_words_free(cw);
		return;
	}
	table = table_names(pw);
	if (!o->filtered) {
		o->filtered = true;
		for (i = 0; i < nr_check_descs; i++)
			o->only[i] = true;
	}
	for (i = 0; i < nr_check_descs; i++) {
		unsigned int e = o->check_engines[i] ? o->check_engines[i] :
				 ENGINE_PLUGIN | ENGINE_COCCI;

		if (!o->only[i])
			continue;
		if ((e & ENGINE_PLUGIN) && (!(o->engines & ENGINE_PLUGIN) ||
					    !plugin_needs(pw, i, table)))
			e &= ~ENGINE_PLUGIN;
		if ((e & ENGINE_COCCI) && (!(o->engines & ENGINE_COCCI) ||
					   !cocci_needs(cw, i)))
			e &= ~ENGINE_COCCI;
		if (!e)
			o->only[i] = false;
		else
			o->check_engines[i] = e;
		left |= e;
	}
	o->engines &= left;
	trace(file, o, NULL);
	file_words_free(pw);
	if (cw != pw)
		file_words_free(cw);
}

/*
 * A rule reports in a function whose own text matches one of its
 * "// Triggers:" lines (the names its patterns match), and reads no other
 * body: nr-zero checks the calls of a file's static helper in the plugin
 * only, and a batch source's wrapper names its source.  The other bodies
 * are emptied in a copy (lines and columns kept) that spatch parses and
 * matches instead of the whole file: the rules' CPU in a kcheck of 6.12
 * mm/ goes from 22.4 to 18.4 s, on the 1 function in 6 that they need,
 * with the same findings (every case file and the check-kernel lists).
 */
struct focus {
	struct text t;
	int *func, n;
	bool *keep;
};

/* Function F's words: its lines as one text */
static struct file_words *function_words(const struct focus *fc, int f)
{
	size_t len = 0, at = 0;
	struct file_words *w;
	char *buf;
	int i;

	for (i = 0; i < fc->t.n; i++)
		if (fc->func[i] == f)
			len += strlen(fc->t.line[i]);
	buf = malloc(len + 1);
	if (!buf)
		fail("out of memory");
	for (i = 0; i < fc->t.n; i++)
		if (fc->func[i] == f) {
			size_t n = strlen(fc->t.line[i]);

			memcpy(buf + at, fc->t.line[i], n);
			at += n;
		}
	buf[at] = 0;
	w = words_of(buf, at);
	free(buf);
	return w;
}

/* Which of FC's functions the rules O runs need; false: all of them */
static bool choose(struct focus *fc, const struct run_opts *o)
{
	struct argv_buf lines[64] = { { 0 } };
	bool all = false, some = false;
	int c, f, k;

	for (c = 0; c < nr_check_descs && c < 64 && !all; c++)
		if (run_opts_wants_of(o, c, ENGINE_COCCI) &&
		    triggers(c, &lines[c]) && !lines[c].n)
			all = true;	/* a rule without triggers reads everything */
	for (f = 1; f <= fc->n && !all; f++) {
		struct file_words *w = function_words(fc, f);

		for (c = 0; c < nr_check_descs && c < 64; c++)
			for (k = 0; k < lines[c].n; k++)
				fc->keep[f] |= file_words_match(w, lines[c].v[k]);
		file_words_free(w);
	}
	for (c = 0; c < nr_check_descs && c < 64; c++)
		argv_free(&lines[c]);
	if (all)
		return false;
	for (f = 1; f <= fc->n; f++)
		some |= !fc->keep[f];
	return some;
}

char *prefilter_focus(const char *dir, const char *cocci_file, const struct run_opts *o)
{
	static int seq;
	char *path = path_join(dir, cocci_file), *copy = NULL;
	struct text out = { 0 };
	struct focus fc;
	int i, f;

	memset(&fc, 0, sizeof(fc));
	if (text_load(&fc.t, path)) {
		free(path);
		return NULL;
	}
	free(path);
	fc.func = calloc(fc.t.n + 1, sizeof(*fc.func));
	if (!fc.func)
		fail("out of memory");
	c_functions(&fc.t, fc.func);
	for (i = 0; i < fc.t.n; i++)
		if (fc.func[i] > fc.n)
			fc.n = fc.func[i];
	fc.keep = calloc(fc.n + 1, sizeof(*fc.keep));
	if (!fc.keep)
		fail("out of memory");
	if (fc.n && choose(&fc, o)) {
		const char *base = strrchr(cocci_file, '/');
		const char *tp = getenv("PTEBATCH_PREFILTER_TRACE");
		FILE *tf = tp && *tp ? fopen(tp, "a") : NULL;
		int kept = 0;

		for (f = 1; f <= fc.n; f++)
			kept += fc.keep[f];
		if (tf) {
			fprintf(tf, "%s: rules on %d of %d functions\n", cocci_file, kept, fc.n);
			fclose(tf);
		}

		c_blank_bodies(&fc.t, fc.func, fc.keep, &out);
		copy = xasprintf("%s/focus.%d/%s", tmp_dir(), seq++, base ? base + 1 : cocci_file);
		if (text_save(&out, copy))
			fail("cannot write %s", copy);
		text_free(&out);
	}
	free(fc.keep);
	free(fc.func);
	text_free(&fc.t);
	return copy;
}
