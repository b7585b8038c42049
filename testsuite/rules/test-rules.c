// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-rules - the rule table (include/rules.def) drives both engines.
 *
 *  1. The table itself (as GCC's function-set.cc self-tests do): sorted by
 *     name then argument count, unique, indexes in range.
 *  2. The Coccinelle templates (cocci/X.cocci.in) name no helper of the
 *     table outside comments and strings: the names come from the table.
 *  3. Every regular expression in a template means the same to spatch
 *     1.1 (PCRE) and 1.3 (OCaml Str).
 *  4. For every table line, a generated case that must be flagged and one
 *     that must be left alone, run through each engine by the CLI: a helper
 *     that one engine does not see, or reads at the wrong argument, fails.
 *     The cases declare the helpers without prototypes, so a new table line
 *     needs nothing else (no declaration in a test header).  The rules
 *     run again with kcheck's prefilter (--prefilter, the "// Triggers:"
 *     lines): the same findings.
 *  5. The isomorphisms each rule disables (all of cocci/isos.def but the
 *     template's //$isos line) change nothing: spatch --parse-cocci prints
 *     the same rules with and without the disable clauses; disabling one
 *     more that a template relies on does change them; and cocci/isos.def
 *     is the installed standard.iso's list.
 *
 * usage: test-rules TOP   (the built source tree)
 * Closing line: "N passed, N failed".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "../../include/rule-table.h"


/* generated cases of those lines, as pseudo roles after roles.def's */
#define ROLE_NONZERO	PB_NR_ROLES
#define ROLE_PAIR	(PB_NR_ROLES + 1)

static const char *role_name(int role)
{
	return role == ROLE_NONZERO ? "nr-nonzero" :
	       role == ROLE_PAIR ? "hugetlb-pair" : role_names[role];
}

static int passed, failed, skipped;

static void expect(int cond, const char *what, const char *name)
{
	if (cond) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: %s\n", what, name);
}

/* roles whose idx2 is an argument index (roles.def says which) */
static int takes_idx2(int role)
{
	return roles[role].idx2 == 1;
}

/* roles whose idx2, when set, is the address of the nr PTEs */
static int may_take_idx2(int role)
{
	return roles[role].idx2 == 2;
}

static void test_table(void)
{
	int i, rest;

	for (i = 0; i < NR_RULES; i++) {
		const struct rule *r = &rules[i];

		if (i) {
			int c = strcmp(rules[i - 1].name, r->name);

			expect(c < 0 || (c == 0 && rules[i - 1].nargs < r->nargs),
			       "sorted and unique", r->name);
		}
		expect(r->role > PB_NONE && r->role < PB_NR_ROLES, "role", r->name);
		expect(r->idx < r->nargs || r->nargs < 0, "idx in range", r->name);
		expect(takes_idx2(r->role) || (may_take_idx2(r->role) && r->idx2 >= 0) ?
		       r->idx2 >= 0 && (r->idx2 < r->nargs || r->nargs < 0) :
		       r->idx2 == -1,
		       "idx2 in range", r->name);
		expect((r->role == PB_FOLIO_SIZE || r->role == PB_RSS_INDEX ||
			r->role == PB_FOLIO_ORDER) ==
		       (r->idx == -1), "idx set iff the role takes an argument", r->name);
	}
	/*
	 * The RULE helpers first, sorted; then the others, sorted: arch
	 * back-ends (__name of a RULE helper) and helpers no role describes.
	 */
	for (i = 0, rest = 0; i < NR_NONZERO_LINES; i++) {
		int j, found = 0;

		for (j = 0; j < NR_RULES; j++)
			if (!strcmp(rules[j].name, nonzero[i]))
				found |= roles[rules[j].role].count;
		if (i && found == !rest)
			expect(strcmp(nonzero[i - 1], nonzero[i]) < 0,
			       "NR_NONZERO sorted and unique", nonzero[i]);
		expect(found || i, "NR_NONZERO starts with a RULE line with an nr", nonzero[i]);
		expect(!found || !rest, "NR_NONZERO's RULE helpers come first", nonzero[i]);
		rest |= !found;
	}
	/* spelled as both engines compare them: "name_t" or "struct tag" */
	for (i = 0; i < NR_BATCH_TYPES; i++) {
		const char *t = batch_types[i];
		size_t len = strlen(t);

		if (i)
			expect(strcmp(batch_types[i - 1], t) < 0,
			       "NR_BATCH_TYPE sorted and unique", t);
		expect(strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789_") == len ?
		       len > 2 && !strcmp(t + len - 2, "_t") :
		       !strncmp(t, "struct ", 7) && !strchr(t + 7, ' '),
		       "NR_BATCH_TYPE is a typedef name_t or struct tag", t);
	}
	/* walk-stride: as NR_BATCH_TYPE, typedef names of entries */
	for (i = 0; i < NR_WALK_TYPES; i++) {
		if (i)
			expect(strcmp(walk_types[i - 1], walk_types[i]) < 0,
			       "WALK_TYPE sorted and unique", walk_types[i]);
		expect(strlen(walk_types[i]) > 2 &&
		       !strcmp(walk_types[i] + strlen(walk_types[i]) - 2, "_t"),
		       "WALK_TYPE is a typedef name_t", walk_types[i]);
	}
	for (i = 0; i < NR_BATCH_WORDS; i++) {
		if (i)
			expect(strcmp(batch_words[i - 1], batch_words[i]) < 0,
			       "NR_BATCH_WORD sorted and unique", batch_words[i]);
		expect(strspn(batch_words[i], "abcdefghijklmnopqrstuvwxyz") ==
		       strlen(batch_words[i]) && batch_words[i][0],
		       "NR_BATCH_WORD is a lower-case word", batch_words[i]);
	}
	for (i = 0; i < NR_PAIRS; i++) {
		if (i)
			expect(strcmp(pairs[i - 1][0], pairs[i][0]) < 0,
			       "HUGETLB_PAIR sorted by the generic accessor, unique",
			       pairs[i][0]);
		expect(strcmp(pairs[i][0], pairs[i][1]) != 0 &&
		       strstr(pairs[i][1], "huge") != NULL,
		       "HUGETLB_PAIR pairs a generic with a hugetlb accessor",
		       pairs[i][0]);
	}
	/* the rule's $FOLIOBATCH writes the folio first and nr second or
	 * third; a batched form of the rule table has nr where its line says */
	for (i = 0; i < NR_FOLIO_PAIRS; i++) {
		const struct folio_pair *p = &folio_pairs[i];
		int k;

		if (i)
			expect(strcmp(folio_pairs[i - 1].single, p->single) < 0,
			       "FOLIO_PAIR sorted by the single form, unique",
			       p->single);
		expect(strcmp(p->single, p->batched) != 0 &&
		       (p->nr == 1 || p->nr == 2),
		       "FOLIO_PAIR pairs two forms, nr second or third", p->single);
		for (k = 0; k < NR_RULES; k++)
			if (!strcmp(rules[k].name, p->batched))
				expect(rules[k].idx == p->nr,
				       "FOLIO_PAIR's nr is the rule table's idx",
				       p->batched);
	}
}

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "r");
	char *buf;
	long n;

	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	n = ftell(in);
	rewind(in);
	buf = calloc(1, n + 1);
	if (buf && fread(buf, 1, n, in) != (size_t)n)
		buf[0] = 0;
	fclose(in);
	return buf;
}

static int word_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Blank out // and # comment lines and "..." strings: prose may name helpers. */
static void code_only(char *text)
{
	char *p = text;
	int bol = 1;

	while (*p) {
		if (bol) {
			char *q = p;

			while (*q == ' ' || *q == '\t')
				q++;
			if ((q[0] == '/' && q[1] == '/') || q[0] == '#')
				while (*q && *q != '\n')
					*q++ = ' ';
			p = q;
		}
		bol = *p == '\n';
		if (*p == '"') {
			for (p++; *p && *p != '"' && *p != '\n'; p++)
				*p = ' ';
		}
		if (*p)
			p++;
	}
}

static void test_templates(const char *top)
{
	char dir[4096];
	struct dirent *d;
	DIR *dp;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s/cocci", top);
	dp = opendir(dir);
	expect(dp != NULL, "cocci templates readable", dir);
	while (dp && (d = readdir(dp))) {
		size_t len = strlen(d->d_name);
		char path[4096 + 256], what[512], *text;
		int i;

		if (len < 9 || strcmp(d->d_name + len - 9, ".cocci.in"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		text = slurp(path);
		if (!text)
			continue;
		n++;
		code_only(text);
		for (i = 0; i < NR_RULES; i++) {
			const char *p;
			size_t nl = strlen(rules[i].name);
			int named = 0;

			if (i && !strcmp(rules[i - 1].name, rules[i].name))
				continue;
			for (p = text; !named && (p = strstr(p, rules[i].name)); p += nl)
				named = (p == text || !word_char(p[-1])) &&
					!word_char(p[nl]);
			snprintf(what, sizeof(what),
				 "cocci/%s names %s by hand (take it from the table)",
				 d->d_name, rules[i].name);
			expect(!named, what, rules[i].name);
		}
		for (i = 0; i < 2 * NR_PAIRS; i++) {
			const char *name = pairs[i / 2][i % 2], *p;
			size_t nl = strlen(name);
			int named = 0;

			for (p = text; !named && (p = strstr(p, name)); p += nl)
				named = (p == text || !word_char(p[-1])) &&
					!word_char(p[nl]);
			snprintf(what, sizeof(what),
				 "cocci/%s names %s by hand (take it from the table)",
				 d->d_name, name);
			expect(!named, what, name);
		}
		free(text);
	}
	if (dp)
		closedir(dp);
	expect(n > 0, "cocci templates found", dir);
}

/* --- generated cases ------------------------------------------------- */

/* The check that looks at each role, and whether the cocci rule does. */
static const char *check_of(int role)
{
	if (role == ROLE_PAIR)
		return "hugetlb-pte";
	if (role == ROLE_NONZERO)
		return "nr-zero";
	return role > PB_NONE && role < PB_NR_ROLES ? roles[role].check : NULL;
}

/* The first table line of ROLE (with an idx2 if NEED2): a helper to call. */
static const struct rule *first_of(int role, int need2)
{
	int i;

	for (i = 0; i < NR_RULES; i++)
		if (rules[i].role == role && (!need2 || rules[i].idx2 >= 0))
			return &rules[i];
	return NULL;
}

/* NAME(0, ..., X at idx, ..., Y at idx2, ...) */
static void put_call(FILE *out, const struct rule *r, const char *x,
		     const char *y)
{
	int n = r->nargs, i;

	if (n < 0)
		n = (r->idx > r->idx2 ? r->idx : r->idx2) + 1;
	fprintf(out, "%s(", r->name);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ", " : "",
			i == r->idx && x ? x : i == r->idx2 && y ? y : "0");
	fputc(')', out);
}

static void declare(FILE *out, const struct rule *r)
{
	if (r)
		fprintf(out, "extern long %s();\n", r->name);
}

static const char preamble[] =
	"/* generated by testsuite/rules/test-rules.c */\n"
	"#define PAGE_SHIFT 12\n"
	"#define PAGE_SIZE (1UL << PAGE_SHIFT)\n"
	"#define PMD_SHIFT 21\n"
	"#define PMD_SIZE (1UL << PMD_SHIFT)\n"
	"#define PMD_MASK (~(PMD_SIZE - 1))\n"
	"#define pmd_addr_end(addr, end) ({ \\\n"
	"	unsigned long __boundary = ((addr) + PMD_SIZE) & PMD_MASK; \\\n"
	"	(__boundary - 1 < (end) - 1) ? __boundary : (end); })\n"
	"enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES };\n"
	"struct vm_area_struct { unsigned long vm_start, vm_end; };\n";

#define PARAMS "struct vm_area_struct *vma, unsigned long addr, void *folio, unsigned int n, long *rss"

/*
 * The body of a case for R: FLAG, its marked line must be flagged; else
 * nothing in it may be.  Returns -1 when the role has no cases.
 */
static int write_body(FILE *out, const struct rule *r, int flag)
{
	const struct rule *fs = first_of(PB_FOLIO_SIZE, 0);
	const struct rule *src = first_of(PB_BATCH_SOURCE, 0);
	const struct rule *clear = first_of(PB_CLEAR_BATCH, 1);
	const struct rule *batched = first_of(PB_BATCHED, 0);
	const struct rule *create = first_of(PB_CREATE, 0);
	const struct rule *page = first_of(PB_FLUSH_PAGE, 0);
	const char *mark = flag ? "; /* MARK */\n" : ";\n";
	const char *nr = flag ? "n" : "1";
	char size[128], end[64];

	snprintf(size, sizeof(size), "%s(folio)", fs->name);
	fprintf(out, "long %s(" PARAMS ")\n{\n", flag ? "flagged" : "left_alone");
	switch (r->role) {
	case PB_BATCH_SOURCE:
		/* the folio's size is no bound; the page table's and VMA's end is */
		fputs("\tunsigned long end = pmd_addr_end(addr, vma->vm_end);\n\n\treturn ", out);
		put_call(out, r, flag ? size : "(end - addr) >> PAGE_SHIFT", NULL);
		fputs(mark, out);
		fputs("}\n", out);
		return 0;
	case PB_VMA_RANGE:
		/*
		 * A range_in_vma() test bounds the limit it tests by the VMA
		 * (the page table bounds it already); it launders no other
		 * value, such as the folio's size.
		 */
		fputs("\tunsigned long end = pmd_addr_end(addr, addr + n * PAGE_SIZE);\n\n\tif (!", out);
		put_call(out, r, "end", "addr");
		fputs(")\n\t\treturn 0;\n\treturn ", out);
		put_call(out, src, flag ? size : "(end - addr) >> PAGE_SHIFT", NULL);
		fputs(mark, out);
		fputs("}\n", out);
		return 0;
	case PB_BATCHED: case PB_CLEAR_BATCH: case PB_UNMAP:
	case PB_SWAP_BATCHED:
		/* the folio's size is no batch count; a batch source's result is */
		fputs("\tunsigned int nr = ", out);
		if (flag)
			fputs(size, out);
		else
			put_call(out, src, "1", NULL);
		fputs(";\n\n\t", out);
		put_call(out, r, "nr", "addr");
		break;
	case PB_CREATE:
		/* a fresh mapping takes the folio's size; a count by hand is wrong */
		fputs("\tunsigned long end = pmd_addr_end(addr, vma->vm_end);\n", out);
		fprintf(out, "\tunsigned int nr = %s;\n\n\t", flag ?
			"(end - addr) >> PAGE_SHIFT" : size);
		put_call(out, r, "nr", NULL);
		break;
	case PB_FOLIO_ORDER:
	case PB_FOLIO_SIZE:
		/* a batched helper's nr, or a fresh mapping's */
		snprintf(size, sizeof(size), r->role == PB_FOLIO_ORDER ?
			 "1 << %s(folio)" : "%s(folio)", r->name);
		/* spatch follows a shifted order through a variable only */
		if (r->role == PB_FOLIO_ORDER)
			fprintf(out, "\tunsigned long nr = %s;\n\n", size);
		fputs("\t", out);
		put_call(out, flag ? batched : create,
			 r->role == PB_FOLIO_ORDER ? "nr" : size, NULL);
		break;
	case PB_FLUSH_RANGE: case PB_FLUSH_SIZE: case PB_FLUSH_PAGE:
		/* one page after a batched clear; the batch's range, or a clear of 1 */
		fputs("\t", out);
		put_call(out, clear, r->role == PB_FLUSH_PAGE ? nr : "n", "addr");
		fputs(";\n\t", out);
		snprintf(end, sizeof(end), "%s%s", r->role == PB_FLUSH_RANGE ?
			 "addr + " : "", flag ? "PAGE_SIZE" : "n * PAGE_SIZE");
		put_call(out, r, "addr", r->role == PB_FLUSH_PAGE ? NULL : end);
		break;
	case PB_CLEAR_ONE:
		/* a single clear before the batch changes nothing; after it, the
		 * one-page flush is the single entry's */
		fputs("\t", out);
		if (flag) {
			put_call(out, r, "addr", NULL);
			fputs(";\n\t", out);
		}
		put_call(out, clear, "n", "addr");
		fputs(";\n\t", out);
		if (!flag) {
			put_call(out, r, "addr", NULL);
			fputs(";\n\t", out);
		}
		put_call(out, page, "addr", NULL);
		break;
	case PB_COUNTER_ONE: case PB_COUNTER_ADD:
		/* by one after a batched clear; by nr, or after a clear of 1 */
		fputs("\t", out);
		put_call(out, clear, nr, "addr");
		fputs(";\n\t", out);
		put_call(out, r, "MM_ANONPAGES", flag ? "-1" : "-(long)n");
		break;
	case PB_RSS_INDEX: case PB_RSS_VEC:
		/* an rss vector element by one after a batched clear; by nr */
		fputs("\t", out);
		put_call(out, clear, "n", "addr");
		fputs(";\n\t", out);
		if (r->role == PB_RSS_INDEX)
			fprintf(out, "rss[%s(folio)]", r->name);
		else
			fputs("rss[MM_ANONPAGES]", out);
		fputs(flag ? "--" : " -= n", out);
		if (r->role == PB_RSS_VEC) {
			fputs(mark, out);
			fputs("\t", out);
			put_call(out, r, "rss", NULL);
			mark = ";\n";
		}
		break;
	case PB_HUGETLB_TEST: case ROLE_PAIR: {
		/* a generic accessor under the hugetlb test; outside it */
		const struct rule *test = r->role == PB_HUGETLB_TEST ? r :
					  first_of(PB_HUGETLB_TEST, 0);
		const char *generic = r->role == ROLE_PAIR ? r->name : pairs[0][0];

		if (flag) {
			fputs("\tif (", out);
			put_call(out, test, "folio", NULL);
			fputs(")\n\t\t", out);
		}
		fprintf(out, "%s(folio)", generic);
		break;
	}
	case ROLE_NONZERO:
		/* a run that may be empty; given only when it is not */
		fputs("\tunsigned int nr = 0;\n\n\twhile (nr < n && rss[nr])\n\t\tnr++;\n\t", out);
		if (!flag)
			fputs("if (nr)\n\t\t", out);
		put_call(out, r, "nr", "addr");
		break;
	default:
		return -1;
	}
	fputs(mark, out);
	fputs("\treturn 0;\n}\n", out);
	return 0;
}

struct gen_case {
	const struct rule *r;
	char path[4096];
	int mark;		/* the line that must be flagged */
	int clean_from;		/* the first line of left_alone() */
};

static int write_case(struct gen_case *c, const char *dir, const struct rule *r)
{
	FILE *out;
	char line[512];
	int n = 0;

	c->r = r;
	snprintf(c->path, sizeof(c->path), "%s/%s.%d.%s.c", dir, c->r->name,
		 c->r->nargs, role_name(c->r->role));
	out = fopen(c->path, "w");
	if (!out)
		return -1;
	fputs(preamble, out);
	declare(out, c->r);
	declare(out, first_of(PB_FOLIO_SIZE, 0));
	declare(out, first_of(PB_BATCH_SOURCE, 0));
	declare(out, first_of(PB_CLEAR_BATCH, 1));
	declare(out, first_of(PB_BATCHED, 0));
	declare(out, first_of(PB_CREATE, 0));
	declare(out, first_of(PB_FLUSH_PAGE, 0));
	declare(out, first_of(PB_HUGETLB_TEST, 0));
	if (c->r->role == PB_HUGETLB_TEST)
		fprintf(out, "extern long %s();\n", pairs[0][0]);
	fputc('\n', out);
	if (write_body(out, c->r, 1) < 0) {
		fclose(out);
		unlink(c->path);
		return -1;
	}
	fputc('\n', out);
	write_body(out, c->r, 0);
	fclose(out);
	out = fopen(c->path, "r");
	c->mark = c->clean_from = 0;
	while (out && fgets(line, sizeof(line), out)) {
		n++;
		if (strstr(line, "/* MARK */"))
			c->mark = n;
		if (!strncmp(line, "long left_alone(", 16))
			c->clean_from = n;
	}
	if (out)
		fclose(out);
	return 0;
}

/* Findings of ENGINE for CHECK on the cases, as "PATH:LINE" lines. */
static char *run_engine(const char *top, const char *engine, const char *check,
			struct gen_case *cases, int n, const char *dir, int prefilter)
{
	char out[4096 + 64], *cmd, *text;
	size_t len = 8192;
	int i, status;

	for (i = 0; i < n; i++)
		len += strlen(cases[i].path) + 4;
	cmd = malloc(len);
	snprintf(out, sizeof(out), "%s/%s.%s%s.out", dir, engine, check,
		 prefilter ? ".prefilter" : "");
	snprintf(cmd, len, "'%s/tools/ptebatch' check --engine=%s --checks=%s%s",
		 top, engine, check, prefilter ? " --prefilter" : "");
	for (i = 0; i < n; i++)
		if (!strcmp(check_of(cases[i].r->role), check)) {
			strcat(cmd, " '");
			strcat(cmd, cases[i].path);
			strcat(cmd, "'");
		}
	/* the kernel's dialect: before C23, () declares no prototype */
	strcat(cmd, " -- -std=gnu11 >'");
	strcat(cmd, out);
	strcat(cmd, "' 2>&1");
	status = system(cmd);
	free(cmd);
	text = slurp(out);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1) {
		char what[256];

		snprintf(what, sizeof(what), "%s engine runs on the %s cases", engine, check);
		expect(0, what, text ? text : "(no output)");
		free(text);
		return NULL;
	}
	return text;
}

/* Lines of PATH that TEXT has a [ptebatch-CHECK] finding on, as a list. */
static int findings_on(const char *text, const char *path, const char *check,
		       int *lines, int max)
{
	size_t pl = strlen(path);
	const char *p;
	char tag[64];
	int n = 0;

	snprintf(tag, sizeof(tag), "[ptebatch-%s]", check);
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *eol = strchr(p, '\n');
		const char *t = strstr(p, tag);

		if (!strncmp(p, path, pl) && p[pl] == ':' && t && (!eol || t < eol) &&
		    n < max)
			lines[n++] = atoi(p + pl + 1);
	}
	return n;
}

static void test_cases(const char *top)
{
	static const char *const engines[] = { "plugin", "cocci" };
	static const char *const checks[] = {
		"batch-bounds", "nr-provenance", "tlb-range", "rss-count",
		"nr-zero", "hugetlb-pte",
	};
	static struct rule extra[NR_NONZERO_LINES + NR_PAIRS];
	char dir[] = "/tmp/ptebatch-rules.XXXXXX", cmd[256];
	struct gen_case cases[NR_RULES + NR_NONZERO_LINES + NR_PAIRS];
	int n = 0, i, e, k, j;

	if (!mkdtemp(dir)) {
		expect(0, "temporary directory", dir);
		return;
	}
	for (i = 0; i < NR_RULES; i++) {
		char what[256];

		snprintf(what, sizeof(what), "role %s has generated cases",
			 role_names[rules[i].role]);
		if (!check_of(rules[i].role) ||
		    write_case(&cases[n], dir, &rules[i]) < 0) {
			expect(0, what, rules[i].name);
			continue;
		}
		n++;
	}
	/* a NR_NONZERO line's helper at its RULE line's shape; a pair's generic */
	for (i = 0; i < NR_NONZERO_LINES + NR_PAIRS; i++) {
		struct rule *x = &extra[i];

		if (i < NR_NONZERO_LINES) {
			for (j = 0; j < NR_RULES && strcmp(rules[j].name, nonzero[i]); j++)
				;
			if (j == NR_RULES)	/* an arch back-end: no calls checked */
				continue;
			*x = rules[j];
			x->role = ROLE_NONZERO;
		} else {
			x->name = pairs[i - NR_NONZERO_LINES][0];
			x->role = ROLE_PAIR;
			x->nargs = 1;
			x->idx = x->idx2 = -1;
		}
		expect(write_case(&cases[n], dir, x) == 0, "generated case", x->name);
		n++;
	}
	for (e = 0; e < 2; e++) {
		for (k = 0; k < (int)(sizeof(checks) / sizeof(checks[0])); k++) {
			char rule[4096 + 64], *text;

			/* a plugin-only check has no rule (cocci/ID.cocci) */
			snprintf(rule, sizeof(rule), "%s/cocci/%s.cocci", top, checks[k]);
			for (j = strlen(top) + 7; rule[j]; j++)
				if (rule[j] == '-')
					rule[j] = '_';
			if (e == 1 && access(rule, R_OK))
				continue;
			text = run_engine(top, engines[e], checks[k], cases, n, dir, 0);
			if (!text)
				continue;
			/*
			 * The prefilter (kcheck's) starts a rule only on a file
			 * that names its "// Triggers:" words: it must drop
			 * no finding, here of every table line's cases.
			 */
			if (e == 1) {
				char *pf = run_engine(top, engines[e], checks[k], cases, n, dir, 1);
				char what[256];

				snprintf(what, sizeof(what),
					 "[cocci] %s: the same findings with --prefilter", checks[k]);
				expect(pf && !strcmp(pf, text), what, pf ? pf : "(no output)");
				free(pf);
			}
			for (i = 0; i < n; i++) {
				const struct gen_case *c = &cases[i];
				int lines[16], m, j, flagged = 0, extra = 0;
				char what[512];

				if (strcmp(check_of(c->r->role), checks[k]))
					continue;
				m = findings_on(text, c->path, checks[k], lines, 16);
				for (j = 0; j < m; j++) {
					if (lines[j] == c->mark)
						flagged = 1;
					else
						extra = lines[j];
				}
				snprintf(what, sizeof(what),
					 "%s/%d (%s) [%s]: %s not flagged on line %d of the generated case",
					 c->r->name, c->r->nargs, role_name(c->r->role),
					 engines[e], checks[k], c->mark);
				expect(flagged, what, c->path);
				snprintf(what, sizeof(what),
					 "%s/%d (%s) [%s]: %s on line %d of the generated case, which must be left alone from line %d",
					 c->r->name, c->r->nargs, role_name(c->r->role),
					 engines[e], checks[k], extra, c->clean_from);
				expect(!extra, what, c->path);
			}
			free(text);
		}
	}
	if (!failed) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			printf("cannot remove %s\n", dir);
	} else {
		printf("generated cases kept in %s\n", dir);
	}
}

/*
 * Every regular expression in a rule reads the same to both regexp
 * syntaxes spatch may be built with (PCRE, as Debian 12's 1.1.1; OCaml Str,
 * as Debian 13's 1.3), so a rule cannot silently match nothing: grouping,
 * alternation and the repetition and escape characters are where they part
 * (Str groups with \\( \\| \\) and has no {m,n}).  An identifier set
 * (identifier x = {a, b};) says the rest.
 */
static void test_portable_regexps(const char *top)
{
	char dir[4096];
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "%s/cocci", top);
	d = opendir(dir);
	expect(d != NULL, "cocci directory readable", dir);
	while (d && (e = readdir(d))) {
		char path[8192], *text, *p;
		size_t len = strlen(e->d_name);

		if (len < 9 || strcmp(e->d_name + len - 9, ".cocci.in"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		text = slurp(path);
		if (!text)
			continue;
		for (p = text; (p = strstr(p, "~ \"")); ) {
			char *end = strchr(p + 3, '"');
			size_t bad;

			if (!end)
				break;
			*end = '\0';
			bad = strcspn(p + 3, "()|?{}\\");
			expect(p[3 + bad] == '\0',
			       "regexp means the same to PCRE and Str (use an identifier set)",
			       e->d_name);
			p = end + 1;
		}
		free(text);
	}
	if (d)
		closedir(d);
}

/* --- isomorphisms ---------------------------------------------------- */

static const char *const isos[] = {
#define ISO(name) #name,
#include "../../cocci/isos.def"
#undef ISO
};
#define NR_ISOS (sizeof(isos) / sizeof(isos[0]))

/* What spatch --parse-cocci prints for RULES (NULL if it failed). */
static char *parse_cocci(const char *rules, const char *dir)
{
	char cmd[16384], out[4096 + 16];
	int status;

	snprintf(out, sizeof(out), "%s/parse.out", dir);
	snprintf(cmd, sizeof(cmd), "spatch --very-quiet -D report --parse-cocci '%s' >'%s' 2>&1",
		 rules, out);
	status = system(cmd);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return NULL;
	return slurp(out);
}

/*
 * TEXT with every rule header's " disable ..." clause replaced by EXTRA
 * (" disable NAME" or ""), written to PATH.  A rule header is a line
 * "@name ...@", not "@@" and not a script's "@script:python ...@".
 */
static int rewrite_headers(const char *text, const char *extra, const char *path)
{
	FILE *out = fopen(path, "w");
	const char *l, *nl;

	if (!out)
		return -1;
	for (l = text; *l; l = nl) {
		const char *tail, *d;
		size_t len;

		nl = strchr(l, '\n');
		nl = nl ? nl + 1 : l + strlen(l);
		len = nl - l;
		if (*l != '@' || l[1] == '@' || memchr(l, ':', len) ||
		    len < 3 || l[len - 2] != '@') {
			fwrite(l, 1, len, out);
			continue;
		}
		tail = l + len - 2;		/* "@\n" */
		if (len > 10 && (!strncmp(tail - 7, " exists", 7) ||
				 !strncmp(tail - 7, " forall", 7)))
			tail -= 7;
		d = strstr(l, " disable ");
		if (!d || d > tail)
			d = tail;
		fwrite(l, 1, d - l, out);
		fputs(extra, out);
		fwrite(tail, 1, nl - tail, out);
	}
	return fclose(out);
}

/* The first name of the //$isos line of TEMPLATE, into NAME. */
static int first_kept_iso(const char *template, char *name, size_t size)
{
	char *text = slurp(template), *p = text ? strstr(text, "\n//$isos ") : NULL;
	int ok = p && sscanf(p + 9, " %63[a-z_0-9]", name) == 1 && size >= 64;

	free(text);
	return ok;
}

/*
 * How many tests test_isomorphisms() runs: one for standard.iso, one per
 * name of cocci/isos.def (standard.iso must have exactly those), one for
 * the list, one for the cocci directory, and per generated rule file two,
 * three when it disables isomorphisms and keeps one.  Read from the files
 * alone, so a machine without spatch skips exactly that many.
 */
static int iso_tests_planned(const char *top)
{
	char path[8300], name[64];
	int planned = 3 + NR_ISOS;
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "%.4000s/cocci", top);
	d = opendir(path);
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char *text;

		if (len < 7 || strcmp(e->d_name + len - 6, ".cocci"))
			continue;
		snprintf(path, sizeof(path), "%.4000s/cocci/%s", top, e->d_name);
		text = slurp(path);
		if (!text)
			continue;
		planned += 2;
		snprintf(path, sizeof(path), "%.4000s/cocci/%s.in", top, e->d_name);
		if (first_kept_iso(path, name, sizeof(name)) && strstr(text, " disable "))
			planned++;
		free(text);
	}
	if (d)
		closedir(d);
	return planned;
}

static void test_isomorphisms(const char *top)
{
	char dir[] = "/tmp/test-rules-iso.XXXXXX", path[8300], what[512];
	char line[256], *text, *iso_file;
	FILE *in;
	DIR *d;
	struct dirent *e;
	size_t i, n = 0, found = 0;

	int planned = iso_tests_planned(top), before = passed + failed;

	if (system("spatch --version >/dev/null 2>&1")) {
		skipped += planned;
		printf("SKIP isomorphism tests: spatch is not installed; run make deps\n");
		return;
	}
	if (!mkdtemp(dir)) {
		expect(0, "temporary directory", dir);
		return;
	}
	/* the installed standard.iso: spatch's default --iso-file */
	snprintf(path, sizeof(path), "spatch --longhelp 2>&1 | "
		 "sed -n 's/^ *--iso-file .*(default=\\(.*\\))$/\\1/p' | head -n 1");
	in = popen(path, "r");
	iso_file = in && fgets(line, sizeof(line), in) ? line : NULL;
	if (in)
		pclose(in);
	if (iso_file)
		iso_file[strcspn(iso_file, "\n")] = 0;
	text = iso_file ? slurp(iso_file) : NULL;
	expect(text != NULL, "spatch names its standard.iso (--longhelp)", iso_file ? iso_file : "");
	if (text) {
		const char *p;

		for (p = text; (p = strstr(p, "\n@")); p++) {
			char name[64];

			if (sscanf(p + 2, " %63[a-z_0-9] @", name) != 1)
				continue;
			n++;
			for (i = 0; i < NR_ISOS && strcmp(isos[i], name); i++)
				;
			snprintf(what, sizeof(what), "%s's isomorphism is in cocci/isos.def", iso_file);
			expect(i < NR_ISOS, what, name);
			found += i < NR_ISOS;
		}
		expect(n == NR_ISOS && found == n, "cocci/isos.def names each of standard.iso's", iso_file);
		free(text);
	}

	snprintf(path, sizeof(path), "%s/cocci", top);
	d = opendir(path);
	expect(d != NULL, "cocci directory readable", path);
	while (d && (e = readdir(d))) {
		char gen[4096 + 256], *all, *none, *more, one[128] = "", name[64];
		size_t len = strlen(e->d_name);

		if (len < 7 || strcmp(e->d_name + len - 6, ".cocci"))
			continue;
		snprintf(gen, sizeof(gen), "%.4000s/cocci/%s", top, e->d_name);
		text = slurp(gen);
		if (!text)
			continue;
		snprintf(path, sizeof(path), "%s.in", gen);
		if (first_kept_iso(path, name, sizeof(name)))
			snprintf(one, sizeof(one), " disable %s", name);
		snprintf(path, sizeof(path), "%s/none.cocci", dir);
		none = rewrite_headers(text, "", path) ? NULL : parse_cocci(path, dir);
		all = parse_cocci(gen, dir);
		snprintf(what, sizeof(what), "spatch parses cocci/%s with and without its disable clauses", e->d_name);
		expect(all && none, what, e->d_name);
		snprintf(what, sizeof(what), "cocci/%s: its rules rely on no isomorphism they disable (add it to //$isos)", e->d_name);
		expect(all && none && !strcmp(all, none), what, e->d_name);
		if (one[0] && strstr(text, " disable ")) {
			snprintf(path, sizeof(path), "%s/more.cocci", dir);
			more = rewrite_headers(text, one, path) ? NULL : parse_cocci(path, dir);
			snprintf(what, sizeof(what), "cocci/%s: disabling%s, which it keeps, changes its rules", e->d_name, one + 8);
			expect(more && none && strcmp(more, none), what, e->d_name);
			free(more);
		}
		free(all);
		free(none);
		free(text);
	}
	if (d)
		closedir(d);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path))
		expect(0, "temporary directory removed", dir);
	/* what a run without spatch counts as skipped is what runs here */
	snprintf(what, sizeof(what), "%d planned, %d run", planned, passed + failed - before);
	expect(passed + failed - before == planned, "the isomorphism tests run as many as planned", what);
}

int main(int argc, char **argv)
{
	const char *top = argc > 1 ? argv[1] : ".";

	test_table();
	test_templates(top);
	test_portable_regexps(top);
	test_isomorphisms(top);
	test_cases(top);
	if (skipped)
		printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	else
		printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
