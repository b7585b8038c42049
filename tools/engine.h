/* SPDX-License-Identifier: GPL-2.0-only */
/* engine.h - running the two engines on one C file. */
#ifndef PTEBATCH_ENGINE_H
#define PTEBATCH_ENGINE_H

#include <stdbool.h>
#include "finding.h"
#include "util.h"
#include "pch.h"

struct run_opts {
	unsigned int engines;		/* ENGINE_PLUGIN | ENGINE_COCCI */
	bool only[64];			/* --checks, by check_descs index */
	bool filtered;
	/* per check, the engines that run it when not 0 (lint's code before
	 * the patch asks each candidate of the engine that found it) */
	unsigned int check_engines[64];
	bool strict;
	bool static_helpers;		/* nr-zero: static helpers' definitions (lint) */
	bool prefilter;			/* run only what the file's text can need (prefilter.c) */
	bool pch;			/* a directory's precompiled header (pch.c) */
	const char *tree;		/* the kernel tree of the files (lint's overlays), NULL: DIR */
	struct argv_buf cflags;		/* compiler flags for the plugin run */
};

/* Parse "--checks=a,b" into O; fails (exit 2) on an unknown ID. */
void run_opts_checks(struct run_opts *o, const char *list);
bool run_opts_wants(const struct run_opts *o, int check);
/* ... of ENGINE (ENGINE_PLUGIN or ENGINE_COCCI) */
bool run_opts_wants_of(const struct run_opts *o, int check, unsigned int engine);
/* A build's levels from KBUILD_EXTRA_WARN and -W[no-]ptebatch-ID in ARGV. */
void run_opts_build_levels(struct run_opts *o, int argc, char **argv);
/* Fails (exit 2) unless the engines O asks for can run here. */
void engines_available(const struct run_opts *o);

/*
 * Every engine runs in a directory given as data, DIR (NULL: the current
 * one): its process starts there, as a compiler started there would
 * (relative includes, diagnostics' paths); the CLI never changes its own.
 * FILE is named as seen from DIR, and so are the findings' paths, made
 * canonical where each finding is created (path_canonical()).
 */

/* The plugin's compile of FILE in the background; finish() waits for it
 * and adds its findings.  When it fails, finish() fails with a one-line
 * message (exit 2) if MUST, else returns its status. */
struct plugin_job {
	pid_t pid;
	char *dir, *file, *out, *err;
	/* the findings cache (cache.h): the compile's key; a hit has no pid */
	unsigned char key[32];
	bool keyed, cached;
	/* from the directory's precompiled header (pch.c): the compile
	 * without it, should GCC refuse it */
	struct pch_use pch;
	struct argv_buf fallback;
	bool vm_bug;
};
void engine_plugin_start(struct plugin_job *j, const char *dir, const char *file,
			 const struct run_opts *o);
int engine_plugin_finish(struct plugin_job *j, struct finding_list *l, bool must);

/* Each returns 0, or fails with a one-line message (exit 2). */
int engine_plugin(const char *dir, const char *file, const struct run_opts *o,
		  struct finding_list *l);
int engine_cocci(const char *dir, const char *file, const struct run_opts *o,
		 struct finding_list *l);
/* Write the rule files PATHS as one rule to OUT_PATH, for one spatch; fails
 * (exit 2) when two of them share a rule or Python name (cocci_merge.c). */
void cocci_merge(char **paths, int nr, const char *out_path);
/* Both, as O asks, in DIR; the Coccinelle rules on COCCI_FILE (FILE, or a
 * copy of it with only some function bodies): their findings get FILE's
 * name. */
void engines_run_at(const char *dir, const char *file, const char *cocci_file,
		    const struct run_opts *o, struct finding_list *l);
/* The same; HEARD(ARG, L, FROM) is called with the plugin's findings
 * (L's FROM..end) while the rules still run. */
typedef void plugin_heard_fn(void *arg, struct finding_list *l, size_t from);
void engines_run_heard(const char *dir, const char *file, const char *cocci_file,
		       const struct run_opts *o, struct finding_list *l,
		       plugin_heard_fn *heard, void *arg);
/* Both on FILE, in the current directory. */
void engines_run(const char *file, const struct run_opts *o,
		 struct finding_list *l);

/*
 * Run the engines on FILE (named from the current directory) in DIR, as a
 * compiler started there would see it, then give the findings paths
 * relative to the current directory (run_in_dir.c).
 */
void engines_run_in_dir(const char *dir, const char *file,
			const struct run_opts *o, struct finding_list *l);
/* Rewrite the paths of findings FROM..end: relative to FROM_DIR -> relative
 * to TO_DIR (when inside it), "./" removed. */
void findings_rebase(struct finding_list *l, size_t from, const char *from_dir,
		     const char *to_dir);

#endif
