// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_bot.c - ptebatch bot --archive DIR|--maildir DIR|--mbox FILE
 *                 --tree GIT [--build DIR] --db FILE --outbox MAILDIR ...
 *
 * One run reads what arrived since the last (a public-inbox v2 archive
 * read as the git repositories it is, a maildir or an mbox), groups the
 * patch mails into series as b4 does (a cover letter and [PATCH vN m/n]
 * numbering, In-Reply-To and References, b4's change-id), and hands each
 * complete series to bot_apply.c (git am in the bot's own worktree, lint
 * with the lint modules) and its findings to bot_reply.c.  Incomplete
 * series wait (--max-wait).  State in SQLite (bot_db.c); a lock file
 * beside the database keeps two runs from overlapping.
 *
 * Exit 0 the run is done, 2 error, 3 another run holds the lock.
 */
#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "bot.h"
#include "cmds.h"
#include "json_read.h"
#include "patch.h"
#include "util.h"

#define EXIT_BUSY 3

void bot_msg_free(struct bot_msg *m)
{
	free(m->msgid);
	free(m->subject);
	free(m->from);
	free(m->to);
	free(m->cc);
	free(m->refs);
	free(m->in_reply_to);
	free(m->change_id);
	free(m->base_commit);
	free(m->raw);
	memset(m, 0, sizeof(*m));
}

/* ---- subjects ---- */

/* "Re: [PATCH v2 3/7] mm: x": the bracket's words */
bool bot_subject(const char *s, int *version, int *nr, int *total)
{
	const char *b, *e;
	bool patch = false;

	*version = 1;
	*nr = 1;
	*total = 1;
	while (isspace((unsigned char)*s))
		s++;
	if (!strncasecmp(s, "re:", 3) || !strncasecmp(s, "aw:", 3) ||
	    !strncasecmp(s, "fwd:", 4))
		return false;
	b = strchr(s, '[');
	if (b != s)
		return false;
	e = strchr(b, ']');
	if (!e)
		return false;
	for (const char *w = b + 1; w < e;) {
		size_t n;
		int a, t;

		while (w < e && (*w == ' ' || *w == ','))
			w++;
		n = strcspn(w, " ,]");
		if ((n == 5 && !strncasecmp(w, "PATCH", 5)))
			patch = true;
		else if ((*w == 'v' || *w == 'V') && n > 1 &&
			 strspn(w + 1, "0123456789") == n - 1)
			*version = atoi(w + 1);
		else if (sscanf(w, "%d/%d", &a, &t) == 2 && t > 0 && a >= 0 && a <= t) {
			*nr = a;
			*total = t;
		}
		w += n;
	}
	return patch;
}

char *bot_subject_core(const char *s)
{
	char *r, *p;

	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (!strncasecmp(s, "re:", 3))
			s += 3;
		else if (*s == '[' && strchr(s, ']'))
			s = strchr(s, ']') + 1;
		else
			break;
	}
	r = xstrdup(s);
	for (p = r; *p; p++)
		*p = tolower((unsigned char)*p);
	return r;
}

/* The value of the first body line "KEY: value" (b4's change-id,
 * git format-patch --base's base-commit), allocated, or NULL. */
static char *body_trailer(const char *body, const char *key)
{
	size_t kl = strlen(key);

	for (const char *l = body; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (!strncmp(l, key, kl) && l[kl] == ':') {
			const char *v = l + kl + 1;
			size_t n;

			while (*v == ' ')
				v++;
			n = strcspn(v, " \r\n");
			return n ? xasprintf("%.*s", (int)n, v) : NULL;
		}
	}
	return NULL;
}

/* ---- the input: each message once ---- */

struct ingest {
	const struct bot_conf *c;
	struct sqlite3 *db;
	long run;
	int new, malformed;
};

static unsigned long long fnv(const char *s, size_t n)
{
	unsigned long long h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static void ingest_one(const char *marker, const char *raw, size_t len, void *arg)
{
	struct ingest *in = arg;
	struct mail m;
	char *id, *refs = xstrdup(""), *change, *base;
	const char *kind;
	int v, nr, total, i;
	bool ok = mail_parse(raw, len, &m);

	/* without a Message-ID nothing can answer it: recorded once, by its bytes */
	if (!ok || !m.message_id)
		id = xasprintf("malformed-%016llx", fnv(raw, len));
	else
		id = xstrdup(m.message_id);
	if (db_str(in->db, "SELECT 1 FROM messages WHERE msgid=?", "s", id)) {
		mail_free(&m);
		free(id);
		free(refs);
		return;
	}
	for (i = 0; i < m.nr_refs; i++) {
		char *r = xasprintf("%s%s%s", refs, *refs ? " " : "", m.refs[i]);

		free(refs);
		refs = r;
	}
	if (!ok || !m.message_id) {
		kind = "malformed";
		in->malformed++;
	} else if (!bot_subject(m.subject, &v, &nr, &total))
		kind = "other";
	else if (in->c->since && m.date && m.date < in->c->since)
		kind = "old";	/* before --since: seen, never answered */
	else
		kind = nr ? "patch" : "cover";
	if (strcmp(kind, "patch") && strcmp(kind, "cover"))
		v = nr = total = 0;
	change = body_trailer(m.body, "change-id");
	base = body_trailer(m.body, "base-commit");
	db_run(in->db, "INSERT INTO messages(msgid, kind, subject, sender, recipients,"
	       " cc, refs, in_reply_to, change_id, base_commit, version, nr, total,"
	       " date, seen, run, raw) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
	       NULL, NULL, "ssssssssssiiillib", id, kind, m.subject ? m.subject : "",
	       m.from ? m.from : "", m.to ? m.to : "", m.cc ? m.cc : "", refs,
	       m.in_reply_to, change, base, v, nr, total, (long long)m.date,
	       (long long)in->c->now, (int)in->run, raw,
	       /* only a patch or a cover is ever read again */
	       strcmp(kind, "patch") && strcmp(kind, "cover") ? (size_t)0 : len);
	in->new++;
	free(change);
	free(base);
	free(refs);
	free(id);
	mail_free(&m);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* commits a chunk (PTEBATCH_BOT_BATCH: the tests' smaller chunks) */
static int batch_commits(void)
{
	const char *v = getenv("PTEBATCH_BOT_BATCH");

	return v && atoi(v) > 0 ? atoi(v) : 2000;
}

/* The blobs REQ names ("<commit>:m" lines), through one git cat-file
 * --batch, into the state; the epoch's cursor at LAST: one transaction. */
static void read_batch(struct ingest *in, const char *gitdir, const char *req,
		       const char *out, const char *err, const char *last)
{
	char *const argv[] = { "sh", "-c", "exec git --git-dir=\"$1\" cat-file --batch <\"$2\"",
			       "sh", (char *)gitdir, (char *)req, NULL };
	char *text, *p;
	size_t len;

	if (run_argv(argv, out, err))
		fail("%s: git cat-file failed: %s", gitdir, first_line_with(err, "fatal"));
	text = file_read(out, &len);
	db_begin(in->db);
	for (p = text; p && p < text + len;) {
		char oid[128], type[32];
		unsigned long size;
		char *nl = memchr(p, '\n', text + len - p);

		if (!nl)
			break;
		/* "<oid> blob <size>", or "<commit>:m missing" (a deletion) */
		if (sscanf(p, "%127s %31s %lu", oid, type, &size) != 3) {
			p = nl + 1;
			continue;
		}
		p = nl + 1;
		if (size > (size_t)(text + len - p))
			fail("%s: git cat-file: short output", gitdir);
		ingest_one(NULL, p, size, in);
		p += size + 1;
	}
	db_run(in->db, "INSERT OR REPLACE INTO cursor VALUES(?,?)", NULL, NULL,
	       "ss", gitdir, last);
	db_commit(in->db);
	free(text);
}

/* public-inbox v2: DIR/git/N.git, each message a commit whose tree holds
 * it as the blob "m"; read with git's plumbing, from each epoch's cursor */
static void read_epoch(struct ingest *in, const char *gitdir)
{
	char *revs = xasprintf("%s/revs", in->c->work);
	char *req = xasprintf("%s/batch.in", in->c->work);
	char *out = xasprintf("%s/batch.out", in->c->work);
	char *err = xasprintf("%s/git.err", in->c->work);
	char *pos = db_str(in->db, "SELECT pos FROM cursor WHERE source=?", "s", gitdir);
	char *range = pos ? xasprintf("%s..HEAD", pos) : xstrdup("HEAD");
	char *text, *p, *last = NULL;
	FILE *f;
	int status;

	{
		char *const argv[] = { "git", "--git-dir", (char *)gitdir, "rev-list",
				       "--reverse", range, NULL };

		status = run_argv(argv, revs, err);
		if (status && pos) {	/* the archive was rewritten: all again,
					 * the messages table keeps each once */
			char *const all[] = { "git", "--git-dir", (char *)gitdir,
					      "rev-list", "--reverse", "HEAD", NULL };

			status = run_argv(all, revs, err);
		}
		if (status == 127)
			fail("git not found in PATH");
		if (status) {
			/* an epoch without a commit yet is empty, not an error */
			char *const head[] = { "git", "--git-dir", (char *)gitdir,
					       "rev-parse", "-q", "--verify", "HEAD", NULL };

			if (run_argv(head, "/dev/null", "/dev/null") == 0)
				fail("%s: git rev-list failed: %s", gitdir,
				     first_line_with(err, "fatal"));
			goto out;
		}
	}
	text = read_all(revs);
	if (!text)
		fail("%s: cannot read", revs);
	/* a chunk of commits at a time: one git cat-file --batch and one
	 * transaction each, the cursor at the chunk's last commit, so a first
	 * run over a whole epoch holds one chunk of mails in memory */
	for (p = text; *p;) {
		int k = 0;

		f = fopen(req, "w");
		if (!f)
			fail("%s: cannot write", req);
		while (*p && k < batch_commits()) {
			size_t n = strcspn(p, "\n");

			fprintf(f, "%.*s:m\n", (int)n, p);
			free(last);
			last = xasprintf("%.*s", (int)n, p);
			p += n + (p[n] == '\n');
			k++;
		}
		if (fclose(f))
			fail("%s: cannot write", req);
		read_batch(in, gitdir, req, out, err, last);
	}
	free(text);
out:
	free(last);
	free(revs);
	free(req);
	free(out);
	free(err);
	free(pos);
	free(range);
}

static char **list_dir(const char *dir, bool want_dirs, int *nr)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	int n = 0;

	if (!d) {
		*nr = 0;
		return NULL;
	}
	while ((e = readdir(d))) {
		struct stat st;
		char *full;

		if (e->d_name[0] == '.')
			continue;
		full = path_join(dir, e->d_name);
		if (!stat(full, &st) && (S_ISDIR(st.st_mode) == want_dirs)) {
			v = realloc(v, (n + 1) * sizeof(*v));
			v[n++] = full;
		} else
			free(full);
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), by_name);
	*nr = n;
	return v;
}

static void read_archive(struct ingest *in, const char *dir)
{
	char *git = path_join(dir, "git");
	int n, i, k;
	char **ep = list_dir(git, true, &n);
	long *num = calloc(n + 1, sizeof(long));

	if (!n)
		fail("%s: not a public-inbox v2 archive (no git/N.git)", dir);
	for (i = 0; i < n; i++)		/* epochs in number order: 2 before 10 */
		num[i] = atol(strrchr(ep[i], '/') + 1);
	for (i = 0; i < n; i++)
		for (k = i + 1; k < n; k++)
			if (num[k] < num[i]) {
				long t = num[i];
				char *s = ep[i];

				num[i] = num[k], num[k] = t;
				ep[i] = ep[k], ep[k] = s;
			}
	for (i = 0; i < n; i++) {
		const char *b = strrchr(ep[i], '/') + 1;
		size_t l = strlen(b);

		if (l > 4 && !strcmp(b + l - 4, ".git") &&
		    strspn(b, "0123456789") == l - 4)
			read_epoch(in, ep[i]);
		free(ep[i]);
	}
	free(ep);
	free(num);
	free(git);
}

static void read_maildir(struct ingest *in, const char *dir)
{
	const char *sub[] = { "cur", "new" };
	int s, i, n;

	for (s = 0; s < 2; s++) {
		char *d = path_join(dir, sub[s]);
		char **f = list_dir(d, false, &n);
		struct stat st;

		if (stat(d, &st) || !S_ISDIR(st.st_mode))
			fail("%s: not a maildir (no %s/)", dir, sub[s]);
		db_begin(in->db);
		for (i = 0; i < n; i++) {
			size_t len;
			char *t = file_read(f[i], &len);

			if (t)
				ingest_one(NULL, t, len, in);
			free(t);
			free(f[i]);
		}
		db_commit(in->db);
		free(f);
		free(d);
	}
}

static void read_mbox(struct ingest *in, const char *path)
{
	size_t len;
	char *t = file_read(path, &len);

	if (!t)
		fail("%s: No such file or not readable", path);
	db_begin(in->db);
	if (len && !mail_mbox_each(t, len, ingest_one, in))
		fail("%s: not an mbox (no \"From \" line starting a message)", path);
	db_commit(in->db);
	free(t);
}

/* ---- series ---- */

struct pending {
	struct bot_msg *v;
	int n;
	char **root;
};

static void load_msg(struct sqlite3_stmt *st, void *arg)
{
	struct pending *p = arg;
	struct bot_msg *m;

	p->v = realloc(p->v, (p->n + 1) * sizeof(*p->v));
	m = &p->v[p->n++];
	memset(m, 0, sizeof(*m));
	m->msgid = col_str(st, 0);
	m->subject = col_str(st, 1);
	m->from = col_str(st, 2);
	m->to = col_str(st, 3);
	m->cc = col_str(st, 4);
	m->refs = col_str(st, 5);
	m->in_reply_to = col_str(st, 6);
	m->change_id = col_str(st, 7);
	m->base_commit = col_str(st, 8);
	m->version = sqlite3_column_int(st, 9);
	m->nr = sqlite3_column_int(st, 10);
	m->total = sqlite3_column_int(st, 11);
	m->date = sqlite3_column_int64(st, 12);
	m->seen = sqlite3_column_int64(st, 13);
	m->raw_len = sqlite3_column_bytes(st, 14);
	m->raw = malloc(m->raw_len + 1);
	memcpy(m->raw, sqlite3_column_blob(st, 14), m->raw_len);
	m->raw[m->raw_len] = 0;
}

static struct bot_msg *find_msg(struct pending *p, const char *id)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].msgid, id))
			return &p->v[i];
	return NULL;
}

/*
 * The series a patch mail belongs to, named by its first mail: a cover
 * letter (0/n) is its own; a patch takes the oldest mail it replies to
 * that is a cover or a 1/n of the same version and size (git send-email
 * and b4 thread the patches under it), else itself when it is 1/n, else
 * the oldest mail it replies to, until that arrives.
 */
static char *root_of(struct pending *p, const struct bot_msg *m)
{
	char *refs, *tok, *save, *r = NULL, *oldest = NULL;

	if (m->nr == 0)
		return xstrdup(m->msgid);
	refs = xasprintf("%s %s", m->refs, m->in_reply_to);
	for (tok = strtok_r(refs, " ", &save); tok && !r; tok = strtok_r(NULL, " ", &save)) {
		struct bot_msg *o = find_msg(p, tok);

		if (!oldest)
			oldest = xstrdup(tok);
		if (o && o != m && o->version == m->version && o->total == m->total &&
		    o->nr <= 1)
			r = xstrdup(o->msgid);
	}
	free(refs);
	if (!r)
		r = m->nr == 1 || !oldest ? xstrdup(m->msgid) : xstrdup(oldest);
	free(oldest);
	return r;
}

static char *addr_of(const char *from)
{
	const char *lt = strrchr(from, '<');
	char *a = xstrdup(lt ? lt + 1 : from), *p;

	a[strcspn(a, ">")] = 0;
	for (p = a; *p; p++)
		*p = tolower((unsigned char)*p);
	return a;
}

struct counts {
	int done, clean, findings, noapply, other, waiting, replies;
};

static void set_roots(struct sqlite3 *db, struct pending *p, const char *root)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->root[i], root))
			db_run(db, "UPDATE messages SET root=? WHERE msgid=?", NULL, NULL,
			       "ss", root, p->v[i].msgid);
}

static char *diag_text(const struct finding *f)
{
	char *s = xasprintf("%s:%d:%d: %s: %s [ptebatch-%s]\n", f->file, f->line,
			    f->column, f->severity, f->message, f->check);
	int j;

	for (j = 0; j < f->nr_notes; j++) {
		char *t = xasprintf("%s%s:%d:%d: note: %s\n", s, f->notes[j].file,
				    f->notes[j].line, f->notes[j].column,
				    f->notes[j].message);

		free(s);
		s = t;
	}
	return s;
}

/* Record S's outcome, write its replies: one transaction. */
static void record(const struct bot_conf *c, struct sqlite3 *db, long run,
		   struct pending *p, struct bot_series *s, struct counts *k)
{
	bool linted = !strcmp(s->status, "clean") || !strcmp(s->status, "findings");
	int i, new_total = 0, old_total = 0, fixed;
	size_t j;

	db_begin(db);
	for (i = 0; linted && i < s->total; i++) {
		int *new_idx = calloc(s->found[i].n + 1, sizeof(int)), nr_new = 0;

		for (j = 0; j < s->found[i].n; j++) {
			const struct finding *f = &s->found[i].v[j];
			char *st = db_str(db, "SELECT status FROM findings WHERE skey=? AND"
					  " fingerprint=?", "ss", s->key, f->fingerprint);
			/* already reported for an earlier version (or an earlier
			 * patch of this one): not again */
			bool is_new = !st || !strcmp(st, "fixed");
			char *diag = diag_text(f);

			if (is_new) {
				db_run(db, "INSERT OR REPLACE INTO findings VALUES(?,?,?,?,'open',NULL)",
				       NULL, NULL, "ssis", s->key, f->fingerprint,
				       s->version, s->root);
				new_idx[nr_new++] = j;
			}
			db_run(db, "INSERT OR REPLACE INTO found VALUES(?,?,?,?,?,?,?,?,?,?,?)",
			       NULL, NULL, "sissiissssi", s->root, i + 1, f->fingerprint,
			       f->file, f->line, f->column, f->check, f->message, diag,
			       s->quote[i][j], is_new);
			is_new ? new_total++ : old_total++;
			free(diag);
			free(st);
		}
		if (nr_new) {
			char *file, *id = bot_reply(c, s, i, new_idx, nr_new, &file);

			db_run(db, "INSERT OR REPLACE INTO replies VALUES(?,?,?,?,?)", NULL,
			       NULL, "ssssi", id, s->patch[i]->msgid, s->root, file, (int)run);
			k->replies++;
			free(id);
			free(file);
		}
		free(new_idx);
	}
	fixed = 0;
	if (linted) {
		fixed = db_run(db, "SELECT 1 FROM findings WHERE skey=? AND status='open' AND"
			       " first_version<? AND fingerprint NOT IN (SELECT fingerprint"
			       " FROM found WHERE root=?)", NULL, NULL, "sis", s->key,
			       s->version, s->root);
		db_run(db, "UPDATE findings SET status='fixed', fixed_in=? WHERE skey=? AND"
		       " status='open' AND first_version<? AND fingerprint NOT IN"
		       " (SELECT fingerprint FROM found WHERE root=?)", NULL, NULL,
		       "isis", s->version, s->key, s->version, s->root);
	}
	db_run(db, "UPDATE series SET status=?, final=1, base=?, base_how=?, detail=?,"
	       " run=? WHERE root=?", NULL, NULL, "ssssis", s->status, s->base,
	       s->base_how, s->detail, (int)run, s->root);
	set_roots(db, p, s->root);
	db_commit(db);
	if (!c->quiet && linted)
		printf("bot: %s v%d (%d patch%s): %s; %d new finding%s, %d reported before, %d fixed\n",
		       s->root, s->version, s->total, s->total == 1 ? "" : "es", s->status,
		       new_total, new_total == 1 ? "" : "s", old_total, fixed);
	else if (!c->quiet)
		printf("bot: %s v%d (%d patch%s): %s: %s\n", s->root, s->version, s->total,
		       s->total == 1 ? "" : "es", s->status, s->detail ? s->detail : "");
	k->done++;
	if (!strcmp(s->status, "clean"))
		k->clean++;
	else if (!strcmp(s->status, "findings"))
		k->findings++;
	else if (!strcmp(s->status, "does-not-apply"))
		k->noapply++;
	else
		k->other++;
}

static void series_free(struct bot_series *s)
{
	int i;
	size_t j;

	for (i = 0; s->found && i < s->total; i++) {
		for (j = 0; j < s->found[i].n; j++)
			free(s->quote[i][j]);
		free(s->quote[i]);
		findings_clear(&s->found[i]);
	}
	free(s->found);
	free(s->quote);
	free(s->patch);
	free(s->key);
	free(s->status);
	free(s->base);
	free(s->base_how);
	free(s->detail);
}

static void process(const struct bot_conf *c, struct sqlite3 *db, long run,
		    struct counts *k)
{
	struct pending p = { 0 };
	char **done;
	int i, j;

	db_run(db, "SELECT msgid, subject, sender, recipients, cc, refs, in_reply_to,"
	       " change_id, base_commit, version, nr, total, date, seen, raw FROM messages"
	       " WHERE kind IN ('patch', 'cover') AND NOT EXISTS (SELECT 1 FROM series"
	       " WHERE series.root=messages.root AND final=1) ORDER BY date, msgid",
	       load_msg, &p, NULL);
	p.root = calloc(p.n + 1, sizeof(char *));
	for (i = 0; i < p.n; i++)
		p.root[i] = root_of(&p, &p.v[i]);
	done = calloc(p.n + 1, sizeof(char *));
	for (i = 0; i < p.n; i++) {
		struct bot_series s = { 0 };
		struct bot_msg *r = find_msg(&p, p.root[i]);
		time_t first = p.v[i].seen;
		bool complete = true, seen_root = false;
		char *core;

		for (j = 0; j < i; j++)
			if (!strcmp(p.root[j], p.root[i]))
				seen_root = true;
		if (seen_root)
			continue;
		s.root = p.root[i];
		s.version = r ? r->version : p.v[i].version;
		s.total = r ? r->total : p.v[i].total;
		s.patch = calloc(s.total + 1, sizeof(*s.patch));
		for (j = 0; j < p.n; j++) {
			struct bot_msg *m = &p.v[j];

			if (strcmp(p.root[j], s.root) || m->version != s.version ||
			    m->total != s.total)
				continue;
			if (m->seen < first)
				first = m->seen;
			if (m->nr == 0 && !s.cover)
				s.cover = m;
			else if (m->nr >= 1 && m->nr <= s.total && !s.patch[m->nr - 1])
				s.patch[m->nr - 1] = m;
		}
		for (j = 0; j < s.total; j++)
			if (!s.patch[j])
				complete = false;
		{
			struct bot_msg *head = s.cover ? s.cover : r ? r : &p.v[i];
			const char *cid = (s.cover && *s.cover->change_id) ? s.cover->change_id :
				(s.patch[0] && *s.patch[0]->change_id) ? s.patch[0]->change_id : NULL;
			char *addr = addr_of(head->from);

			core = bot_subject_core(head->subject);
			s.key = cid ? xasprintf("change-id:%s", cid) :
				xasprintf("%s|%s", addr, core);
			free(addr);
			db_run(db, "INSERT OR IGNORE INTO series(root, skey, version, total,"
			       " subject, sender, status, final, first_seen, run)"
			       " VALUES(?,?,?,?,?,?,'waiting',0,?,?)", NULL, NULL,
			       "ssiissli", s.root, s.key, s.version, s.total, head->subject,
			       head->from, (long long)first, (int)run);
		}
		if (!complete) {
			bool gave_up = c->now - first >= c->max_wait;

			/* waiting changes nothing: a rerun leaves the state as it was */
			db_begin(db);
			if (gave_up)
				db_run(db, "UPDATE series SET status='incomplete', final=1, run=?"
				       " WHERE root=?", NULL, NULL, "is", (int)run, s.root);
			set_roots(db, &p, s.root);
			db_commit(db);
			if (gave_up) {
				k->done++;
				k->other++;
			} else
				k->waiting++;
			if (!c->quiet)
				printf("bot: %s v%d: %s (%s)\n", s.root, s.version,
				       gave_up ? "incomplete" : "waiting",
				       gave_up ? "gave up waiting for the rest" :
				       "not all patches arrived yet");
		} else {
			bot_apply_lint(c, &s);
			record(c, db, run, &p, &s, k);
		}
		free(core);
		series_free(&s);
	}
	for (i = 0; i < p.n; i++) {
		bot_msg_free(&p.v[i]);
		free(p.root[i]);
	}
	free(p.v);
	free(p.root);
	free(done);
}

/* ---- the command ---- */

static int take_lock(const char *db)
{
	char *path = xasprintf("%s.lock", db);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		fail("%s: cannot open the lock: %s", path, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno != EWOULDBLOCK)
			fail("%s: cannot lock: %s", path, strerror(errno));
		fprintf(stderr, "ptebatch: bot: another run holds %s; nothing done\n", path);
		exit(EXIT_BUSY);
	}
	free(path);
	return fd;
}

static void need_dir(const char *path, const char *what)
{
	struct stat st;

	if (stat(path, &st) || !S_ISDIR(st.st_mode))
		fail("%s: %s is not a directory", path, what);
}

static void mkdir_p(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = strchr(p + 1, '/'); ; s = strchr(s + 1, '/')) {
		if (s)
			*s = 0;
		if (mkdir(p, 0777) && errno != EEXIST)
			fail("%s: cannot create: %s", p, strerror(errno));
		if (!s)
			break;
		*s = '/';
	}
	free(p);
}

int cmd_bot(int argc, char **argv)
{
	struct bot_conf c = { 0 };
	struct ingest in = { 0 };
	struct counts k = { 0 };
	struct sqlite3 *db;
	char *cwd = current_dir(), *v;
	const char **val;
	long run;
	int i, inputs = 0;

	c.max_wait = 24 * 3600;
	c.max_bytes = 4 << 20;
	c.from = "ptebatch bot <ptebatch@localhost>";
	c.link = "https://lore.kernel.org/r/";
	c.branch = "HEAD";
	v = getenv("PTEBATCH_BOT_NOW");	/* the tests' clock */
	c.now = v ? atol(v) : time(NULL);
	for (i = 1; i < argc; i++) {
		static const struct { const char *name; size_t off; } opt[] = {
#define O(n, f) { n, offsetof(struct bot_conf, f) }
			O("--archive", archive), O("--maildir", maildir), O("--mbox", mbox),
			O("--tree", tree), O("--build", build), O("--branch", branch),
			O("--db", db), O("--outbox", outbox), O("--dashboard", dashboard),
			O("--work", work), O("--from", from), O("--link", link),
			O("--checks", checks),
#undef O
		};
		const char *a = argv[i], *value = NULL;
		size_t n, o;

		if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			c.quiet = true;
			continue;
		}
		n = strcspn(a, "=");
		if (a[n] == '=')
			value = a + n + 1;
		else if (i + 1 < argc)
			value = argv[i + 1];
		if (!strncmp(a, "--max-wait", n) && n == 10 && value) {
			c.max_wait = atol(value) * 3600;
			i += a[n] != '=';
			continue;
		}
		if (!strncmp(a, "--since", n) && n == 7 && value) {
			struct tm tm = { 0 };
			const char *end = strptime(value, "%Y-%m-%d", &tm);

			if (!end || *end)
				fail("--since %s: not a date (YYYY-MM-DD)", value);
			c.since = timegm(&tm);
			i += a[n] != '=';
			continue;
		}
		if (!strncmp(a, "--max-bytes", n) && n == 11 && value) {
			c.max_bytes = atol(value);
			i += a[n] != '=';
			continue;
		}
		for (o = 0; o < sizeof(opt) / sizeof(opt[0]); o++)
			if (strlen(opt[o].name) == n && !strncmp(a, opt[o].name, n))
				break;
		if (o == sizeof(opt) / sizeof(opt[0]) || !value)
			fail("%s option '%s' (see 'ptebatch bot --help')",
			     o == sizeof(opt) / sizeof(opt[0]) ? "unknown" : "no value for", a);
		val = (const char **)((char *)&c + opt[o].off);
		*val = value;
		i += a[n] != '=';
	}
	inputs = !!c.archive + !!c.maildir + !!c.mbox;
	if (inputs != 1)
		fail("one input: --archive DIR, --maildir DIR or --mbox FILE (see 'ptebatch bot --help')");
	if (!c.tree || !c.db || !c.outbox)
		fail("--tree, --db and --outbox are needed (see 'ptebatch bot --help')");
	c.tree = path_join(cwd, c.tree);
	c.build = path_join(cwd, c.build ? c.build : c.tree);
	c.db = path_join(cwd, c.db);
	c.outbox = path_join(cwd, c.outbox);
	c.work = c.work ? path_join(cwd, c.work) : xasprintf("%s.work", c.db);
	if (c.dashboard)
		c.dashboard = path_join(cwd, c.dashboard);
	{
		char *const argv2[] = { "git", "-C", (char *)c.tree, "rev-parse", "--git-dir", NULL };

		need_dir(c.tree, "--tree");
		if (run_argv(argv2, "/dev/null", "/dev/null"))
			fail("%s is not a git repository (--tree: the kernel git tree)", c.tree);
	}
	{
		char *cfg = xasprintf("%s/.config", c.build);

		if (access(cfg, R_OK))
			fail("%s is not a configured kernel tree (no .config): --build names the "
			     "tree lint compiles in", c.build);
		free(cfg);
	}
	take_lock(c.db);
	mkdir_p(c.work);
	for (i = 0; i < 3; i++) {
		const char *sub[] = { "tmp", "new", "cur" };
		char *d = xasprintf("%s/%s", c.outbox, sub[i]);

		mkdir_p(d);
		free(d);
	}
	if (c.dashboard)
		mkdir_p(c.dashboard);
	db = bot_db_open(c.db);
	db_run(db, "INSERT INTO runs(started) VALUES(?)", NULL, NULL, "l", (long long)c.now);
	run = sqlite3_last_insert_rowid(db);
	in.c = &c;
	in.db = db;
	in.run = run;
	if (c.archive)
		read_archive(&in, path_join(cwd, c.archive));
	else if (c.maildir)
		read_maildir(&in, path_join(cwd, c.maildir));
	else
		read_mbox(&in, path_join(cwd, c.mbox));
	process(&c, db, run, &k);
	db_run(db, "UPDATE runs SET finished=?, messages=?, series=?, replies=? WHERE id=?",
	       NULL, NULL, "liiil", (long long)time(NULL), in.new, k.done, k.replies,
	       (long long)run);
	if (c.dashboard)
		bot_dashboard(&c, db, run);
	printf("bot: run %ld: %d new message%s (%d malformed), %d series done (%d clean, "
	       "%d with findings, %d not applying, %d other), %d waiting, %d repl%s written\n",
	       run, in.new, in.new == 1 ? "" : "s", in.malformed, k.done, k.clean,
	       k.findings, k.noapply, k.other, k.waiting, k.replies,
	       k.replies == 1 ? "y" : "ies");
	bot_db_close(db);
	free(cwd);
	return EXIT_CLEAN;
}
