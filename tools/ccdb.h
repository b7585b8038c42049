/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ccdb.h - a compile database (compile_commands.json, as the kernel's
 * scripts/clang-tools/gen_compile_commands.py writes it).
 */
#ifndef PTEBATCH_CCDB_H
#define PTEBATCH_CCDB_H

#include "util.h"

struct ccdb_entry {
	char *dir;		/* "directory": where the compiler ran, absolute */
	char *file;		/* absolute, normalised */
	struct argv_buf argv;	/* the whole command, compiler first */
};

struct ccdb {
	struct ccdb_entry *v;
	int n;
	char *path;		/* the file read, for messages */
};

/*
 * Load DIR/compile_commands.json, or PATH itself when it is a file.
 * Returns -1 when there is none; a database that does not parse is an
 * error (exit 2) naming the file and the byte offset.
 */
int ccdb_load(struct ccdb *db, const char *path);
/* The entry compiling FILE (any path naming it), or NULL. */
const struct ccdb_entry *ccdb_find(const struct ccdb *db, const char *file);
void ccdb_free(struct ccdb *db);

#endif
