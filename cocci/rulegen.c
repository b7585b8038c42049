// SPDX-License-Identifier: GPL-2.0-only
/*
 * rulegen - write a Coccinelle rule from its template (cocci/X.cocci.in)
 * with the helper names of include/rules.def filled in, so that the table
 * is the one place helper names live and both engines check what it says.
 * Run at build time; the generated X.cocci is what spatch and the kernel's
 * make coccicheck read.
 *
 * In a template, ROLES is a comma-separated list of role names of
 * include/roles.def ("clear-batch,unmap"):
 *
 *   $ANY(ROLES)   the helpers as a disjunction: \(a\|b\) (or just a)
 *   $SET(ROLES)   the helpers as a list: a, b (for identifier fn = {...})
 *   $ANY(ROLES idx2), $SET(ROLES idx2)  only the lines that have an idx2
 *   $MSG(name)    the text of include/messages.def's line NAME as a Python
 *                 string, for the report scripts
 *   $NONZERO      the names of the NR_NONZERO lines: a, b
 *   $GENERIC      the generic accessors of the HUGETLB_PAIR lines: a, b
 *   $PAIRS        those lines as a Python dict {"generic": "hugetlb", ...}
 *   $BATCHTYPES   the NR_BATCH_TYPE lines as written: pte_t, struct page
 *   $BATCHWORDS   the NR_BATCH_WORD lines: page, pte
 *   $FOLIOSINGLE  the single forms of the FOLIO_PAIR lines: a, b
 *   $FOLIOPAIRS   those lines as a Python dict {"single": ("batched",
 *                 mapcount), ...}
 *   $FOLIOBATCH(F, NR, M, P)  their batched forms as a disjunction of
 *                 calls at position P: \(b@P(F, NR, ...)\|c@P(F, M, NR, ...)\)
 *   $BATCHSOURCES the BATCH_IGNORES names: a, b
 *   $BATCHWRITES  the BATCH_WRITE names: a, b
 *   $BATCHDATA    the batch-flags lists as a Python dict: "ignores"
 *                 {(name, nargs): (flags_idx, bits)}, "flags" {(nargs,
 *                 "FPB_X"): ("respect"|"merge"|"ignore", bits)}, "outs"
 *                 {(nargs, idx): bits}, "writes" {name: (nargs, value_idx,
 *                 nr_idx)}, "merges" and "uniforms" {name: bits}
 *
 * A line "//$isos NAME..." (above the rules) names the standard
 * isomorphisms the template's rules rely on; every rule header after it
 * disables the others of cocci/isos.def.  Without one, all apply.
 *
 * The pseudo role "nr-nonzero" selects the nr-taking helpers (batched,
 * clear-batch, unmap, swap-batched, create) named by an NR_NONZERO line.
 *
 * and a block of lines
 *
 *   //$each ROLES [idx2]
 *   ...
 *   //$end
 *
 * is repeated once per call shape (argument count, idx, idx2) of those
 * helpers; "idx2" keeps only the lines that have one.  "//$each|" puts a
 * "|" line before each copy, except right after a "(" line, for blocks
 * that are branches of a disjunction.  In the block:
 *
 *   $N            the shape's number (unique in the file, the same in
 *                 every block of the same selection)
 *   $NAMES        its helpers as a list: a, b
 *   $LISTS        metavariable declarations for the other arguments
 *   $ARGS(X)      the argument list with X at idx: (Lb$N, X, La$N)
 *   $ARGS(X, Y)   ... and Y at idx2
 *
 * Triggers: the generated rule ends with "// Triggers:" lines, what a C
 * file must mention for the rule to have a chance of matching it, so that
 * the CLI starts no spatch for a file that mentions none (docs/performance.md).
 * The first line holds every table name the expansion wrote (not those of
 * $BATCHTYPES and $BATCHWORDS, which only filter what a report says), and
 * the macros of the template's check (CHECKED_MACRO lines of rules.def,
 * X.cocci.in being the check of C name X).  A line
 *
 *   //$triggers WORDS [; WORDS]...
 *
 * adds a line of its own: the file must mention one word of each
 * ";"-separated part.  A word is an identifier, "--" or "-=" (any
 * decrement), "--x" (a prefix decrement of a name), or $NONZERO,
 * $BATCHTYPES (each type's last word), $BATCHWORDS (each as *word: any
 * identifier containing it), $SET(ROLES), $GENERIC, $FOLIOSINGLE or
 * $FOLIOBATCH (the batched forms' names): names the rules must also write.
 * In the output, NAME* is a prefix and *NAME a part of an identifier.  A
 * file matches the rule when it matches one line.  A line
 *
 *   //$triggers-only
 *
 * drops the first line: the //$triggers lines are then the whole list, for
 * a template whose rules all need more than one of the names it writes
 * (every rule depends on a gate rule calling some of them, or needs a
 * name of two lists).  The rules' results are the same, run with or without
 * the prefilter; the prefilter only starts fewer of them.
 *
 * usage: rulegen TEMPLATE  (writes the rule to standard output)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../include/rule-table.h"

static const struct msg {
	const char *name, *text;
} msgs[] = {
#define MSG(name, text) { #name, text },
#include "../include/messages.def"
#undef MSG
};

/* roles_of()'s bit for "nr-nonzero" */
#define NONZERO_BIT (1ul << 40)

static const char *const standard_isos[] = {
#define ISO(name) #name,
#include "isos.def"
#undef ISO
};
#define NR_ISOS (sizeof(standard_isos) / sizeof(standard_isos[0]))

static const char *template_path;
static int lineno;

/* the table names the expansion wrote, for the "// Triggers:" line */
static char **noted;
static int nr_noted, max_noted;

static void note(const char *name)
{
	int i;

	for (i = 0; i < nr_noted; i++)
		if (!strcmp(noted[i], name))
			return;
	if (nr_noted == max_noted) {
		max_noted = max_noted ? 2 * max_noted : 64;
		noted = realloc(noted, max_noted * sizeof(*noted));
		if (!noted) {
			fputs("ptebatch: error: out of memory\n", stderr);
			exit(2);
		}
	}
	noted[nr_noted++] = strdup(name);
}

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "ptebatch: error: %s:%d: %s '%s'\n", template_path,
		lineno, what, arg);
	exit(2);
}

/* The roles named in LIST (up to END) as a bit set. */
static unsigned long roles_of(const char *list, const char *end)
{
	unsigned long set = 0;

	while (list < end) {
		size_t len = strcspn(list, ",)");
		int r;

		if (list + len > end)
			len = end - list;
		if (len == 10 && !strncmp(list, "nr-nonzero", 10)) {
			set |= NONZERO_BIT | PB_NR_ROLES_BITS;
			list += len + 1;
			continue;
		}
		for (r = 0; r < PB_NR_ROLES; r++)
			if (strlen(role_names[r]) == len &&
			    !strncmp(role_names[r], list, len))
				break;
		if (r == PB_NR_ROLES) {
			char name[64];

			snprintf(name, sizeof(name), "%.*s", (int)len, list);
			die("unknown role", name);
		}
		set |= 1ul << r;
		list += len + 1;
	}
	if (!set)
		die("no roles in", list);
	return set;
}

struct shape_filter {
	unsigned long roles;
	int need_idx2;
};

static int needs_nr(const char *name)
{
	size_t i;

	for (i = 0; i < NR_NONZERO_LINES; i++)
		if (!strcmp(nonzero[i], name))
			return 1;
	return 0;
}

static int selected(const struct shape_filter *f, const struct rule *r)
{
	return (f->roles & (1ul << r->role)) && (!f->need_idx2 || r->idx2 >= 0) &&
	       (!(f->roles & NONZERO_BIT) || needs_nr(r->name));
}

static int same_shape(const struct rule *a, const struct rule *b)
{
	return a->nargs == b->nargs && a->idx == b->idx && a->idx2 == b->idx2;
}

/* Helper names of the selection (of SHAPE only, if given), once each. */
static void put_names(FILE *out, const struct shape_filter *f,
		      const struct rule *shape, const char *sep)
{
	int i, n = 0;

	for (i = 0; i < NR_RULES; i++) {
		if (!selected(f, &rules[i]) || (shape && !same_shape(shape, &rules[i])))
			continue;
		if (i && !strcmp(rules[i - 1].name, rules[i].name) &&
		    selected(f, &rules[i - 1]) &&
		    (!shape || same_shape(shape, &rules[i - 1])))
			continue;
		fprintf(out, "%s%s", n++ ? sep : "", rules[i].name);
		note(rules[i].name);
	}
	if (!n)
		die("no helper has the roles of", "$ANY/$SET");
}

static void put_any(FILE *out, const struct shape_filter *f)
{
	int i, n = 0;

	for (i = 0; i < NR_RULES; i++)
		n += selected(f, &rules[i]);
	if (n > 1)
		fputs("\\(", out);
	put_names(out, f, NULL, "\\|");
	if (n > 1)
		fputs("\\)", out);
}

/* Split "X, Y" at its top-level comma. */
static int split_args(const char *s, const char *end, const char **x_end,
		      const char **y)
{
	int depth = 0;
	const char *p;

	for (p = s; p < end; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if (*p == ')' || *p == ']')
			depth--;
		else if (*p == ',' && !depth) {
			*x_end = p;
			*y = p + 1;
			while (**y == ' ')
				(*y)++;
			return 1;
		}
	}
	*x_end = end;
	*y = NULL;
	return 0;
}

/* The matching ')' of the '(' at OPEN. */
static const char *closing(const char *open)
{
	int depth = 0;
	const char *p;

	for (p = open; *p; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && !--depth)
			return p;
	}
	die("unbalanced parentheses in", open);
	return NULL;
}

/*
 * Argument slots of a shape: idx and idx2 hold the template's expressions,
 * the runs between them are expression lists Lb (before the first), Lm
 * (between) and La (after; "..." when the argument count is open).
 */
static void put_args(FILE *out, const struct rule *r, int n, const char *x,
		     size_t xlen, const char *y, size_t ylen)
{
	int first = r->idx, second = y ? r->idx2 : -1;
	const char *fx = x, *fy = y;
	size_t fxl = xlen, fyl = ylen;

	if (second >= 0 && second < first) {
		first = r->idx2;
		second = r->idx;
		fx = y, fxl = ylen, fy = x, fyl = xlen;
	}
	if (first < 0)
		die("shape has no idx for", r->name);
	fprintf(out, "(Lb%d, %.*s", n, (int)fxl, fx);
	if (second >= 0)
		fprintf(out, ", Lm%d, %.*s", n, (int)fyl, fy);
	fprintf(out, r->nargs < 0 ? ", ...)" : ", La%d)", n);
}

static void put_lists(FILE *out, const struct rule *r, int n, int two)
{
	int first = r->idx, second = two ? r->idx2 : -1;

	if (second >= 0 && second < first) {
		first = r->idx2;
		second = r->idx;
	}
	fprintf(out, "expression list[%d] Lb%d;", first, n);
	if (second >= 0)
		fprintf(out, " expression list[%d] Lm%d;", second - first - 1, n);
	else
		second = first;
	if (r->nargs >= 0)
		fprintf(out, " expression list[%d] La%d;", r->nargs - second - 1, n);
}

/* NOTE: the names are triggers too (not for the filters of a report) */
static void put_list(FILE *out, const char *const *names, int n, int trigger)
{
	int i;

	for (i = 0; i < n; i++) {
		fprintf(out, "%s%s", i ? ", " : "", names[i]);
		if (trigger)
			note(names[i]);
	}
}

/* $FOLIOSINGLE: the single forms of the FOLIO_PAIR lines, once each */
static void put_folio_singles(FILE *out)
{
	int i;

	for (i = 0; i < NR_FOLIO_PAIRS; i++) {
		fprintf(out, "%s%s", i ? ", " : "", folio_pairs[i].single);
		note(folio_pairs[i].single);
	}
}

/* $FOLIOPAIRS: {"single": ("batched", mapcount), ...} for the scripts */
static void put_folio_pairs(FILE *out)
{
	int i;

	fputs("{", out);
	for (i = 0; i < NR_FOLIO_PAIRS; i++) {
		fprintf(out, "%s\"%s\": (\"%s\", %s)", i ? ", " : "",
			folio_pairs[i].single, folio_pairs[i].batched,
			folio_pairs[i].mapcount ? "True" : "False");
		note(folio_pairs[i].single);
		note(folio_pairs[i].batched);
	}
	fputs("}", out);
}

/*
 * $FOLIOBATCH(F, NR, M, P): the batched forms of the FOLIO_PAIR lines as a
 * disjunction of calls at position P, the folio F first (every form takes
 * it there), the count NR at its index, M for an argument between them.
 */
static void put_folio_batch(FILE *out, const char *args, size_t len)
{
	char f[32], nr[32], m[32], pos[32];
	int i, k, n = 0;

	if (sscanf(args, "%31[^,], %31[^,], %31[^,], %31[^)]", f, nr, m, pos) != 4 ||
	    strlen(f) + strlen(nr) + strlen(m) + strlen(pos) + 6 != len)
		die("$FOLIOBATCH takes (F, NR, M, P):", args);
	fputs("\\(", out);
	for (i = 0; i < NR_FOLIO_PAIRS; i++) {
		for (k = 0; k < i; k++)
			if (!strcmp(folio_pairs[k].batched, folio_pairs[i].batched))
				break;
		if (k < i)
			continue;
		if (folio_pairs[i].nr < 1 || folio_pairs[i].nr > 2)
			die("FOLIO_PAIR nr must be 1 or 2 for", folio_pairs[i].batched);
		note(folio_pairs[i].batched);
		fprintf(out, "%s%s@%s(%s, %s%s%s, ...)", n++ ? "\\|" : "",
			folio_pairs[i].batched, pos, f,
			folio_pairs[i].nr == 2 ? m : "",
			folio_pairs[i].nr == 2 ? ", " : "", nr);
	}
	fputs("\\)", out);
}

/* $BATCHSOURCES, $BATCHWRITES: names, each once */
static void put_batch_names(FILE *out, int writes)
{
	int i, k, n = writes ? NR_BATCH_WRITES : NR_BATCH_IGNORES;

	for (i = 0; i < n; i++) {
		const char *name = writes ? batch_writes[i].name :
					    batch_ignores[i].name;

		for (k = 0; k < i; k++)
			if (!strcmp(name, writes ? batch_writes[k].name :
						   batch_ignores[k].name))
				break;
		if (k == i) {
			fprintf(out, "%s%s", i ? ", " : "", name);
			note(name);
		}
	}
}

/* $BATCHDATA: the batch-flags lists for the scripts */
static void put_batch_data(FILE *out)
{
	static const char *const effects[] = { "respect", "merge", "ignore" };
	int i;

	fputs("{\"ignores\": {", out);
	for (i = 0; i < NR_BATCH_IGNORES; i++)
		fprintf(out, "%s(\"%s\", %d): (%d, %u)", i ? ", " : "",
			batch_ignores[i].name, batch_ignores[i].nargs,
			batch_ignores[i].flags_idx, batch_ignores[i].bits);
	fputs("}, \"flags\": {", out);
	for (i = 0; i < NR_BATCH_FLAGS; i++)
		fprintf(out, "%s(%d, \"%s\"): (\"%s\", %u)", i ? ", " : "",
			batch_flags[i].nargs, batch_flags[i].name,
			effects[batch_flags[i].effect], batch_flags[i].bits);
	fputs("}, \"outs\": {", out);
	for (i = 0; i < NR_BATCH_OUTS; i++)
		fprintf(out, "%s(%d, %d): %u", i ? ", " : "", batch_outs[i].nargs,
			batch_outs[i].idx, batch_outs[i].bits);
	fputs("}, \"writes\": {", out);
	for (i = 0; i < NR_BATCH_WRITES; i++)
		fprintf(out, "%s\"%s\": (%d, %d, %d)", i ? ", " : "",
			batch_writes[i].name, batch_writes[i].nargs,
			batch_writes[i].value_idx, batch_writes[i].nr_idx);
	fputs("}, \"merges\": {", out);
	for (i = 0; i < NR_BATCH_MERGES; i++)
		fprintf(out, "%s\"%s\": %u", i ? ", " : "",
			batch_merges[i].name, batch_merges[i].bits);
	fputs("}, \"uniforms\": {", out);
	for (i = 0; i < NR_BATCH_UNIFORMS; i++)
		fprintf(out, "%s\"%s\": %u", i ? ", " : "",
			batch_uniforms[i].name, batch_uniforms[i].bits);
	fputs("}}", out);
}

struct block {
	struct shape_filter f;
	const struct rule *shape;	/* NULL outside //$each */
	int n;
};

/* Expand the inline directives of LINE. */
static void expand(FILE *out, const char *line, const struct block *b)
{
	const char *p = line;

	while (*p) {
		const char *d = strchr(p, '$');
		struct shape_filter f = { 0, 0 };

		if (!d) {
			fputs(p, out);
			return;
		}
		fwrite(p, 1, d - p, out);
		if (!strncmp(d, "$ANY(", 5) || !strncmp(d, "$SET(", 5)) {
			const char *end = closing(d + 4), *last = end;

			if (end - d > 10 && !strncmp(end - 5, " idx2", 5)) {
				f.need_idx2 = 1;
				last = end - 5;
			}
			f.roles = roles_of(d + 5, last);
			if (d[1] == 'A')
				put_any(out, &f);
			else
				put_names(out, &f, NULL, ", ");
			p = end + 1;
			continue;
		}
		if (!strncmp(d, "$NONZERO", 8)) {
			put_list(out, nonzero, NR_NONZERO_LINES, 1);
			p = d + 8;
			continue;
		}
		if (!strncmp(d, "$BATCHTYPES", 11) || !strncmp(d, "$BATCHWORDS", 11)) {
			if (d[6] == 'T')
				put_list(out, batch_types, NR_BATCH_TYPES, 0);
			else
				put_list(out, batch_words, NR_BATCH_WORDS, 0);
			p = d + 11;
			continue;
		}
		if (!strncmp(d, "$FOLIOSINGLE", 12)) {
			put_folio_singles(out);
			p = d + 12;
			continue;
		}
		if (!strncmp(d, "$BATCHSOURCES", 13) || !strncmp(d, "$BATCHWRITES", 12)) {
			put_batch_names(out, d[6] == 'W');
			p = d + (d[6] == 'W' ? 12 : 13);
			continue;
		}
		if (!strncmp(d, "$BATCHDATA", 10)) {
			put_batch_data(out);
			p = d + 10;
			continue;
		}
		if (!strncmp(d, "$FOLIOPAIRS", 11)) {
			put_folio_pairs(out);
			p = d + 11;
			continue;
		}
		if (!strncmp(d, "$FOLIOBATCH(", 12)) {
			const char *end = closing(d + 11);

			put_folio_batch(out, d + 12, end - (d + 12));
			p = end + 1;
			continue;
		}
		if (!strncmp(d, "$GENERIC", 8) || !strncmp(d, "$PAIRS", 6)) {
			int dict = d[1] == 'P';
			size_t i;

			fputs(dict ? "{" : "", out);
			for (i = 0; i < NR_PAIRS; i++) {
				if (i && !strcmp(pairs[i - 1][0], pairs[i][0]))
					continue;
				if (dict)
					fprintf(out, "%s\"%s\": \"%s\"", i ? ", " : "",
						pairs[i][0], pairs[i][1]);
				else
					fprintf(out, "%s%s", i ? ", " : "", pairs[i][0]);
				note(pairs[i][0]);
				if (dict)
					note(pairs[i][1]);
			}
			fputs(dict ? "}" : "", out);
			p = d + (dict ? 6 : 8);
			continue;
		}
		if (!strncmp(d, "$MSG(", 5)) {
			const char *end = closing(d + 4), *t;
			size_t i;

			for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
				if (strlen(msgs[i].name) == (size_t)(end - d - 5) &&
				    !strncmp(msgs[i].name, d + 5, end - d - 5))
					break;
			if (i == sizeof(msgs) / sizeof(msgs[0]))
				die("unknown message", d);
			fputc('"', out);
			for (t = msgs[i].text; *t; t++) {
				if (*t == '"' || *t == '\\')
					fputc('\\', out);
				fputc(*t, out);
			}
			fputc('"', out);
			p = end + 1;
			continue;
		}
		if (!b->shape && (!strncmp(d, "$N", 2) || !strncmp(d, "$LISTS", 6) ||
				  !strncmp(d, "$ARGS(", 6))) {
			char word[16];

			snprintf(word, sizeof(word), "%.10s", d);
			die("directive outside //$each", word);
		}
		if (!strncmp(d, "$NAMES", 6)) {
			put_names(out, &b->f, b->shape, ", ");
			p = d + 6;
		} else if (!strncmp(d, "$LISTS", 6)) {
			put_lists(out, b->shape, b->n, b->f.need_idx2);
			p = d + 6;
		} else if (!strncmp(d, "$ARGS(", 6)) {
			const char *end = closing(d + 5), *x_end, *y;

			split_args(d + 6, end, &x_end, &y);
			if (!y != !b->f.need_idx2)
				die("$ARGS takes a second slot exactly in an idx2 block:",
				    b->shape->name);
			put_args(out, b->shape, b->n, d + 6, x_end - (d + 6), y,
				 y ? (size_t)(end - y) : 0);
			p = end + 1;
		} else if (!strncmp(d, "$N", 2)) {
			fprintf(out, "%d", b->n);
			p = d + 2;
		} else {
			fputc('$', out);
			p = d + 1;
		}
	}
}

static char **lines;
static int nr_lines;

/* the //$triggers lines, as written; //$triggers-only: no first line */
static char *trigger_lines[16];
static int nr_trigger_lines, triggers_only;

static void put_words(const char *const *names, int n, const char *before,
		      int last_word)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *w = last_word && strrchr(names[i], ' ') ?
				strrchr(names[i], ' ') + 1 : names[i];

		printf(" %s%s", before, w);
	}
}

static int nr_triggers_full(void)
{
	return nr_trigger_lines == (int)(sizeof(trigger_lines) / sizeof(trigger_lines[0]));
}

/*
 * A table list of a //$triggers line ($SET(ROLES), $GENERIC, $FOLIOSINGLE,
 * $FOLIOBATCH), as the rules write it, a name each: each must be one the
 * rules wrote, or the trigger would ask for a name no rule can match.
 */
static void put_trigger_list(const char *w)
{
	int before = nr_noted, i, k;
	char *buf = NULL, *p;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);

	if (!m)
		die("out of memory for", w);
	if (!strcmp(w, "$FOLIOBATCH")) {
		for (i = 0; i < NR_FOLIO_PAIRS; i++) {
			for (k = 0; k < i; k++)
				if (!strcmp(folio_pairs[k].batched, folio_pairs[i].batched))
					break;
			if (k == i)
				fprintf(m, "%s%s", i ? ", " : "", folio_pairs[i].batched);
			note(folio_pairs[i].batched);
		}
	} else if (!strncmp(w, "$SET(", 5) || !strcmp(w, "$GENERIC") ||
		   !strcmp(w, "$FOLIOSINGLE")) {
		expand(m, w, NULL);
	} else {
		die("not a trigger word:", w);
	}
	fclose(m);
	if (nr_noted != before)
		die("a trigger the rules do not write:", noted[before]);
	for (p = strtok(buf, ", "); p; p = strtok(NULL, ", "))
		printf(" %s", p);
	free(buf);
}

/*
 * The "// Triggers:" lines, after the rules: the noted names and the
 * check's macros (unless //$triggers-only), then each //$triggers line
 * expanded.
 */
static void put_triggers(void)
{
	const char *base = strrchr(template_path, '/');
	size_t len;
	int i, n = 0;

	base = base ? base + 1 : template_path;
	len = strcspn(base, ".");
	if (triggers_only && !nr_trigger_lines)
		die("//$triggers-only without", "//$triggers");
	for (i = 0; i < nr_noted && !triggers_only; i++)
		printf("%s %s", n++ ? "" : "// Triggers:", noted[i]);
	for (i = 0; i < NR_CHECKED_MACROS; i++)
		if (strlen(checked_macros[i].check) == len &&
		    !strncmp(checked_macros[i].check, base, len)) {
			if (triggers_only)
				die("//$triggers-only would drop the macros of", base);
			printf("%s %s*", n++ ? "" : "// Triggers:",
			       checked_macros[i].prefix);
		}
	if (n)
		putchar('\n');
	for (i = 0; i < nr_trigger_lines; i++) {
		char *copy = strdup(trigger_lines[i]), *save = NULL, *w;

		fputs("// Triggers:", stdout);
		for (w = strtok_r(copy, " \t\n", &save); w;
		     w = strtok_r(NULL, " \t\n", &save)) {
			if (!strcmp(w, "$NONZERO"))
				put_words(nonzero, NR_NONZERO_LINES, "", 0);
			else if (!strcmp(w, "$BATCHTYPES"))
				put_words(batch_types, NR_BATCH_TYPES, "", 1);
			else if (!strcmp(w, "$BATCHWORDS"))
				put_words(batch_words, NR_BATCH_WORDS, "*", 0);
			else if (w[0] == '$')
				put_trigger_list(w);
			else
				printf(" %s", w);
		}
		putchar('\n');
		free(copy);
	}
}

/* " disable a, b" for the rule headers, from the //$isos line */
static char *isos_off;

static void set_isos(const char *list)
{
	char used[NR_ISOS] = { 0 };
	size_t i, size;
	int n = 0;
	FILE *m;

	if (isos_off)
		die("a second", "//$isos");
	while (*(list += strspn(list, " \t\n"))) {
		size_t len = strcspn(list, " \t\n");

		for (i = 0; i < NR_ISOS; i++)
			if (strlen(standard_isos[i]) == len &&
			    !strncmp(standard_isos[i], list, len))
				break;
		if (i == NR_ISOS) {
			char name[64];

			snprintf(name, sizeof(name), "%.*s", (int)len, list);
			die("not an isomorphism of cocci/isos.def:", name);
		}
		used[i] = 1;
		list += len;
	}
	m = open_memstream(&isos_off, &size);
	if (!m)
		die("out of memory in", "//$isos");
	fputs(" disable", m);
	for (i = 0; i < NR_ISOS; i++)
		if (!used[i])
			fprintf(m, "%s %s", n++ ? "," : "", standard_isos[i]);
	fclose(m);
}

/*
 * Expand LINE; a rule header ("@name ...@": not "@@", not a script's
 * "@script:python ...@") also gets isos_off, before its exists/forall.
 */
static void put_line(FILE *out, const char *line, const struct block *b)
{
	char *buf = NULL, *at;
	size_t len = 0, tail = 1;
	FILE *m;

	if (!isos_off || line[0] != '@' || line[1] == '@') {
		expand(out, line, b);
		return;
	}
	m = open_memstream(&buf, &len);
	if (!m)
		die("out of memory at", line);
	expand(m, line, b);
	fclose(m);
	at = len > 2 ? buf + len - 2 : buf;
	if (strchr(buf, ':') || strcmp(at, "@\n")) {
		fputs(buf, out);
		free(buf);
		return;
	}
	if (at - buf > 7 && (!strncmp(at - 7, " exists", 7) ||
			     !strncmp(at - 7, " forall", 7)))
		tail += 7;
	fprintf(out, "%.*s%s%s", (int)(at + 1 - tail - buf), buf, isos_off,
		at + 1 - tail);
	free(buf);
}

static void read_template(const char *path)
{
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int max = 0;

	if (!in)
		die("cannot read", path);
	while (getline(&line, &cap, in) > 0) {
		if (nr_lines == max) {
			max = max ? 2 * max : 256;
			lines = realloc(lines, max * sizeof(*lines));
			if (!lines)
				die("out of memory reading", path);
		}
		lines[nr_lines++] = strdup(line);
	}
	free(line);
	fclose(in);
}

/*
 * Shape numbers are unique in the file, and the same for blocks with the
 * same selection: a rule's metavariable declarations and its pattern are
 * two blocks over the same shapes.
 */
static int shape_base(const struct shape_filter *f, int count)
{
	static struct shape_filter seen[64];
	static int base[64], nr_seen, next;
	int i;

	for (i = 0; i < nr_seen; i++)
		if (seen[i].roles == f->roles && seen[i].need_idx2 == f->need_idx2)
			return base[i];
	if (nr_seen == 64)
		die("too many //$each selections in", template_path);
	seen[nr_seen] = *f;
	base[nr_seen++] = next;
	next += count;
	return next - count;
}

/* Lines FROM..TO (exclusive) once per shape of B's selection. */
static void each(FILE *out, struct block *b, int from, int to, int bar)
{
	int i, l, n = 0, count = 0, base;

	for (i = 0; i < NR_RULES; i++)
		count += selected(&b->f, &rules[i]);
	base = shape_base(&b->f, count);

	for (i = 0; i < NR_RULES; i++) {
		int j, seen = 0;

		if (!selected(&b->f, &rules[i]))
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = selected(&b->f, &rules[j]) &&
			       same_shape(&rules[j], &rules[i]);
		if (seen)
			continue;
		b->shape = &rules[i];
		b->n = base + n++;
		if (bar && (n > 1 || from < 2 ||
			    strcmp(lines[from - 2], "(\n")))
			fputs("|\n", out);
		for (l = from; l < to; l++) {
			lineno = l + 1;
			put_line(out, lines[l], b);
		}
	}
	if (!n)
		die("no helper has the roles of this block", lines[from - 1]);
}

int main(int argc, char **argv)
{
	int l;

	if (argc != 2) {
		fputs("usage: rulegen TEMPLATE\n", stderr);
		return 2;
	}
	template_path = argv[1];
	read_template(argv[1]);
	for (l = 0; l < nr_lines; l++) {
		struct block b = { { 0, 0 }, NULL, 0 };
		const char *p = lines[l], *end;
		int bar, to;

		lineno = l + 1;
		if (!strncmp(p, "//$isos", 7)) {
			set_isos(p + 7);
			continue;
		}
		if (!strncmp(p, "//$triggers-only", 16)) {
			triggers_only = 1;
			continue;
		}
		if (!strncmp(p, "//$triggers", 11)) {
			if (nr_triggers_full())
				die("too many", "//$triggers");
			trigger_lines[nr_trigger_lines++] = strdup(p + 11);
			continue;
		}
		if (strncmp(p, "//$each", 7)) {
			if (!strncmp(p, "//$end", 6))
				die("//$end without", "//$each");
			put_line(stdout, p, &b);
			continue;
		}
		p += 7;
		bar = *p == '|';
		p += bar;
		while (*p == ' ')
			p++;
		end = p + strcspn(p, " \n");
		b.f.roles = roles_of(p, end);
		b.f.need_idx2 = !strncmp(end, " idx2", 5);
		for (to = l + 1; to < nr_lines && strncmp(lines[to], "//$end", 6); to++)
			if (!strncmp(lines[to], "//$each", 7))
				die("nested", "//$each");
		if (to == nr_lines)
			die("//$each without", "//$end");
		each(stdout, &b, l + 1, to, bar);
		l = to;
	}
	put_triggers();
	return fflush(stdout) ? 2 : 0;
}
