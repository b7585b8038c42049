// SPDX-License-Identifier: GPL-2.0-only
/*
 * mail.c - mails read and written through GMime (mail.h).  GMime does
 * the parts a hand parser gets wrong on real list traffic: folded and
 * encoded headers, MIME structure, transfer encodings and charsets.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <gmime/gmime.h>
#include "mail.h"
#include "util.h"

static void gmime_once(void)
{
	static bool done;

	if (!done) {
		g_mime_init();
		done = true;
	}
}

/* A copy of a GLib string (NULL: ""), freed with free(). */
static char *dup_g(const char *s)
{
	return xstrdup(s ? s : "");
}

static char *list_string(InternetAddressList *l)
{
	char *s, *r;

	if (!l || !internet_address_list_length(l))
		return xstrdup("");
	s = internet_address_list_to_string(l, NULL, FALSE);
	r = dup_g(s);
	g_free(s);
	return r;
}

struct body_acc {
	GString *text;
};

/* Every text part that is not an attachment of another kind: text/plain,
 * text/x-patch, text/x-diff (git send-email, b4 and mailers' attachments) */
static void body_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	struct body_acc *acc = data;
	GMimeContentType *ct;
	char *t;

	if (!GMIME_IS_TEXT_PART(part))
		return;
	ct = g_mime_object_get_content_type(part);
	if (ct && g_mime_content_type_is_type(ct, "text", "html"))
		return;
	t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
	if (!t)
		return;
	if (acc->text->len && acc->text->str[acc->text->len - 1] != '\n')
		g_string_append_c(acc->text, '\n');
	g_string_append(acc->text, t);
	g_free(t);
}

/* A message-id without <>, allocated; NULL when TEXT holds none. */
static char *msgid_of(const char *text)
{
	char *id, *r;

	if (!text)
		return NULL;
	id = g_mime_utils_decode_message_id(text);
	if (!id || !*id) {
		g_free(id);
		return NULL;
	}
	r = xstrdup(id);
	g_free(id);
	return r;
}

bool mail_parse(const char *raw, size_t len, struct mail *m)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	GMimeObject *obj;
	GMimeReferences *refs;
	InternetAddressList *from;
	GDateTime *date;
	struct body_acc acc;
	const char *h;
	int i;

	gmime_once();
	memset(m, 0, sizeof(*m));
	stream = g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	if (!msg) {
		m->subject = xstrdup("");
		m->from = xstrdup("");
		m->from_name = xstrdup("");
		m->from_addr = xstrdup("");
		m->to = xstrdup("");
		m->cc = xstrdup("");
		m->body = xstrdup("");
		return false;
	}
	obj = GMIME_OBJECT(msg);
	m->message_id = msgid_of(g_mime_object_get_header(obj, "Message-ID"));
	h = g_mime_object_get_header(obj, "In-Reply-To");
	if (h) {
		refs = g_mime_references_parse(NULL, h);
		if (refs && g_mime_references_length(refs))
			m->in_reply_to = xstrdup(g_mime_references_get_message_id(refs, 0));
		if (refs)
			g_mime_references_free(refs);
	}
	h = g_mime_object_get_header(obj, "References");
	refs = h ? g_mime_references_parse(NULL, h) : NULL;
	if (refs) {
		m->nr_refs = g_mime_references_length(refs);
		m->refs = calloc(m->nr_refs + 1, sizeof(*m->refs));
		for (i = 0; i < m->nr_refs; i++)
			m->refs[i] = xstrdup(g_mime_references_get_message_id(refs, i));
		g_mime_references_free(refs);
	}
	m->subject = dup_g(g_mime_message_get_subject(msg));
	from = g_mime_message_get_from(msg);
	m->from = list_string(from);
	if (from && internet_address_list_length(from)) {
		InternetAddress *ia = internet_address_list_get_address(from, 0);

		m->from_name = dup_g(internet_address_get_name(ia));
		m->from_addr = dup_g(INTERNET_ADDRESS_IS_MAILBOX(ia) ?
			internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)) : "");
	} else {
		m->from_name = xstrdup("");
		m->from_addr = xstrdup("");
	}
	m->to = list_string(g_mime_message_get_to(msg));
	m->cc = list_string(g_mime_message_get_cc(msg));
	date = g_mime_message_get_date(msg);
	m->date = date ? (time_t)g_date_time_to_unix(date) : 0;
	acc.text = g_string_new(NULL);
	g_mime_message_foreach(msg, body_part, &acc);
	/* a message that is one text part is not reached by foreach */
	if (!acc.text->len && msg->mime_part)
		body_part(obj, msg->mime_part, &acc);
	m->body = xstrdup(acc.text->str);
	g_string_free(acc.text, TRUE);
	g_object_unref(msg);
	return true;
}

/* A header line at S (LEN bytes left): "Name:" */
static bool header_at(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && (isalnum((unsigned char)s[n]) || s[n] == '-'))
		n++;
	return n && n < len && s[n] == ':';
}

/*
 * An mbox message starts at a "From " line ending in a date, followed by a
 * header line: git format-patch, b4 and lei write unquoted "From "
 * lines in commit messages (mboxo), which a "From " line alone would split.
 */
static bool marker_at(const char *s, const char *end)
{
	const char *nl, *c, *e;

	if (end - s < 5 || strncmp(s, "From ", 5))
		return false;
	nl = memchr(s, '\n', end - s);
	if (!nl || !header_at(nl + 1, end - nl - 1))
		return false;
	/* and ending in asctime()'s "hh:mm:ss yyyy", as git mailsplit asks
	 * ("From SENDER Mon Sep 17 00:00:00 2001"): a commit message's "From
	 * 12:00:00 on, ..." before a Signed-off-by: is no new message */
	e = nl;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (e - s < 5 + 14)
		return false;
	c = e - 13;		/* "hh:mm:ss yyyy" */
	return isdigit((unsigned char)c[0]) && isdigit((unsigned char)c[1]) && c[2] == ':' &&
	       isdigit((unsigned char)c[3]) && isdigit((unsigned char)c[4]) && c[5] == ':' &&
	       isdigit((unsigned char)c[6]) && isdigit((unsigned char)c[7]) && c[8] == ' ' &&
	       isdigit((unsigned char)c[9]) && isdigit((unsigned char)c[10]) &&
	       isdigit((unsigned char)c[11]) && isdigit((unsigned char)c[12]);
}

bool mail_is_mbox(const char *text, size_t len)
{
	return marker_at(text, text + len);
}

int mail_mbox_each(const char *text, size_t len, mail_raw_fn *fn, void *arg)
{
	const char *end = text + len, *s = text, *from = NULL;
	int n = 0;

	for (;;) {
		bool at_end = s >= end;

		if (at_end || marker_at(s, end)) {
			if (from) {
				const char *nl = memchr(from, '\n', end - from);
				char *marker = xasprintf("%.*s", (int)(nl - from), from);

				fn(marker, nl + 1, s - (nl + 1), arg);
				free(marker);
				n++;
			}
			if (at_end)
				break;
			from = s;
		}
		s = memchr(s, '\n', end - s);
		s = s ? s + 1 : end;
	}
	return n;
}

void mail_free(struct mail *m)
{
	int i;

	free(m->message_id);
	free(m->in_reply_to);
	for (i = 0; i < m->nr_refs; i++)
		free(m->refs[i]);
	free(m->refs);
	free(m->subject);
	free(m->from);
	free(m->from_name);
	free(m->from_addr);
	free(m->to);
	free(m->cc);
	free(m->body);
	memset(m, 0, sizeof(*m));
}

bool mail_looks_like(const char *s)
{
	bool named = false;

	while (*s && *s != '\n' && *s != '\r') {
		const char *p = s;

		/* a line starting with blanks continues a folded header */
		if (*s != ' ' && *s != '\t') {
			while (*p && (isalnum((unsigned char)*p) || *p == '-'))
				p++;
			if (p == s || *p != ':')
				return false;
			if (!strncasecmp(s, "From:", 5) || !strncasecmp(s, "Subject:", 8))
				named = true;
		}
		s = strchr(s, '\n');
		if (!s)
			return false;
		s++;
	}
	return named && (*s == '\n' || *s == '\r');
}

int mail_write(const struct mail_out *m, FILE *out)
{
	GMimeMessage *msg;
	GMimeTextPart *part;
	GMimeObject *obj;
	GMimeFormatOptions *fo;
	GMimeStream *stream;
	InternetAddressList *l;
	GDateTime *date;
	char *s;
	ssize_t n;
	int status;

	gmime_once();
	msg = g_mime_message_new(TRUE);
	obj = GMIME_OBJECT(msg);
	l = internet_address_list_parse(NULL, m->from);
	if (l) {
		internet_address_list_append(g_mime_message_get_from(msg), l);
		g_object_unref(l);
	}
	if (m->to && *m->to && (l = internet_address_list_parse(NULL, m->to))) {
		internet_address_list_append(g_mime_message_get_to(msg), l);
		g_object_unref(l);
	}
	if (m->cc && *m->cc && (l = internet_address_list_parse(NULL, m->cc))) {
		internet_address_list_append(g_mime_message_get_cc(msg), l);
		g_object_unref(l);
	}
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	date = g_date_time_new_from_unix_utc(m->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	g_mime_message_set_message_id(msg, m->message_id);
	s = xasprintf("<%s>", m->in_reply_to);
	g_mime_object_set_header(obj, "In-Reply-To", s, NULL);
	free(s);
	if (m->references && *m->references)
		g_mime_object_set_header(obj, "References", m->references, NULL);
	part = g_mime_text_part_new_with_subtype("plain");
	g_mime_text_part_set_text(part, m->body);
	g_mime_text_part_set_charset(part, "utf-8");
	/* 8bit unless a line is too long for it: kernel lists read plain text */
	g_mime_part_set_content_encoding(GMIME_PART(part),
		g_mime_part_get_best_content_encoding(GMIME_PART(part),
						      GMIME_ENCODING_CONSTRAINT_8BIT));
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(part));
	g_object_unref(part);
	fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_UNIX);
	stream = g_mime_stream_file_new(out);
	g_mime_stream_file_set_owner(GMIME_STREAM_FILE(stream), FALSE);
	n = g_mime_object_write_to_stream(obj, fo, stream);
	status = n < 0 || g_mime_stream_flush(stream) ? -1 : 0;
	g_object_unref(stream);
	g_mime_format_options_free(fo);
	g_object_unref(msg);
	return status;
}
