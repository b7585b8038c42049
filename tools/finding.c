// SPDX-License-Identifier: GPL-2.0-only
/*
 * finding.c - parse findings from the plugin's JSON lines and from
 * GCC-format lines (Coccinelle's report mode, build logs), merge and sort.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "finding.h"

const struct check_desc check_descs[] = {
#define CHECK(cname, id, summary) { #cname, id, summary },
#include "../plugin/checks.def"
#undef CHECK
};
const int nr_check_descs = sizeof(check_descs) / sizeof(check_descs[0]);

int check_index(const char *id)
{
	int i;

	for (i = 0; i < nr_check_descs; i++)
		if (!strcmp(check_descs[i].id, id))
			return i;
	return -1;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("ptebatch: error: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* ---- a JSON reader for the flat objects docs/interfaces.md defines ---- */

static const char *skip_ws(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

static const char *json_read_string(const char *p, char **out)
{
	size_t cap = 64, n = 0;
	char *s;

	if (*p != '"')
		return NULL;
	s = xrealloc(NULL, cap);
	for (p++; *p && *p != '"'; p++) {
		char c = *p;

		if (c == '\\') {
			p++;
			switch (*p) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'u': {
				unsigned int v = 0;

				if (sscanf(p + 1, "%4x", &v) != 1) {
					free(s);
					return NULL;
				}
				p += 4;
				c = v < 0x80 ? (char)v : '?';
				break;
			}
			case 0:
				free(s);
				return NULL;
			default: c = *p; break;
			}
		}
		if (n + 2 > cap)
			s = xrealloc(s, cap *= 2);
		s[n++] = c;
	}
	if (*p != '"') {
		free(s);
		return NULL;
	}
	s[n] = 0;
	*out = s;
	return p + 1;
}

struct kv_sink {
	void (*str)(void *obj, const char *key, char *val);
	void (*num)(void *obj, const char *key, long val);
	/* array of objects: called for each element with a new object */
	void *(*elem)(void *obj, const char *key);
	void *obj;
};

static const char *json_read_object(const char *p, const struct kv_sink *sink);

static void note_str(void *obj, const char *key, char *val)
{
	struct note *n = obj;

	if (!strcmp(key, "file"))
		n->file = val;
	else if (!strcmp(key, "message"))
		n->message = val;
	else
		free(val);
}

static void note_num(void *obj, const char *key, long val)
{
	struct note *n = obj;

	if (!strcmp(key, "line"))
		n->line = (int)val;
	else if (!strcmp(key, "column"))
		n->column = (int)val;
}

static const char *json_read_value(const char *p, const char *key,
				   const struct kv_sink *sink)
{
	p = skip_ws(p);
	if (*p == '"') {
		char *s;

		p = json_read_string(p, &s);
		if (p)
			sink->str(sink->obj, key, s);
		return p;
	}
	if (*p == '-' || isdigit((unsigned char)*p)) {
		char *end;
		long v = strtol(p, &end, 10);

		sink->num(sink->obj, key, v);
		return end;
	}
	if (*p == '[') {
		p = skip_ws(p + 1);
		while (*p == '{') {
			void *elem = sink->elem ? sink->elem(sink->obj, key) : NULL;
			struct kv_sink sub = { note_str, note_num, NULL, elem };
			struct note dummy = { 0 };

			if (!elem)
				sub.obj = &dummy;
			p = json_read_object(p, &sub);
			if (!p)
				return NULL;
			if (!elem) {
				free(dummy.file);
				free(dummy.message);
			}
			p = skip_ws(p);
			if (*p == ',')
				p = skip_ws(p + 1);
		}
		return *p == ']' ? p + 1 : NULL;
	}
	if (!strncmp(p, "true", 4) || !strncmp(p, "null", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	return NULL;
}

static const char *json_read_object(const char *p, const struct kv_sink *sink)
{
	p = skip_ws(p);
	if (*p != '{')
		return NULL;
	p = skip_ws(p + 1);
	while (*p == '"') {
		char *key;

		p = json_read_string(p, &key);
		if (!p)
			return NULL;
		p = skip_ws(p);
		if (*p != ':') {
			free(key);
			return NULL;
		}
		p = json_read_value(p + 1, key, sink);
		free(key);
		if (!p)
			return NULL;
		p = skip_ws(p);
		if (*p == ',')
			p = skip_ws(p + 1);
	}
	return *p == '}' ? p + 1 : NULL;
}

static void finding_str(void *obj, const char *key, char *val)
{
	struct finding *f = obj;

	if (!strcmp(key, "file")) {
		free(f->file);
		f->file = val;
		return;
	}
	if (!strcmp(key, "function")) {
		free(f->function);
		f->function = val;
		return;
	}
	if (!strcmp(key, "message")) {
		free(f->message);
		f->message = val;
		return;
	}
	if (!strcmp(key, "check"))
		snprintf(f->check, sizeof(f->check), "%s", val);
	else if (!strcmp(key, "severity"))
		snprintf(f->severity, sizeof(f->severity), "%s", val);
	else if (!strcmp(key, "engine")) {
		if (strstr(val, "plugin"))
			f->engines |= ENGINE_PLUGIN;
		if (strstr(val, "cocci"))
			f->engines |= ENGINE_COCCI;
	}
	free(val);
}

static void finding_num(void *obj, const char *key, long val)
{
	struct finding *f = obj;

	if (!strcmp(key, "line"))
		f->line = (int)val;
	else if (!strcmp(key, "column"))
		f->column = (int)val;
}

static void *finding_elem(void *obj, const char *key)
{
	struct finding *f = obj;

	if (strcmp(key, "notes"))
		return NULL;
	f->notes = xrealloc(f->notes, (f->nr_notes + 1) * sizeof(*f->notes));
	memset(&f->notes[f->nr_notes], 0, sizeof(*f->notes));
	return &f->notes[f->nr_notes++];
}

int finding_parse_json(const char *line, struct finding *f)
{
	struct kv_sink sink = { finding_str, finding_num, finding_elem, f };

	memset(f, 0, sizeof(*f));
	if (!json_read_object(line, &sink) || !f->file || !f->check[0] ||
	    check_index(f->check) < 0) {
		finding_free(f);
		return -1;
	}
	if (!f->severity[0])
		strcpy(f->severity, "warning");
	if (!f->message)
		f->message = xstrndup("", 0);
	return 0;
}

/*
 * FILE:LINE:COL[-COL]: SEVERITY: MESSAGE [ptebatch-ID]
 * Coccinelle prints 0-based byte columns: they are made 1-based, as the
 * plugin's (merging keys on file, line and check only).
 */
int finding_parse_gcc(const char *line, unsigned int engine, struct finding *f)
{
	const char *p, *tag, *msg, *colon;
	char sev[16];
	long ln, col = 0;
	size_t i;
	char *end;

	memset(f, 0, sizeof(*f));
	tag = strstr(line, "[ptebatch-");
	if (!tag)
		return -1;
	/* the file name ends at the first ':' followed by a digit run and ':' */
	for (p = line; (p = strchr(p, ':')); p++) {
		ln = strtol(p + 1, &end, 10);
		if (end > p + 1 && *end == ':' && ln > 0)
			break;
	}
	if (!p)
		return -1;
	f->file = xstrndup(line, p - line);
	f->line = (int)ln;
	p = end + 1;
	if (isdigit((unsigned char)*p)) {
		col = strtol(p, &end, 10);
		p = end;
		if (*p == '-')
			strtol(p + 1, (char **)&p, 10);
		if (*p == ':')
			p++;
	}
	f->column = (int)col + (engine == ENGINE_COCCI);
	p = skip_ws(p);
	colon = strchr(p, ':');
	if (!colon || colon - p >= (long)sizeof(sev))
		goto bad;
	for (i = 0; p + i < colon; i++)
		sev[i] = (char)tolower((unsigned char)p[i]);
	sev[i] = 0;
	if (strcmp(sev, "warning") && strcmp(sev, "error") && strcmp(sev, "suggestion"))
		goto bad;
	snprintf(f->severity, sizeof(f->severity), "%s",
		 strcmp(sev, "error") ? "warning" : "error");
	msg = skip_ws(colon + 1);
	tag += strlen("[ptebatch-");
	for (i = 0; tag[i] && tag[i] != ']' && i < sizeof(f->check) - 1; i++)
		f->check[i] = tag[i];
	f->check[i] = 0;
	if (check_index(f->check) < 0)
		goto bad;
	end = strstr((char *)msg, " [ptebatch-");
	f->message = xstrndup(msg, end ? (size_t)(end - msg) : strlen(msg));
	f->engines = engine;
	return 0;
bad:
	finding_free(f);
	return -1;
}

void finding_free(struct finding *f)
{
	int i;

	for (i = 0; i < f->nr_notes; i++) {
		free(f->notes[i].file);
		free(f->notes[i].message);
	}
	free(f->notes);
	free(f->file);
	free(f->function);
	free(f->message);
	memset(f, 0, sizeof(*f));
}

void findings_add(struct finding_list *l, struct finding *f)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = *f;
	memset(f, 0, sizeof(*f));
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line - y->line;
	if (x->column != y->column)
		return x->column - y->column;
	c = strcmp(x->check, y->check);
	if (c)
		return c;
	/* the plugin's record (function, notes, 1-based column) first */
	return (int)(x->engines & ENGINE_COCCI) - (int)(y->engines & ENGINE_COCCI);
}

void findings_finish(struct finding_list *l)
{
	size_t i, out = 0;

	qsort(l->v, l->n, sizeof(*l->v), cmp_finding);
	for (i = 0; i < l->n; i++) {
		struct finding *f = &l->v[i];

		/* one bug: the same check on the same statement */
		if (out && !strcmp(l->v[out - 1].file, f->file) &&
		    l->v[out - 1].line == f->line &&
		    l->v[out - 1].column == f->column &&
		    !strcmp(l->v[out - 1].check, f->check)) {
			l->v[out - 1].engines |= f->engines;
			finding_free(f);
			continue;
		}
		if (out != i)
			l->v[out] = *f;
		out++;
	}
	l->n = out;
	for (i = 0; i < l->n; i++)
		fingerprint_of(&l->v[i], l->v[i].fingerprint);
}

void findings_clear(struct finding_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		finding_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

int findings_load_jsonl(struct finding_list *l, const char *path)
{
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	struct finding f;

	if (!in)
		return -1;
	while (getline(&line, &cap, in) > 0)
		if (!finding_parse_json(line, &f))
			findings_add(l, &f);
	free(line);
	fclose(in);
	return 0;
}

const char *engine_name(unsigned int engines)
{
	switch (engines & (ENGINE_PLUGIN | ENGINE_COCCI)) {
	case ENGINE_PLUGIN: return "plugin";
	case ENGINE_COCCI: return "cocci";
	default: return "plugin+cocci";
	}
}

/* The statement text with all white space removed, so re-indenting or
 * shifting lines does not change a finding's identity. */
static void normalised_line(const char *file, int line, char *buf, size_t len)
{
	FILE *in = fopen(file, "r");
	char *text = NULL;
	size_t cap = 0, n = 0;
	int ln = 0;

	buf[0] = 0;
	if (!in)
		return;
	while (getline(&text, &cap, in) > 0)
		if (++ln == line)
			break;
	if (ln == line && text)
		for (char *p = text; *p && n + 1 < len; p++)
			if (!isspace((unsigned char)*p))
				buf[n++] = *p;
	buf[n] = 0;
	free(text);
	fclose(in);
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
	for (; s && *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	h ^= 0xff;	/* field separator */
	return h * 0x100000001b3ULL;
}

void fingerprint_of(const struct finding *f, char out[17])
{
	char stmt[512];
	uint64_t h = 0xcbf29ce484222325ULL;

	normalised_line(f->file, f->line, stmt, sizeof(stmt));
	h = fnv1a(h, f->file);
	h = fnv1a(h, f->function ? f->function : "");
	h = fnv1a(h, f->check);
	h = fnv1a(h, stmt);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
