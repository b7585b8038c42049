/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cflags.h - a file's real compiler flags, from Kbuild's .cmd files or a
 * compile database, cleaned for an analyze-only run of the plugin.
 */
#ifndef PTEBATCH_CFLAGS_H
#define PTEBATCH_CFLAGS_H

#include "util.h"

/*
 * Keep what changes the code (defines, includes, target and language
 * options) from a compile command ARGV (compiler first): drop the compiler,
 * inputs, outputs, dependency files and warning options.  With DIR, paths
 * of include and plugin options become absolute (the command ran in DIR).
 */
void cflags_clean(char *const *argv, int argc, const char *dir,
		  struct argv_buf *out);
/*
 * Flags of SRC (relative to TREE) in a built kernel tree: its .cmd file,
 * TREE/compile_commands.json, or a sibling's .cmd in the same directory
 * (the flags of one directory differ only in KBUILD_BASENAME).  Absolute
 * paths.  Returns -1 when there are none.
 */
int tree_cflags(const char *tree, const char *src, struct argv_buf *out);

#endif
