/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pch.h - a precompiled header for the analyze-only compiles of one kernel
 * directory (pch.c, docs/performance.md).
 */
#ifndef PTEBATCH_PCH_H
#define PTEBATCH_PCH_H

#include <stdbool.h>
#include "util.h"

struct pch_use {
	char *dir;			/* the PCH's entry in the cache */
	struct argv_buf headers;	/* what it holds, for the findings cache */
	char *findings;			/* its headers' vm-bug findings (JSON lines) */
};

/* PTEBATCH_PCH=0 turns it off; off with the findings cache too. */
bool pch_enabled(void);
/*
 * FLAGS (cflags_clean()'s) of FILE's compile in DIR, rewritten into OUT to
 * start from the precompiled header of FILE's directory (in TREE, if not
 * NULL: lint's copies of patched files), built first if there is none or a
 * header it holds changed.  False, OUT untouched, when the file or its
 * directory does not lend itself to one.
 */
bool pch_flags(const char *dir, const char *tree, const char *file,
	       const struct argv_buf *flags, struct argv_buf *out, struct pch_use *u);
void pch_use_free(struct pch_use *u);
void pch_trace(const char *file, const char *what);

#endif
