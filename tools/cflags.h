/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cflags.h - a file's real compiler flags, from Kbuild's .cmd files or a
 * compile_commands.json (scripts/clang-tools/gen_compile_commands.py),
 * cleaned for an analyze-only run of the plugin.
 */
#ifndef PTEBATCH_CFLAGS_H
#define PTEBATCH_CFLAGS_H

#include <stdbool.h>
#include "util.h"

struct ccdb_entry {
	char *dir;		/* "directory": where the compiler ran */
	char *file;		/* absolute, normalised */
	struct argv_buf argv;	/* the whole command, compiler first */
};

struct ccdb {
	struct ccdb_entry *v;
	int n;
};

/* Split a shell command line (quotes and backslashes) into words. */
void shell_split(const char *cmd, struct argv_buf *out);
/* Load DIR/compile_commands.json (or the file itself); -1 if unreadable. */
int ccdb_load(struct ccdb *db, const char *path);
/* The entry compiling FILE (any path naming it), or NULL. */
const struct ccdb_entry *ccdb_find(const struct ccdb *db, const char *file);

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

/* Path helpers: A/B normalised ("./" and "x/.." removed). */
char *path_join(const char *dir, const char *path);
char *path_normalise(const char *path);
/* PATH relative to DIR when inside it, else a copy. */
char *path_relative_to(const char *path, const char *dir);
char *current_dir(void);

struct run_opts;
struct finding_list;
/*
 * Run the engines on FILE as a compiler started in DIR would see it
 * (relative includes, diagnostics' paths), then give the findings paths
 * relative to the current directory.
 */
void engines_run_in_dir(const char *dir, const char *file,
			const struct run_opts *o, struct finding_list *l);
/* Rewrite the paths of findings FROM..end: relative to FROM_DIR -> relative
 * to TO_DIR (when inside it), "./" removed. */
void findings_rebase(struct finding_list *l, size_t from, const char *from_dir,
		     const char *to_dir);

#endif
