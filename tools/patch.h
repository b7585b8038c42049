/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * patch.h - unified diffs: a series read from an mbox (git format-patch),
 * plain diffs or a git range; applying hunks to text kept in memory.
 */
#ifndef PTEBATCH_PATCH_H
#define PTEBATCH_PATCH_H

#include <stdbool.h>

struct text {			/* a file as lines, each with its '\n' */
	char **line;
	int n, cap;
};

struct hunk {
	int old_start, old_len, new_start, new_len;
	char *header;		/* "@@ -a,b +c,d @@ ..." */
	char **line;		/* ' ', '-' or '+' first */
	int n;
};

struct file_patch {
	char *old_path, *new_path;	/* NULL for /dev/null */
	char *old_blob;			/* git's "index OLD..NEW" line, or NULL */
	struct hunk *hunk;
	int nr_hunks;
};

struct patch {
	char *name;		/* "file.patch" or "file.mbox #2" */
	char *subject;
	char *commit;		/* mbox "From <sha>" */
	struct file_patch *file;
	int nr_files;
	int nr_lines;		/* lines of the patch text (the summary's) */
};

struct series {
	struct patch *v;
	int n;
};

/* Split TEXT (one diff, or an mbox of several) into patches; fails (exit 2)
 * on a malformed hunk. */
void series_parse(struct series *s, const char *text, const char *name);

void text_from_string(struct text *t, const char *s);
int text_load(struct text *t, const char *path);	/* -1: unreadable */
int text_save(const struct text *t, const char *path);	/* creates dirs */
void text_copy(struct text *dst, const struct text *src);
void text_free(struct text *t);

/*
 * Apply the hunks of FP to T in place.  A hunk must match exactly (no fuzz)
 * at its line or shifted by earlier changes.  Returns 0, or the 1-based
 * index of the hunk that does not apply.
 */
int file_patch_apply(const struct file_patch *fp, struct text *t);

/* Lines of the new file that FP adds (1-based, set in a 0-based array of
 * N_NEW entries), and lines next to which it deleted something. */
void file_patch_changed(const struct file_patch *fp, bool *added,
			bool *touched, int n_new);

/*
 * Function bodies of a C file in kernel style (the opening and closing
 * braces in column 0): for each line, the index of its function + 1, or 0.
 */
void c_functions(const struct text *t, int *func_of_line);
/* The name of the function around line LN (0-based), allocated; "" if none. */
char *c_function_at(const struct text *t, const int *func_of_line, int ln);
/*
 * A copy of T into OUT with the bodies of the functions not KEEP (by
 * c_functions() index) emptied: lines and columns kept, and so are the
 * preprocessor lines (an #if in a body stays paired).
 */
void c_blank_bodies(const struct text *t, const int *func_of_line,
		    const bool *keep, struct text *out);

char *read_all(const char *path);	/* "-": stdin; NULL if unreadable */

#endif
