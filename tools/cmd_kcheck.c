// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_kcheck.c - ptebatch kcheck [--error] [--sparse] [--output=DIR]
 *                    [--format=F] [--engine=E] [--checks=IDS] [--strict]
 *                    [--baseline FILE]  $(CHECKFLAGS) $(c_flags) FILE.c
 *
 * The CHECK program of a kernel build: make C=1 CHECK="ptebatch kcheck".
 * Kbuild runs "$(CHECK) $(CHECKFLAGS) $(c_flags) $<" in the object tree.
 * CHECKFLAGS are sparse's (-D__STDC__, -Wbitwise, --arch=x86, -m64, ...)
 * and are dropped; c_flags are the compiler's and start with
 * -Wp,-MMD,<depfile>.  The plugin runs analyze-only with those flags, the
 * Coccinelle rules on the file, and the findings go to the build log in
 * GCC's format.  The build goes on unless --error.
 *
 * --sparse first runs sparse with the original arguments and passes its
 * output through, so CHECK= loses nothing.  --output=DIR writes each
 * file's findings as JSON lines for 'ptebatch report DIR'.  A header's
 * finding is printed once per build, as in a KCFLAGS build (once.h).
 *
 * Levels: as a build, vm-bug is opt-in: CF=-Wptebatch-vm-bug or make W=1;
 * CF=-Wno-ptebatch-ID turns a check off.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "baseline.h"
#include "cli_opts.h"
#include "cflags.h"
#include "cmds.h"
#include "../include/once.h"

/* Sparse's own options, when c_flags cannot be told apart (no -Wp,-MMD). */
static bool sparse_only(const char *a)
{
	static const char *const defs[] = {
		"-D__STDC__", "-D__CHECKER__", "-D__CHECK_ENDIAN__",
		"-mlittle-endian", "-mbig-endian",
	};
	size_t i;

	if (!strncmp(a, "--arch=", 7) || !strncmp(a, "-W", 2) ||
	    !strncmp(a, "-fmemcpy-max-count", 18) ||
	    !strncmp(a, "-fdiagnostic-prefix", 19) || !strncmp(a, "-fdump-", 7) ||
	    !strncmp(a, "-fmax-warnings", 14))
		return true;
	for (i = 0; i < sizeof(defs) / sizeof(defs[0]); i++)
		if (!strcmp(a, defs[i]))
			return true;
	return false;
}

static void kbuild_flags(int argc, char **argv, struct argv_buf *out)
{
	struct argv_buf keep = { 0 };
	int i, start = -1;

	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "-Wp,-MMD,", 9) || !strncmp(argv[i], "-Wp,-MD,", 8)) {
			start = i;
			break;
		}
	argv_push(&keep, "cc");		/* cflags_clean skips argv[0] */
	for (i = start < 0 ? 0 : start; i < argc; i++)
		if (start >= 0 || !sparse_only(argv[i]))
			argv_push(&keep, argv[i]);
	cflags_clean(keep.v, keep.n, NULL, out);
	argv_free(&keep);
}

/*
 * Runs sparse with Kbuild's arguments; its stdout and stderr into files of
 * the temporary directory (*out, *err), passed on by sparse_pass().
 */
static int run_sparse(int argc, char **argv, char **out, char **err)
{
	struct argv_buf a = { 0 };
	int i, status;

	argv_push(&a, getenv("PTEBATCH_SPARSE") ? getenv("PTEBATCH_SPARSE") : "sparse");
	for (i = 0; i < argc; i++)
		argv_push(&a, argv[i]);
	*out = xasprintf("%s/sparse.out", tmp_dir());
	*err = xasprintf("%s/sparse.err", tmp_dir());
	status = run_argv(a.v, *out, *err);
	if (status == 127)
		fail("cannot run '%s' (install sparse, or drop --sparse)", a.v[0]);
	argv_free(&a);
	return status;
}

static void copy_file(const char *path, FILE *to)
{
	FILE *in = fopen(path, "r");
	char buf[8192];
	size_t n;

	while (in && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		fwrite(buf, 1, n, to);
	if (in)
		fclose(in);
	fflush(to);
}

/*
 * sparse's output, unchanged, unless sparse reported errors on a file the
 * compiler compiles: then this sparse cannot check the tree (7.x headers
 * use __typeof_unqual__ under __CHECKER__, which Debian 12's sparse 0.6.4
 * does not know), and one line says so instead of its errors.  Returns
 * true when sparse's output was passed on.
 */
static char *first_error(const char *path)
{
	FILE *in = fopen(path, "r");
	char *line = NULL, *found = NULL;
	size_t cap = 0;

	while (in && !found && getline(&line, &cap, in) > 0) {
		char *e = strstr(line, ": error: ");

		/* quoted without the word, which a build log's reader (and
		 * Kbuild's probe) takes for an error of the build */
		if (e) {
			line[strcspn(line, "\n")] = 0;
			memmove(e + 1, e + 8, strlen(e + 8) + 1);
			found = xstrdup(line);
		}
	}
	free(line);
	if (in)
		fclose(in);
	return found;
}

static bool sparse_pass(const char *src, const char *out, const char *err)
{
	char *why = first_error(err);
	bool pass = !why;

	if (pass) {
		copy_file(out, stdout);
		copy_file(err, stderr);
	} else {
		fprintf(stderr, "ptebatch: note: %s: sparse cannot check this file, "
			"which the compiler compiles (%s): its output is left out, "
			"ptebatch's checks ran\n", src, why);
	}
	free(why);
	return pass;
}

/* SRC as the findings name it (path_canonical(): "./mm/x.c" is mm/x.c) */
static bool is_header_finding(const struct finding *f, const char *src)
{
	char *canon = path_canonical(src, NULL);
	bool other = strcmp(f->file, canon) != 0;

	free(canon);
	return other;
}

/* As the plugin does in a KCFLAGS build (once.h): a header's finding is
 * printed by the first file of the build that claims it. */
static bool claim(const char *dir, const struct finding *f)
{
	char *key = xasprintf("%s:%d:%d:%s", f->file, f->line, f->column, f->check);
	bool mine = pb_claim_once(dir, key);

	free(key);
	return mine;
}

static void write_jsonl(const char *dir, const char *src,
			const struct finding_list *l)
{
	const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
	char *path = xasprintf("%s/%s.%d.jsonl", dir, base, (int)getpid());
	FILE *out = fopen(path, "w");

	if (!out)
		fail("cannot write %s", path);
	out_json(out, l, NULL);
	fclose(out);
	free(path);
}

int cmd_kcheck(int argc, char **argv)
{
	struct cli_opts c;
	struct finding_list l = { 0 };
	bool error = false, sparse = false;
	const char *outdir = NULL, *src;
	char once[4096];
	int i, status = 0, sparse_status = 0;
	char *sparse_out = NULL, *sparse_err = NULL;
	size_t j, keep, len;

	cli_opts_init(&c);
	/* the work a file needs only (prefilter.c); --no-prefilter: all */
	c.run.prefilter = true;
	c.run.pch = true;		/* pch.c; PTEBATCH_PCH=0: off */
	for (i = 1; i < argc; i++) {
		if (cli_common_opt(&c, argc, argv, &i))
			continue;
		if (!strcmp(argv[i], "--error"))
			error = true;
		else if (!strcmp(argv[i], "--sparse"))
			sparse = true;
		else if (!strncmp(argv[i], "--output=", 9))
			outdir = argv[i] + 9;
		else
			break;	/* Kbuild's arguments start here */
	}
	if (i >= argc || argv[argc - 1][0] == '-')
		fail("no input file (usage: ptebatch kcheck [OPTIONS] $(CHECKFLAGS) $(c_flags) FILE.c)");
	src = argv[argc - 1];
	if (sparse)
		sparse_status = run_sparse(argc - i, argv + i, &sparse_out, &sparse_err);
	run_opts_build_levels(&c.run, argc - 1 - i, argv + i);
	kbuild_flags(argc - 1 - i, argv + i, &c.run.cflags);
	engines_available(&c.run);
	/*
	 * Kbuild's probe (scripts/checker-valid.sh: CHECK on a temporary file,
	 * not a .c, whose output must name no error) asks whether the checker
	 * works: ptebatch's engines do (engines_available() said so above, or
	 * failed), whatever the sparse beside them can parse.  Each file of
	 * the build then says what sparse could not check.
	 */
	len = strlen(src);
	if (len < 2 || strcmp(src + len - 2, ".c"))
		return EXIT_CLEAN;
	engines_run(src, &c.run, &l);
	if (sparse && !sparse_pass(src, sparse_out, sparse_err))
		sparse_status = 0;
	findings_finish(&l);
	if (c.baseline)
		baseline_apply(&l, c.baseline);
	if (outdir) {
		mkdir(outdir, 0777);
		write_jsonl(outdir, src, &l);
	}
	if (pb_once_dir(outdir, once, sizeof(once))) {
		for (j = keep = 0; j < l.n; j++) {
			if (is_header_finding(&l.v[j], src) && !claim(once, &l.v[j])) {
				finding_free(&l.v[j]);
				continue;
			}
			l.v[keep++] = l.v[j];
		}
		l.n = keep;
	}
	c.baseline = NULL;
	/* a compiler's diagnostics go to stderr, next to gcc's and sparse's */
	status = cli_emit(&c, c.fmt->stream == FMT_DIAG ? stderr : stdout,
			  &l, "kcheck");
	findings_clear(&l);
	argv_free(&c.run.cflags);
	if (sparse_status)
		return sparse_status;
	return error ? status : EXIT_CLEAN;
}
