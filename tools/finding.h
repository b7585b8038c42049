/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * finding.h - one finding record, shared by every engine, output format
 * and subcommand of the ptebatch CLI, so that formats cannot disagree.
 */
#ifndef PTEBATCH_FINDING_H
#define PTEBATCH_FINDING_H

#include <stdio.h>
#include <stddef.h>

#define ENGINE_PLUGIN	1u
#define ENGINE_COCCI	2u

struct note {
	char *file;
	int line, column;
	char *message;
};

struct finding {
	char *file;
	int line, column;
	char check[32];
	unsigned int engines;
	char severity[12];
	char *function;
	char *message;
	struct note *notes;
	int nr_notes;
	char fingerprint[17];
	char *root;		/* the plugin's working directory, or NULL */
	int byte_columns;	/* "columns":"byte": a node without the sources */
};

struct finding_list {
	struct finding *v;
	size_t n, cap;
};

struct json_t;
/* Fill F from a findings object: NULL, or why it is not a finding. */
const char *finding_from_json(struct json_t *obj, struct finding *f);
/* Parsers return 0 and fill F, or -1 when LINE is not a finding. */
int finding_parse_json(const char *line, struct finding *f);
int finding_parse_gcc(const char *line, unsigned int engine, struct finding *f);

void finding_free(struct finding *f);
void findings_add(struct finding_list *l, struct finding *f);
/*
 * Merge the findings of one check on one statement (recording both
 * engines), sort, fingerprint.  Both engines place a finding where GCC
 * places the statement it concerns (the call's name, a ++/-- operator),
 * so a statement is its file, line and column.
 */
void findings_finish(struct finding_list *l);
void findings_clear(struct finding_list *l);
/* Append the findings of the JSON lines file PATH; -1 if unreadable.  A
 * line that is not a finding is an error naming the file and byte offset. */
int findings_load_jsonl(struct finding_list *l, const char *path);
/*
 * Append the records in the build log PATH (plugin output=-: each
 * compiler's stderr, which distcc and icecream relay): every line that
 * starts a findings object is one, any other line is the build's.  Byte
 * columns become display columns, and records without a root get the
 * directory make entered (Kbuild's "Entering directory" line) or the
 * current one.  Returns the number of records, -1 if unreadable.
 */
int findings_load_log(struct finding_list *l, const char *path);

const char *engine_name(unsigned int engines);
void fingerprint_of(const struct finding *f, char out[17]);

/* checks (from include/checks.def) */
struct check_desc {
	const char *cname;	/* nr_provenance: cocci/<cname>.cocci */
	const char *id;		/* nr-provenance */
	const char *summary;
};
extern const struct check_desc check_descs[];
extern const int nr_check_descs;
int check_index(const char *id);

#include "../include/json-write.h"

#endif
