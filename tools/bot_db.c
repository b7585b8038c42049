// SPDX-License-Identifier: GPL-2.0-only
/*
 * bot_db.c - the bot's state in SQLite (Debian's libsqlite3-dev): the
 * messages seen, each series version and its outcome, the findings by
 * fingerprint across versions, the replies written, the runs.  Every
 * change of one step (an input's new messages, one series) is one
 * transaction, so a run killed midway loses nothing: what was not
 * committed is done again, to the same result, by the next run.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "bot.h"
#include "util.h"

static const char schema[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
	/* an input's position: an archive epoch and its last commit read */
	"CREATE TABLE IF NOT EXISTS cursor(source TEXT PRIMARY KEY, pos TEXT);"
	/* kind: patch, cover, other (no patch), malformed (no Message-ID) */
	"CREATE TABLE IF NOT EXISTS messages(msgid TEXT PRIMARY KEY, kind TEXT,"
	" subject TEXT, sender TEXT, recipients TEXT, cc TEXT, refs TEXT,"
	" in_reply_to TEXT, change_id TEXT, base_commit TEXT, version INTEGER,"
	" nr INTEGER, total INTEGER, date INTEGER, seen INTEGER, run INTEGER,"
	" root TEXT, raw BLOB);"
	/* one version of a series; status incomplete until it is complete
	 * (or waited too long), then clean, findings, does-not-apply,
	 * too-large, error, incomplete-gave-up */
	"CREATE TABLE IF NOT EXISTS series(root TEXT PRIMARY KEY, skey TEXT,"
	" version INTEGER, total INTEGER, subject TEXT, sender TEXT,"
	" status TEXT, final INTEGER, base TEXT, base_how TEXT, detail TEXT,"
	" first_seen INTEGER, run INTEGER);"
	/* a finding of a series (all its versions), by fingerprint */
	"CREATE TABLE IF NOT EXISTS findings(skey TEXT, fingerprint TEXT,"
	" first_version INTEGER, first_root TEXT, status TEXT,"
	" fixed_in INTEGER, PRIMARY KEY(skey, fingerprint));"
	/* what each version's lint found, per patch; new: reported here */
	"CREATE TABLE IF NOT EXISTS found(root TEXT, nr INTEGER,"
	" fingerprint TEXT, file TEXT, line INTEGER, col INTEGER, chk TEXT,"
	" message TEXT, diag TEXT, quote TEXT, new INTEGER,"
	" PRIMARY KEY(root, nr, fingerprint));"
	"CREATE TABLE IF NOT EXISTS replies(msgid TEXT PRIMARY KEY,"
	" patch TEXT, root TEXT, file TEXT, run INTEGER);"
	"CREATE TABLE IF NOT EXISTS runs(id INTEGER PRIMARY KEY, started INTEGER,"
	" finished INTEGER, messages INTEGER, series INTEGER, replies INTEGER);"
	"INSERT OR IGNORE INTO meta VALUES('schema', '1');";

struct sqlite3 *bot_db_open(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		fail("%s: cannot open the bot's database: %s", path,
		     db ? sqlite3_errmsg(db) : "out of memory");
	sqlite3_busy_timeout(db, 10000);
	/* WAL: a reader (the dashboard, sqlite3 by hand) never blocks a run */
	db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
	db_exec(db, schema);
	return db;
}

void bot_db_close(struct sqlite3 *db)
{
	sqlite3_close(db);
}

void db_exec(struct sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail("database: %s (in %.40s)", err ? err : "?", sql);
}

void db_begin(struct sqlite3 *db)
{
	db_exec(db, "BEGIN IMMEDIATE");
}

void db_commit(struct sqlite3 *db)
{
	db_exec(db, "COMMIT");
}

static sqlite3_stmt *prepare(struct sqlite3 *db, const char *sql,
			     const char *fmt, va_list ap)
{
	sqlite3_stmt *st;
	int i;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail("database: %s (in %.60s)", sqlite3_errmsg(db), sql);
	for (i = 0; fmt && fmt[i]; i++) {
		switch (fmt[i]) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (s)
				sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i + 1);
			break;
		}
		case 'i':
			sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'l':
			sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
			break;
		case 'b': {
			const void *b = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);

			sqlite3_bind_blob64(st, i + 1, b, n, SQLITE_TRANSIENT);
			break;
		}
		}
	}
	return st;
}

int db_run(struct sqlite3 *db, const char *sql, db_row_fn *row, void *arg,
	   const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	int rc, n = 0;

	va_start(ap, fmt);
	st = prepare(db, sql, fmt, ap);
	va_end(ap);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (row)
			row(st, arg);
		n++;
	}
	if (rc != SQLITE_DONE)
		fail("database: %s (in %.60s)", sqlite3_errmsg(db), sql);
	sqlite3_finalize(st);
	return n;
}

char *db_str(struct sqlite3 *db, const char *sql, const char *fmt, ...)
{
	va_list ap;
	sqlite3_stmt *st;
	char *r = NULL;

	va_start(ap, fmt);
	st = prepare(db, sql, fmt, ap);
	va_end(ap);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		r = col_str(st, 0);
	sqlite3_finalize(st);
	return r;
}

char *col_str(struct sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return xstrdup(s ? (const char *)s : "");
}
