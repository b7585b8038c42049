// SPDX-License-Identifier: GPL-2.0-only
/*
 * finding.c - parse findings from the plugin's JSON lines and from
 * GCC-format lines (Coccinelle's report mode, build logs), merge and sort.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "finding.h"
#include "../include/column.h"
#include "util.h"
#include "json_read.h"

const struct check_desc check_descs[] = {
#define CHECK(cname, id, summary) { #cname, id, summary },
#include "../include/checks.def"
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

static const char *skip_ws(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *d = xrealloc(NULL, n + 1);

	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* ---- findings as JSON lines (docs/interfaces.md), through jansson ---- */

static const char *note_from_json(json_t *o, struct note *n)
{
	const char *why = NULL, *file, *msg;

	if (!json_is_object(o))
		return "a note is not an object";
	file = json_member_str(o, "file", &why);
	msg = json_member_str(o, "message", &why);
	json_member_int(o, "line", 0, &n->line, &why);
	json_member_int(o, "column", 0, &n->column, &why);
	if (why)
		return why;
	n->file = xstrndup(file ? file : "", file ? strlen(file) : 0);
	n->message = xstrndup(msg ? msg : "", msg ? strlen(msg) : 0);
	return NULL;
}

const char *finding_from_json(json_t *o, struct finding *f)
{
	const char *why = NULL, *file, *check, *sev, *engine, *func, *msg, *fp, *root, *cols;
	json_t *notes = json_object_get(o, "notes"), *n;
	size_t i;

	memset(f, 0, sizeof(*f));
	file = json_member_str(o, "file", &why);
	check = json_member_str(o, "check", &why);
	sev = json_member_str(o, "severity", &why);
	engine = json_member_str(o, "engine", &why);
	func = json_member_str(o, "function", &why);
	msg = json_member_str(o, "message", &why);
	fp = json_member_str(o, "fingerprint", &why);
	root = json_member_str(o, "root", &why);
	cols = json_member_str(o, "columns", &why);
	if (!json_member_int(o, "line", 1, &f->line, &why) && !why)
		why = "no \"line\"";
	json_member_int(o, "column", 0, &f->column, &why);
	if (why)
		return why;
	if (!file)
		return "no \"file\"";
	if (!check || check_index(check) < 0)
		return check ? "unknown \"check\"" : "no \"check\"";
	if (notes && !json_is_array(notes))
		return "\"notes\" is not an array";
	if (fp && (strlen(fp) != 16 || strspn(fp, "0123456789abcdef") != 16))
		return "\"fingerprint\" is not 16 hex digits";
	snprintf(f->check, sizeof(f->check), "%s", check);
	snprintf(f->severity, sizeof(f->severity), "%s",
		 sev && !strcmp(sev, "error") ? "error" : "warning");
	if (!engine || strstr(engine, "plugin"))
		f->engines |= ENGINE_PLUGIN;
	if (engine && strstr(engine, "cocci"))
		f->engines |= ENGINE_COCCI;
	f->file = xstrndup(file, strlen(file));
	f->function = func ? xstrndup(func, strlen(func)) : NULL;
	f->root = root && *root ? xstrndup(root, strlen(root)) : NULL;
	f->byte_columns = cols && !strcmp(cols, "byte");
	f->message = xstrndup(msg ? msg : "", msg ? strlen(msg) : 0);
	if (fp)
		memcpy(f->fingerprint, fp, 17);
	json_array_foreach(notes, i, n) {
		f->notes = xrealloc(f->notes, (i + 1) * sizeof(*f->notes));
		memset(&f->notes[i], 0, sizeof(*f->notes));
		f->nr_notes = (int)i + 1;
		why = note_from_json(n, &f->notes[i]);
		if (why) {
			finding_free(f);
			return why;
		}
	}
	return NULL;
}

int finding_parse_json(const char *line, struct finding *f)
{
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, NULL);
	int ret = o && json_is_object(o) && !finding_from_json(o, f) ? 0 : -1;

	json_decref(o);
	return ret;
}

/*
 * FILE:LINE:COL[-COL]: SEVERITY: MESSAGE [ptebatch-ID]
 * Coccinelle prints 0-based byte columns: they become display columns, as
 * the plugin's (include/column.h).
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
	/* the build log's column (GCC's display column) in every mode */
	f->column = engine == ENGINE_COCCI ?
		pb_display_column(f->file, f->line, (int)col + 1) : (int)col;
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
	free(f->root);
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

/*
 * One bug: the same check on the same statement, at the same column or
 * from the other engine (the engines point at different tokens of one
 * statement: the plugin at GCC's location of the expression, Coccinelle
 * at the matched identifier).  OUT findings are kept, sorted.
 */
static struct finding *same_statement(struct finding_list *l, size_t out,
				      const struct finding *f)
{
	size_t j;

	for (j = out; j-- > 0; ) {
		struct finding *p = &l->v[j];

		if (strcmp(p->file, f->file) || p->line != f->line)
			break;
		if (!strcmp(p->check, f->check) &&
		    (p->column == f->column || !(p->engines & f->engines)))
			return p;
	}
	return NULL;
}

void findings_finish(struct finding_list *l)
{
	size_t i, out = 0;

	if (l->n)
		qsort(l->v, l->n, sizeof(*l->v), cmp_finding);
	for (i = 0; i < l->n; i++) {
		struct finding *f = &l->v[i];

		struct finding *same = same_statement(l, out, f);

		if (same) {
			same->engines |= f->engines;
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

static const char *load_one(json_t *o, void *arg)
{
	struct finding f;
	const char *why = finding_from_json(o, &f);

	if (!why)
		findings_add(arg, &f);
	return why;
}

int findings_load_jsonl(struct finding_list *l, const char *path)
{
	size_t len;
	char *text = file_read(path, &len);

	if (!text)
		return -1;
	json_lines_each(path, text, len, load_one, l);
	free(text);
	return 0;
}

/* FILE as the compiler named it, from ROOT (NULL: here). */
static int display_column(const char *root, const char *file, int line, int col)
{
	char *path;
	int c;

	if (!root || file[0] == '/')
		return pb_display_column(file, line, col);
	path = xasprintf("%s/%s", root, file);
	c = pb_display_column(path, line, col);
	free(path);
	return c;
}

struct log_state {
	struct finding_list *l;
	const char *path;
	char *dir;		/* the directory make entered last, or NULL */
	int records;
};

static void log_record(struct log_state *st, const char *line, size_t lineno)
{
	json_error_t err;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &err);
	const char *why = o ? NULL : err.text;
	struct finding f;
	int i;

	if (!why)
		why = json_is_object(o) ? finding_from_json(o, &f) : "not an object";
	json_decref(o);
	/* a cut or mixed line loses a finding: say so */
	if (why)
		fail("%s:%zu: not a findings record (%s): was the log written by "
		     "parallel jobs without make --output-sync?", st->path, lineno, why);
	if (!f.root)
		f.root = st->dir ? xstrndup(st->dir, strlen(st->dir)) : getcwd(NULL, 0);
	if (f.byte_columns) {
		f.column = display_column(f.root, f.file, f.line, f.column);
		for (i = 0; i < f.nr_notes; i++)
			f.notes[i].column = display_column(f.root, f.notes[i].file,
							   f.notes[i].line,
							   f.notes[i].column);
		f.byte_columns = 0;
	}
	findings_add(st->l, &f);
	st->records++;
}

/* make[N]: Entering directory 'DIR' (GNU make quotes with '...' or `...'). */
static void log_make_dir(struct log_state *st, const char *line)
{
	const char *p = strstr(line, ": Entering directory ");
	const char *q;

	if (strncmp(line, "make", 4) || !p)
		return;
	p += strlen(": Entering directory ");
	if (!*p++)		/* the opening quote */
		return;
	q = strrchr(p, '\'');
	if (!q || q <= p)
		return;
	free(st->dir);
	st->dir = xstrndup(p, (size_t)(q - p));
}

int findings_load_log(struct finding_list *l, const char *path)
{
	struct log_state st = { l, path, NULL, 0 };
	size_t len, lineno = 0;
	char *text = file_read(path, &len), *line, *next;

	if (!text)
		return -1;
	for (line = text; line < text + len; line = next) {
		next = memchr(line, '\n', (size_t)(text + len - line));
		next = next ? next + 1 : text + len;
		next[-1] = next[-1] == '\n' ? 0 : next[-1];
		lineno++;
		if (!strncmp(line, "{\"file\":", 8))
			log_record(&st, line, lineno);
		else
			log_make_dir(&st, line);
	}
	free(st.dir);
	free(text);
	return st.records;
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

	/* the source as the compiler saw it, wherever this runs */
	if (f->root && f->file[0] != '/') {
		char *path = xasprintf("%s/%s", f->root, f->file);

		normalised_line(path, f->line, stmt, sizeof(stmt));
		free(path);
	} else {
		normalised_line(f->file, f->line, stmt, sizeof(stmt));
	}
	h = fnv1a(h, f->file);
	h = fnv1a(h, f->function ? f->function : "");
	h = fnv1a(h, f->check);
	h = fnv1a(h, stmt);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}
