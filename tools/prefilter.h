/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * prefilter.h - the work a C file needs, known before any compile: the
 * names its own text mentions against the rule table (include/rules.def)
 * and each Coccinelle rule's "// Triggers:" lines (cocci/rulegen.c).
 */
#ifndef PTEBATCH_PREFILTER_H
#define PTEBATCH_PREFILTER_H

#include <stdbool.h>
#include "engine.h"

/* The identifiers of a file's text (comments, strings and character
 * constants left out) and whether it writes "--", "-=" or "- 1", and
 * "--name". */
struct file_words;
/* NULL when PATH cannot be read (the engines then say so). */
struct file_words *file_words_read(const char *path);
void file_words_free(struct file_words *w);
bool file_words_has(const struct file_words *w, const char *word);
/*
 * A "// Triggers:" line's words (after the colon): true when W holds one
 * word of each ";"-separated part.  A word is an identifier, NAME* (a
 * prefix), *NAME (part of an identifier), "--" or "-=" (a decrement of
 * any form), "--x" (a prefix decrement of a name).
 */
bool file_words_match(const struct file_words *w, const char *line);

/*
 * Narrow O to the work FILE (the plugin's input) and COCCI_FILE (the
 * rules' input) need, both named from DIR: a check whose names the text
 * mentions not runs in neither engine (check_engines), and an engine left
 * with no check is dropped from O->engines.  Files that cannot be read are
 * left as they are.  PTEBATCH_PREFILTER_TRACE=FILE appends one line per
 * decision (the tests' window).
 */
void prefilter_narrow(const char *dir, const char *file, const char *cocci_file,
		      struct run_opts *o);

/*
 * A copy of COCCI_FILE (from DIR) for the rules O runs, the bodies of the
 * functions they cannot need emptied (lines and columns kept), in the
 * run's directory; NULL when they need the whole file.
 */
char *prefilter_focus(const char *dir, const char *cocci_file, const struct run_opts *o);

#endif
