/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bot.h - ptebatch bot: a mailing list's patch series, linted and answered
 * like a reviewer (docs/bot.md).  cmd_bot.c reads the messages and groups
 * the series, bot_apply.c applies one with git am in the bot's own
 * worktree and lints it with the lint modules, bot_reply.c writes the
 * replies and the dashboard, bot_db.c keeps the state in SQLite.
 */
#ifndef PTEBATCH_BOT_H
#define PTEBATCH_BOT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "finding.h"
#include "mail.h"

struct sqlite3;

struct bot_conf {
	const char *archive, *maildir, *mbox;	/* one input */
	const char *tree;	/* the kernel git tree (absolute) */
	const char *build;	/* the configured, built tree lint compiles in */
	const char *branch;	/* the base when base-commit: is not in the tree */
	const char *db, *outbox, *dashboard;
	const char *work;	/* the bot's worktree and scratch files */
	const char *from;	/* the replies' From: */
	const char *link;	/* Closes: link base, "https://lore.kernel.org/r/" */
	const char *checks;	/* --checks */
	long max_wait;		/* seconds an incomplete series waits */
	long max_bytes;		/* a series larger is not applied */
	time_t since;		/* mails dated before are not answered (0: all) */
	time_t now;
	bool quiet;
};

/* One message of the archive, as the state keeps it. */
struct bot_msg {
	char *msgid, *subject, *from, *to, *cc, *refs, *in_reply_to;
	char *change_id, *base_commit;
	int version, nr, total;		/* [PATCH vV NR/TOTAL]; nr 0: a cover */
	time_t date, seen;
	char *raw;
	size_t raw_len;
};
void bot_msg_free(struct bot_msg *m);

/* What the subject says: false when it is no patch (a reply, a question). */
bool bot_subject(const char *subject, int *version, int *nr, int *total);
/* The subject without "[PATCH ...]" and "Re:": what versions share. */
char *bot_subject_core(const char *subject);

/* ---- bot_db.c ---- */
struct sqlite3 *bot_db_open(const char *path);
void bot_db_close(struct sqlite3 *db);
/* Run SQL (no result rows); fails (exit 2) on an SQLite error. */
void db_exec(struct sqlite3 *db, const char *sql);
void db_begin(struct sqlite3 *db);
void db_commit(struct sqlite3 *db);
/* One prepared statement: "?" bound from FMT's letters (s: string,
 * i: int, l: long long, b: blob then its length), then stepped; each
 * result row to ROW (may be NULL).  Returns the number of rows. */
struct sqlite3_stmt;
typedef void db_row_fn(struct sqlite3_stmt *st, void *arg);
int db_run(struct sqlite3 *db, const char *sql, db_row_fn *row, void *arg,
	   const char *fmt, ...);
/* The first column of the first row as a string (allocated) or NULL. */
char *db_str(struct sqlite3 *db, const char *sql, const char *fmt, ...);
char *col_str(struct sqlite3_stmt *st, int i);	/* allocated, "" for NULL */

/* ---- bot_apply.c ---- */
struct bot_series {
	char *root;		/* message-id of the cover, else of patch 1 */
	char *key;		/* what its versions share: change-id or author+subject */
	struct bot_msg *cover;	/* or NULL */
	struct bot_msg **patch;	/* [0..total) */
	int version, total;
	/* the outcome */
	char *status;		/* clean, findings, does-not-apply, too-large, error */
	char *base, *base_how, *detail;
	struct finding_list *found;	/* per patch */
	char ***quote;		/* per patch, per finding: the quoted lines */
};
/* Base, git am, lint: fills S's outcome (status and the rest). */
void bot_apply_lint(const struct bot_conf *c, struct bot_series *s);
/* The kernel tree's configuration and compiler, for the replies. */
const char *bot_config_name(const struct bot_conf *c);
const char *bot_compiler(void);

/* ---- bot_reply.c ---- */
/* The reply to patch I of S for the findings NEW (indexes into
 * S->found[I]); writes it to the outbox (maildir new/, a name from its
 * message-id) and returns its message-id (allocated). */
char *bot_reply(const struct bot_conf *c, const struct bot_series *s, int i,
		const int *new_idx, int nr_new, char **file_out);
/* The dashboard of run RUN: DIR/run-RUN.html and DIR/index.html. */
void bot_dashboard(const struct bot_conf *c, struct sqlite3 *db, long run);
/* "a, b" HTML-escaped / as lines "> " quoted: allocated. */
char *html_escape(const char *s);

#endif
