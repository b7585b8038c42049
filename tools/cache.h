/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cache.h - the findings cache: an engine's output for one input, kept
 * under $XDG_CACHE_HOME/ptebatch (default ~/.cache/ptebatch) and keyed by
 * content: the input file's bytes, the engine's arguments, the plugin's
 * or the rules' bytes, the compiler's or spatch's identity, and for the
 * plugin the bytes of every header the compile read (gcc -H, checked at
 * each use).  Bounded in size (PTEBATCH_CACHE_SIZE, bytes, K/M/G
 * suffix; default 256M: the least recently used entries go); an entry is
 * written to a temporary file and renamed, so concurrent runs see a whole
 * entry or none; an entry that does not read back whole (its checksum) is
 * ignored and removed.  PTEBATCH_FINDINGS_CACHE=0 turns it off.
 */
#ifndef PTEBATCH_CACHE_H
#define PTEBATCH_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <nettle/sha2.h>

/* SHA-256, nettle's */
struct digest {
	struct sha256_ctx ctx;
};
void digest_init(struct digest *s);
void digest_update(struct digest *s, const void *data, size_t len);
void digest_final(struct digest *s, unsigned char out[32]);
/* false when the file cannot be read; once per run while it stays */
bool digest_file(const char *path, unsigned char out[32]);

/* Key parts: a string with every occurrence of the path ANON replaced by
 * a placeholder (a run's private directory: the same work in another
 * run has the same key), then a separator. */
void cache_key_str(struct digest *s, const char *str, const char *anon);
/* A file's bytes (false, and nothing added, when it cannot be read). */
bool cache_key_file(struct digest *s, const char *path);
/* A program's identity: its path found through PATH, size and mtime. */
void cache_key_prog(struct digest *s, const char *prog);

bool cache_enabled(void);
/* $XDG_CACHE_HOME/ptebatch (or ~/.cache/ptebatch), not made; NULL: none */
const char *cache_root(void);
/* PTEBATCH_CACHE_SIZE in bytes (default 256M) */
unsigned long long cache_size_limit(void);
/*
 * KEY's output into OUT_PATH, the placeholder turned back into ANON; true
 * on a hit.  DIR: where the depfile's relative paths start (NULL: here).
 */
bool cache_get(const unsigned char key[32], const char *anon, const char *dir,
	       const char *out_path);
/* Store OUT_PATH's bytes under KEY, with the bytes of the HEADERS read
 * (NULL: none; relative to DIR), ANON replaced by the placeholder. */
struct argv_buf;
void cache_put(const unsigned char key[32], const char *anon, const char *dir,
	       const char *out_path, const struct argv_buf *headers);

#endif
