// SPDX-License-Identifier: GPL-2.0-only
/*
 * bot_reply.c - what the bot writes: a plain-text reply per patch with
 * new findings, in the style mm developers know from the kernel test
 * robot (what ran, each finding in GCC's format with its notes and how to
 * fix it, the patch's lines quoted with >> marks, a reproduce line, the
 * trailers to add), composed with GMime (mail.c) into the outbox maildir;
 * and the dashboard, one static HTML page per run, no script.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include "bot.h"
#include "util.h"

#define DOCS_URL "https://github.com/ptebatch/ptebatch/blob/main/docs/checks/"

static void cat(char **s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void cat(char **s, const char *fmt, ...)
{
	va_list ap;
	char *add, *t;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) < 0)
		fail("out of memory");
	va_end(ap);
	t = xasprintf("%s%s", *s ? *s : "", add);
	free(add);
	free(*s);
	*s = t;
}

static unsigned long long hash(const char *s, unsigned long long h)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static const char *domain_of(const char *from)
{
	const char *at = strrchr(from, '@');

	return at ? at + 1 : "localhost";
}

char *bot_reply(const struct bot_conf *c, const struct bot_series *s, int i,
		const int *new_idx, int nr_new, char **file_out)
{
	const struct bot_msg *p = s->patch[i];
	const struct finding_list *l = &s->found[i];
	const char *docs = getenv("PTEBATCH_DOCS_URL");
	unsigned long long h = hash(p->msgid, 1469598103934665603ULL);
	char *body = NULL, *id, *dom, *subject, *refs, *cc, *name, *tmp, *fin;
	struct mail_out m = { 0 };
	FILE *out;
	int k;

	for (k = 0; k < nr_new; k++)
		h = hash(l->v[new_idx[k]].fingerprint, h);
	dom = xstrdup(domain_of(c->from));
	dom[strcspn(dom, ">")] = 0;
	id = xasprintf("ptebatch-%016llx@%s", h, dom);
	free(dom);
	if (!docs || !*docs)
		docs = DOCS_URL;
	name = *p->from ? xstrdup(p->from) : xstrdup("there");
	if (strchr(name, '<') && strchr(name, '<') != name) {	/* "Name <a>": Name */
		*strchr(name, '<') = 0;
		while (*name && name[strlen(name) - 1] == ' ')
			name[strlen(name) - 1] = 0;
	}
	cat(&body, "Hi %s,\n\n", name);
	cat(&body, "ptebatch found %d new issue%s in this patch (%d of %d in the series%s).\n\n",
	    nr_new, nr_new == 1 ? "" : "s", i + 1, s->total,
	    s->version > 1 ? "; what an earlier version was told is not repeated" : "");
	cat(&body, "What ran:\n");
	cat(&body, "  ptebatch:  %s lint (the GCC plugin and the Coccinelle rules), the findings this patch introduces\n",
	    PTEBATCH_VERSION);
	cat(&body, "  base:      %s (%s)\n", s->base, s->base_how);
	cat(&body, "  config:    %s\n", bot_config_name(c));
	cat(&body, "  compiler:  %s\n\n", bot_compiler());
	cat(&body, "If you fix the issue in a separate patch/commit (i.e. not just a new\n"
	    "version of the same patch/commit), kindly add the following tags\n"
	    "| Reported-by: %s\n| Closes: %s%s\n\n", c->from, c->link, id);
	for (k = 0; k < nr_new; k++) {
		const struct finding *f = &l->v[new_idx[k]];
		int j;

		cat(&body, "%s:%d:%d: %s: %s [ptebatch-%s]\n", f->file, f->line, f->column,
		    f->severity, f->message, f->check);
		for (j = 0; j < f->nr_notes; j++)
			cat(&body, "%s:%d:%d: note: %s\n", f->notes[j].file, f->notes[j].line,
			    f->notes[j].column, f->notes[j].message);
		cat(&body, "  how to fix: %s%s.md#how-to-fix\n\n", docs, f->check);
		if (*s->quote[i][new_idx[k]])
			cat(&body, "%s\n", s->quote[i][new_idx[k]]);
	}
	cat(&body, "reproduce:\n"
	    "  git checkout %s\n"
	    "  b4 am -o - '%s' | ptebatch lint --tree /path/to/linux -\n\n",
	    s->base, p->msgid);
	cat(&body, "-- \nptebatch bot, %s lint of each patch on a list; its state says\n"
	    "what it answered, and the findings of later versions only when new.\n",
	    PTEBATCH_VERSION);
	subject = strncasecmp(p->subject, "re:", 3) ? xasprintf("Re: %s", p->subject) :
		xstrdup(p->subject);
	refs = NULL;
	if (*p->refs) {
		char *r = xstrdup(p->refs), *t, *save;

		for (t = strtok_r(r, " ", &save); t; t = strtok_r(NULL, " ", &save))
			cat(&refs, "%s<%s>", refs ? " " : "", t);
		free(r);
	}
	cat(&refs, "%s<%s>", refs ? " " : "", p->msgid);
	cc = NULL;
	if (*p->to)
		cat(&cc, "%s", p->to);
	if (*p->cc)
		cat(&cc, "%s%s", cc ? ", " : "", p->cc);
	m.from = c->from;
	m.to = p->from;
	m.cc = cc;
	m.subject = subject;
	m.message_id = id;
	m.in_reply_to = p->msgid;
	m.references = refs;
	m.date = c->now;
	m.body = body;
	/* maildir: written in tmp/, moved to new/; the name is the message-id's
	 * hash, so a series done again after a crash replaces its own reply */
	tmp = xasprintf("%s/tmp/ptebatch-%016llx.eml", c->outbox, h);
	fin = xasprintf("%s/new/ptebatch-%016llx.eml", c->outbox, h);
	out = fopen(tmp, "w");
	if (!out || mail_write(&m, out) || fflush(out) || fsync(fileno(out)) || fclose(out))
		fail("%s: cannot write the reply: %s", tmp, strerror(errno));
	if (rename(tmp, fin))
		fail("%s: cannot move into new/: %s", fin, strerror(errno));
	*file_out = fin;
	free(tmp);
	free(body);
	free(subject);
	free(refs);
	free(cc);
	free(name);
	return id;
}

/* ---- dashboard ---- */

char *html_escape(const char *s)
{
	char *r = NULL;

	cat(&r, "%s", "");
	for (; s && *s; s++) {
		switch (*s) {
		case '<': cat(&r, "&lt;"); break;
		case '>': cat(&r, "&gt;"); break;
		case '&': cat(&r, "&amp;"); break;
		case '"': cat(&r, "&quot;"); break;
		default: cat(&r, "%c", *s);
		}
	}
	return r;
}

struct page {
	FILE *out;
	struct sqlite3 *db;
	long run;
};

static void e(FILE *out, const char *s)
{
	char *h = html_escape(s);

	fputs(h, out);
	free(h);
}

static void finding_row(struct sqlite3_stmt *st, void *arg)
{
	struct page *pg = arg;
	FILE *o = pg->out;

	fprintf(o, "<div class=finding><p>patch %d: %s", sqlite3_column_int(st, 0),
		sqlite3_column_int(st, 3) ? "new, answered" : "answered for an earlier version");
	if (sqlite3_column_type(st, 4) != SQLITE_NULL)
		fprintf(o, "; <b>fixed in v%d</b>", sqlite3_column_int(st, 4));
	fputs("</p><pre class=diag>", o);
	e(o, (const char *)sqlite3_column_text(st, 1));
	fputs("</pre><pre class=src>", o);
	e(o, (const char *)sqlite3_column_text(st, 2));
	fputs("</pre></div>\n", o);
}

static void series_row(struct sqlite3_stmt *st, void *arg)
{
	struct page *pg = arg;
	FILE *o = pg->out;
	char *root = col_str(st, 0), *status = col_str(st, 5), *base = col_str(st, 6);
	int run = sqlite3_column_int(st, 9);

	fprintf(o, "<tr class=\"%s%s\"><td>", status, run == pg->run ? " now" : "");
	e(o, (const char *)sqlite3_column_text(st, 1));
	fprintf(o, "</td><td>v%d</td><td>%d</td><td>", sqlite3_column_int(st, 2),
		sqlite3_column_int(st, 3));
	e(o, (const char *)sqlite3_column_text(st, 4));
	fprintf(o, "</td><td><code>%.12s</code> ", *base ? base : "-");
	e(o, (const char *)sqlite3_column_text(st, 7));
	fprintf(o, "</td><td class=st>%s</td><td>", status);
	e(o, (const char *)sqlite3_column_text(st, 8));
	fprintf(o, "</td><td>%d</td></tr>\n", sqlite3_column_int(st, 10));
	free(root);
	free(status);
	free(base);
}

static void series_findings(struct sqlite3_stmt *st, void *arg)
{
	struct page *pg = arg;
	char *root = col_str(st, 0);

	fputs("<h3>", pg->out);
	e(pg->out, (const char *)sqlite3_column_text(st, 1));
	fprintf(pg->out, " (v%d)</h3>\n", sqlite3_column_int(st, 2));
	db_run(pg->db, "SELECT nr, diag, quote, new, (SELECT fixed_in FROM findings f, series s"
	       " WHERE s.root=found.root AND f.skey=s.skey AND f.fingerprint=found.fingerprint"
	       " AND f.status='fixed') FROM found WHERE root=? ORDER BY nr, file, line",
	       finding_row, pg, "s", root);
	free(root);
}

void bot_dashboard(const struct bot_conf *c, struct sqlite3 *db, long run)
{
	char *path = xasprintf("%s/run-%ld.html", c->dashboard, run);
	char *tmp = xasprintf("%s/.index.html", c->dashboard);
	char *index = xasprintf("%s/index.html", c->dashboard);
	struct page pg = { NULL, db, run };
	char *cmd;

	pg.out = fopen(path, "w");
	if (!pg.out)
		fail("%s: cannot write: %s", path, strerror(errno));
	fprintf(pg.out, "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>\n"
		"<title>ptebatch bot: run %ld</title>\n<style>\n"
		"body{font-family:sans-serif;margin:1em 2em;color:#222;font-size:14px}\n"
		"td:first-child{min-width:20em}\n"
		"table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left;vertical-align:top}\n"
		"tr.clean td.st{background:#cfc}tr.findings td.st{background:#fcc}\n"
		"tr.does-not-apply td.st,tr.too-large td.st,tr.error td.st{background:#fdb}\n"
		"tr.waiting td.st,tr.incomplete td.st{background:#eee}tr.now td:first-child{font-weight:bold}\n"
		"pre{background:#f6f6f6;padding:.5em;overflow-x:auto}pre.diag{white-space:pre-wrap}pre.src{background:#fff8e0}\n"
		"</style></head><body>\n<h1>ptebatch bot: run %ld</h1>\n", run, run);
	{
		char *when = db_str(db, "SELECT datetime(started, 'unixepoch') || ' UTC, ' ||"
				    " messages || ' new messages, ' || series || ' series done, ' ||"
				    " replies || ' replies written' FROM runs WHERE id=?", "l",
				    (long long)run);

		fputs("<p>", pg.out);
		e(pg.out, when ? when : "");
		fputs(" (series done in this run in bold)</p>\n", pg.out);
		free(when);
	}
	fputs("<h2>Series</h2>\n<table><tr><th>subject</th><th>version</th><th>patches</th>"
	      "<th>from</th><th>base</th><th>status</th><th>detail</th><th>findings</th></tr>\n",
	      pg.out);
	db_run(db, "SELECT root, subject, version, total, sender, status, coalesce(base, ''),"
	       " coalesce(base_how, ''), coalesce(detail, ''), run,"
	       " (SELECT count(*) FROM found WHERE found.root=series.root)"
	       " FROM series ORDER BY first_seen, root", series_row, &pg, NULL);
	fputs("</table>\n<h2>Findings</h2>\n", pg.out);
	db_run(db, "SELECT root, subject, version FROM series WHERE EXISTS (SELECT 1 FROM found"
	       " WHERE found.root=series.root) ORDER BY first_seen, root", series_findings,
	       &pg, NULL);
	{
		int fixed = db_run(db, "SELECT 1 FROM findings WHERE status='fixed'", NULL, NULL, NULL);

		fprintf(pg.out, "<p>Findings of an earlier version gone in a later one (fixed): %d</p>\n",
			fixed);
	}
	fputs("</body></html>\n", pg.out);
	if (fclose(pg.out))
		fail("%s: cannot write", path);
	cmd = NULL;
	{
		char *const cp[] = { "cp", path, tmp, NULL };

		if (run_argv(cp, NULL, NULL) || rename(tmp, index))
			fail("%s: cannot write", index);
	}
	free(cmd);
	free(path);
	free(tmp);
	free(index);
}
