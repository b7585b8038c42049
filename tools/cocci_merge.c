// SPDX-License-Identifier: GPL-2.0-only
/*
 * cocci_merge.c - several Coccinelle rule files as one, for one spatch.
 *
 * On one C file most of a rule's cost is spatch's own start (OCaml, the
 * Python interpreter, the macro file) and its parse of the C file, paid
 * again by every rule: one process for all the rules pays them once.
 *
 * The texts follow one another, each "virtual" declared once at the top.
 * That is only right when the files ask spatch for the same options (their
 * "// Options:" lines) and share no rule name and no top-level
 * name of their initialize:python blocks, as one interpreter runs them
 * all: a clash is an error naming both files.  The same def in two files
 * (a helper such as key()) is allowed when its text is identical and uses
 * no other top-level name of its file.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine.h"
#include "patch.h"

struct cocci_name {
	char *name;
	char *def;		/* a def's text, else NULL (state) */
	bool rule;
	int file;
};

struct cocci_names {
	struct cocci_name *v;
	int n;
};

static void add_name(struct cocci_names *s, const char *name, size_t len,
		     char *def, bool rule, int file)
{
	struct cocci_name *c;

	s->v = realloc(s->v, (s->n + 1) * sizeof(*s->v));
	c = &s->v[s->n++];
	c->name = xasprintf("%.*s", (int)len, name);
	c->def = def;
	c->rule = rule;
	c->file = file;
}

static size_t ident_len(const char *p)
{
	size_t n = 0;

	if (isalpha((unsigned char)*p) || *p == '_')
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
	return n;
}

/* The rule a header line "@name ...@" or "@script:python name ...@" names. */
static void rule_name(const char *l, struct cocci_names *s, int file)
{
	size_t n;

	if (l[0] != '@' || l[1] == '@')
		return;
	l++;
	if (!strncmp(l, "initialize:", 11) || !strncmp(l, "finalize:", 9))
		return;
	if (!strncmp(l, "script:", 7)) {
		l += 7 + ident_len(l + 7);
		if (*l != ' ')
			return;
		l += strspn(l, " ");
	}
	n = ident_len(l);
	if (n && strncmp(l, "depends", n))
		add_name(s, l, n, NULL, true, file);
}

static bool py_top_level(const char *l)
{
	return *l && *l != '\n' && *l != ' ' && *l != '\t' && *l != '#';
}

/* The names the initialize:python block at LINE[*I] defines at top level. */
static void python_names(char **line, int n, int *i, struct cocci_names *s,
			 int file)
{
	int j = *i + 1;

	if (j < n && !strncmp(line[j], "@@", 2))
		j++;
	for (; j < n && line[j][0] != '@'; j++) {
		const char *l = line[j];
		size_t len;

		if (!strncmp(l, "def ", 4) || !strncmp(l, "class ", 6)) {
			const char *name = l + (l[0] == 'd' ? 4 : 6);
			size_t size = 0;
			char *def;
			int k;

			for (k = j; k < n && (k == j || !py_top_level(line[k])) &&
				    line[k][0] != '@'; k++)
				size += strlen(line[k]);
			def = calloc(1, size + 1);
			for (k = j; k < n && (k == j || !py_top_level(line[k])) &&
				    line[k][0] != '@'; k++)
				strcat(def, line[k]);
			/* without the blank lines after it */
			for (size = strlen(def); size && isspace((unsigned char)def[size - 1]); size--)
				def[size - 1] = 0;
			add_name(s, name, ident_len(name), def, false, file);
			j = k - 1;
			continue;
		}
		len = ident_len(l);
		if (len && strncmp(l, "import ", 7) && strncmp(l, "from ", 5)) {
			const char *p = l + len + strspn(l + len, " \t");

			if (*p == '=' && p[1] != '=')
				add_name(s, l, len, NULL, false, file);
		}
	}
	*i = j - 1;
}

/* Does DEF use a top-level name of FILE other than its own? */
static bool uses_file_names(const struct cocci_names *s, const struct cocci_name *d)
{
	const char *p;
	int k;

	for (p = d->def + 4; *p; p++) {
		size_t n = ident_len(p);

		if (!n || (p > d->def && (isalnum((unsigned char)p[-1]) || p[-1] == '_')))
			continue;
		for (k = 0; k < s->n; k++)
			if (s->v[k].file == d->file && !s->v[k].rule && s->v[k].name != d->name &&
			    strlen(s->v[k].name) == n && !strncmp(s->v[k].name, p, n))
				return true;
		p += n - 1;
	}
	return false;
}

static void check_names(const struct cocci_names *s, char **paths)
{
	int a, b;

	for (a = 0; a < s->n; a++)
		for (b = a + 1; b < s->n; b++) {
			const struct cocci_name *x = &s->v[a], *y = &s->v[b];

			if (x->file == y->file || x->rule != y->rule ||
			    strcmp(x->name, y->name))
				continue;
			if (!x->rule && x->def && y->def && !strcmp(x->def, y->def) &&
			    !uses_file_names(s, x) && !uses_file_names(s, y))
				continue;
			fail("%s and %s both define the %s '%s': the rules run in one "
			     "spatch and must not share names", paths[x->file],
			     paths[y->file], x->rule ? "rule" : "Python name", x->name);
		}
}

void cocci_merge(char **paths, int nr, const char *out_path)
{
	struct cocci_names names = { 0 };
	struct text *t = calloc(nr, sizeof(*t));
	const char **virt = NULL;
	int f, i, k, nr_virt = 0;
	FILE *out;

	for (f = 0; f < nr; f++) {
		if (text_load(&t[f], paths[f]))
			fail("cannot read %s", paths[f]);
		for (i = 0; i < t[f].n; i++) {
			rule_name(t[f].line[i], &names, f);
			if (!strncmp(t[f].line[i], "@initialize:python@", 19))
				python_names(t[f].line, t[f].n, &i, &names, f);
		}
	}
	check_names(&names, paths);
	for (f = 1; f < nr; f++) {
		char *a = first_line_with(paths[0], "// Options:");
		char *b = first_line_with(paths[f], "// Options:");

		if (strcmp(a, b))
			fail("%s and %s ask spatch for different options ('%s', '%s'): "
			     "the rules run in one spatch", paths[0], paths[f], a, b);
		free(a);
		free(b);
	}
	out = fopen(out_path, "w");
	if (!out)
		fail("cannot write %s", out_path);
	/* each virtual rule once, before every rule */
	for (f = 0; f < nr; f++)
		for (i = 0; i < t[f].n; i++) {
			bool seen = false;

			if (strncmp(t[f].line[i], "virtual ", 8))
				continue;
			for (k = 0; k < nr_virt && !seen; k++)
				seen = !strcmp(virt[k], t[f].line[i]);
			if (seen)
				continue;
			virt = realloc(virt, (nr_virt + 1) * sizeof(*virt));
			virt[nr_virt++] = t[f].line[i];
			fputs(t[f].line[i], out);
		}
	for (f = 0; f < nr; f++) {
		fputc('\n', out);
		for (i = 0; i < t[f].n; i++)
			if (strncmp(t[f].line[i], "virtual ", 8))
				fputs(t[f].line[i], out);
	}
	if (fclose(out))
		fail("cannot write %s", out_path);
	for (f = 0; f < nr; f++)
		text_free(&t[f]);
	for (i = 0; i < names.n; i++) {
		free(names.v[i].name);
		free(names.v[i].def);
	}
	free(names.v);
	free(virt);
	free(t);
}
