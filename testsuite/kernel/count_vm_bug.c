// SPDX-License-Identifier: GPL-2.0-only
/*
 * count_vm_bug: an independent count of VM_BUG_ON* uses in one C file, to
 * cross-check the plugin's vm-bug findings on a real kernel tree.
 *
 *   count_vm_bug [-a] SOURCE.c [LIVE.i]
 *
 * Prints one line "SOURCE:LINE:COL:NAME" per use: an identifier VM_BUG_ON,
 * VM_BUG_ON_PAGE, VM_BUG_ON_FOLIO, VM_BUG_ON_VMA, VM_BUG_ON_MM or
 * VM_BUG_ON_PGFLAGS followed by '(' outside comments, string and character
 * literals and preprocessor directives. COL counts bytes from 1, as GCC's
 * locations do. With -a, uses inside directives (#define bodies) count too:
 * that is how a finding inside a header's macro is confirmed when a list is
 * updated.
 *
 * LIVE.i ("-": standard input) is the output of `gcc -E -fdirectives-only` on
 * SOURCE.c with the file's real flags: conditionals are evaluated but macros
 * are not expanded, so every line of SOURCE.c in an active #if group is
 * copied through verbatim under `# N "file"` line markers, while the lines
 * of skipped groups are dropped (a marker jumps over them) or come out blank
 * (short groups). Only uses on lines that come out non-blank are printed.
 * Without LIVE.i every line counts.
 *
 * Deliberately shares no code with the plugin: it reads the text, not the
 * compiler's view, so the two can disagree only if one of them is wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[] = {
	"VM_BUG_ON", "VM_BUG_ON_PAGE", "VM_BUG_ON_FOLIO", "VM_BUG_ON_VMA",
	"VM_BUG_ON_MM", "VM_BUG_ON_PGFLAGS",
};

static char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		perror(path);
		exit(2);
	}
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap + 1);
			if (!buf) {
				fputs("count_vm_bug: out of memory\n", stderr);
				exit(2);
			}
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		perror(path);
		exit(2);
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* live[i] != 0: line i of the main file survives preprocessing. */
static unsigned char *live;
static long nlive;

static void mark_live(long line)
{
	if (line < 1)
		return;
	if (line >= nlive) {
		long old = nlive;

		nlive = (line + 1) * 2;
		live = realloc(live, nlive);
		if (!live) {
			fputs("count_vm_bug: out of memory\n", stderr);
			exit(2);
		}
		memset(live + old, 0, nlive - old);
	}
	live[line] = 1;
}

/*
 * Parse `# N "file" flags` markers. The first marker names the main file
 * (gcc writes `# 0 "FILE"` first); lines that follow a marker for it are
 * numbered from N.
 */
static void read_live(const char *path)
{
	size_t len;
	char *buf = read_all(path, &len), *p = buf, *main_name = NULL;
	long line = 0;
	int in_main = 0;

	while (*p) {
		char *eol = strchr(p, '\n');

		if (!eol)
			eol = p + strlen(p);
		if (p[0] == '#' && p[1] == ' ' && p[2] >= '0' && p[2] <= '9') {
			char *q, *name;
			long n = strtol(p + 2, &q, 10);

			name = strchr(q, '"');
			q = name ? strchr(name + 1, '"') : NULL;
			if (!q || q > eol) {
				fprintf(stderr, "%s: bad line marker\n", path);
				exit(2);
			}
			name++;
			if (!main_name) {
				main_name = strndup(name, q - name);
				if (!main_name)
					exit(2);
			}
			in_main = (size_t)(q - name) == strlen(main_name) &&
				  !strncmp(name, main_name, q - name);
			line = n;
		} else {
			char *t = p;

			while (t < eol && (*t == ' ' || *t == '\t' || *t == '\r'))
				t++;
			/* skipped lines of short #if groups come out blank */
			if (in_main && t < eol)
				mark_live(line);
			line++;
		}
		p = *eol ? eol + 1 : eol;
	}
	free(main_name);
	free(buf);
}

static int is_ident(int c, int first)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (!first && c >= '0' && c <= '9');
}

/* GCC's display column (tab stop 8, a UTF-8 character once) of byte N of
 * LINE: the column the plugin reports, as the build log shows it. */
static size_t display_col(const char *line, size_t n)
{
	size_t i, d = 0;

	for (i = 0; i < n; i++) {
		if (line[i] == '\t')
			d = (d / 8 + 1) * 8;
		else if (((unsigned char)line[i] & 0xc0) != 0x80)
			d++;
	}
	return d + 1;
}

struct cursor {
	const char *s;
	size_t i, len;
	long line;
	size_t bol;	/* offset of the current line's first byte */
};

/* Step over a backslash-newline, which joins lines before tokenizing. */
static int splice(struct cursor *c)
{
	size_t i = c->i;

	if (c->s[i] != '\\')
		return 0;
	if (c->s[i + 1] == '\n')
		i += 2;
	else if (c->s[i + 1] == '\r' && c->s[i + 2] == '\n')
		i += 3;
	else
		return 0;
	c->i = i;
	c->line++;
	c->bol = i;
	return 1;
}

static int peek(struct cursor *c)
{
	while (splice(c))
		;
	return c->i < c->len ? (unsigned char)c->s[c->i] : -1;
}

static void advance(struct cursor *c)
{
	if (c->s[c->i] == '\n') {
		c->line++;
		c->bol = c->i + 1;
	}
	c->i++;
}

static int peek2(struct cursor *c)
{
	struct cursor t = *c;

	if (peek(&t) < 0)
		return -1;
	advance(&t);
	return peek(&t);
}

/* Skip a comment if one starts here; 1 if one was skipped. */
static int skip_comment(struct cursor *c)
{
	if (peek(c) != '/')
		return 0;
	if (peek2(c) == '/') {
		while (peek(c) >= 0 && peek(c) != '\n')
			advance(c);
		return 1;
	}
	if (peek2(c) == '*') {
		advance(c);
		advance(c);
		while (peek(c) >= 0) {
			if (peek(c) == '*' && peek2(c) == '/') {
				advance(c);
				advance(c);
				return 1;
			}
			advance(c);
		}
		return 1;
	}
	return 0;
}

static void skip_literal(struct cursor *c, int quote)
{
	advance(c);
	while (peek(c) >= 0 && peek(c) != '\n') {
		int ch = peek(c);

		advance(c);
		if (ch == '\\') {
			if (peek(c) >= 0)
				advance(c);
		} else if (ch == quote) {
			return;
		}
	}
}

/* Skip spaces and comments (newlines too); return the next character. */
static int next_significant(struct cursor *c)
{
	for (;;) {
		int ch = peek(c);

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v')
			advance(c);
		else if (!skip_comment(c))
			return ch;
	}
}

static int count_directives;

static int count(const char *path)
{
	size_t len;
	char *src = read_all(path, &len);
	struct cursor c = { src, 0, len, 1, 0 };
	int at_bol = 1;	/* only whitespace/comments seen on this line */
	int found = 0;

	for (;;) {
		int ch = peek(&c);

		if (ch < 0)
			break;
		if (ch == '\n') {
			advance(&c);
			at_bol = 1;
		} else if (ch == ' ' || ch == '\t' || ch == '\r' ||
			   ch == '\f' || ch == '\v') {
			advance(&c);
		} else if (skip_comment(&c)) {
			/* a comment does not end the start of a line */
		} else if (ch == '#' && at_bol && !count_directives) {
			/* A directive, to its last (spliced) line. */
			while (peek(&c) >= 0 && peek(&c) != '\n') {
				if (!skip_comment(&c)) {
					ch = peek(&c);
					if (ch == '"' || ch == '\'')
						skip_literal(&c, ch);
					else
						advance(&c);
				}
			}
		} else if (ch == '"' || ch == '\'') {
			at_bol = 0;
			skip_literal(&c, ch);
		} else if (is_ident(ch, 1)) {
			char word[64];
			size_t n = 0;
			long line = c.line;
			size_t col = display_col(c.s + c.bol, c.i - c.bol);
			unsigned int k;

			at_bol = 0;
			while (peek(&c) >= 0 && is_ident(peek(&c), 0)) {
				if (n < sizeof(word) - 1)
					word[n++] = (char)peek(&c);
				advance(&c);
			}
			word[n] = '\0';
			for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
				if (!strcmp(word, names[k]))
					break;
			if (k == sizeof(names) / sizeof(names[0]))
				continue;
			if (next_significant(&c) != '(')
				continue;
			if (live && (line >= nlive || !live[line]))
				continue;
			printf("%s:%ld:%zu:%s\n", path, line, col, word);
			found++;
		} else if (ch >= '0' && ch <= '9') {
			/* pp-number: digits, letters, '.', and e+/p+ signs */
			at_bol = 0;
			while (peek(&c) >= 0) {
				ch = peek(&c);
				if ((ch == 'e' || ch == 'E' || ch == 'p' ||
				     ch == 'P') &&
				    (peek2(&c) == '+' || peek2(&c) == '-')) {
					advance(&c);
					advance(&c);
				} else if (is_ident(ch, 0) || ch == '.') {
					advance(&c);
				} else {
					break;
				}
			}
		} else {
			at_bol = 0;
			advance(&c);
		}
	}
	free(src);
	return found;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "-a")) {
		count_directives = 1;
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 3) {
		fputs("usage: count_vm_bug [-a] SOURCE.c [LIVE.i]\n", stderr);
		return 2;
	}
	if (argc == 3) {
		read_live(argv[2]);
		if (!live)
			mark_live(0);	/* no line of the file survived */
	}
	count(argv[1]);
	return 0;
}
