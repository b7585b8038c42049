/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mail.h - one mail as a mailing list carries it, read and written with
 * GMime (Debian's libgmime-3.0-dev): folded and RFC 2047 encoded headers,
 * MIME parts, quoted-printable and base64 bodies, charsets converted to
 * UTF-8.  The one mail reader of the CLI: lint's mbox and mail input
 * (patch.c) and the review bot (cmd_bot.c).
 */
#ifndef PTEBATCH_MAIL_H
#define PTEBATCH_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

struct mail {
	char *message_id;	/* without <>, NULL when the mail has none */
	char *in_reply_to;	/* the first message-id of In-Reply-To, or NULL */
	char **refs;		/* References, oldest first */
	int nr_refs;
	char *subject;		/* decoded, unfolded ("" when none) */
	char *from;		/* "Name <addr>", decoded ("" when none) */
	char *from_name, *from_addr;
	char *to, *cc;		/* address lists, decoded ("" when none) */
	time_t date;		/* 0 when none or unreadable */
	char *body;		/* the text parts, decoded to UTF-8, in order */
};

/* Parse the mail RAW (LEN bytes, no mbox "From " line); false when GMime
 * finds no message in it.  M is filled either way (free with mail_free). */
bool mail_parse(const char *raw, size_t len, struct mail *m);
void mail_free(struct mail *m);

/*
 * Does TEXT start as a mail (a header block with From: or Subject: before
 * the first empty line) rather than as a plain diff?
 */
bool mail_looks_like(const char *text);

/*
 * Each message of the mbox TEXT (LEN bytes) to FN: its "From " line
 * (MARKER, without the newline) and the mail after it.  A message starts
 * at a "From " line ending in a date, followed by a header line (git
 * format-patch leaves "From " lines in commit messages unquoted).  Returns how many; 0 when
 * TEXT does not start as an mbox.  The splitter of lint (patch.c) and
 * the bot alike.
 */
typedef void mail_raw_fn(const char *marker, const char *raw, size_t len, void *arg);
int mail_mbox_each(const char *text, size_t len, mail_raw_fn *fn, void *arg);
bool mail_is_mbox(const char *text, size_t len);

/* A reply to write (mail_write()). */
struct mail_out {
	const char *from;		/* "Name <addr>" */
	const char *to, *cc;		/* address lists, may be NULL */
	const char *subject;
	const char *message_id;		/* without <> */
	const char *in_reply_to;	/* without <> */
	const char *references;		/* "<a> <b>", may be NULL */
	time_t date;
	const char *body;		/* UTF-8 text */
};

/* Write M as an RFC 5322 message (LF line ends) to OUT; -1 on error. */
int mail_write(const struct mail_out *m, FILE *out);

#endif
