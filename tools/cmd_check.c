// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_check.c - ptebatch check [--format=F] [--engine=E] [--checks=ID,...]
 *                              [--strict] [--baseline FILE] [-p DIR]
 *                              FILE.c... [-- EXTRA-CFLAGS...]
 *
 * Runs both engines on standalone C files, merges their findings (one per
 * file, line and check, recording both engines), sorts and prints them.
 * With -p DIR each file gets its real flags from DIR/compile_commands.json
 * (the kernel's scripts/clang-tools/gen_compile_commands.py) and is
 * analysed from the directory its compiler ran in.
 */
#include <stdlib.h>
#include <string.h>
#include "cli_opts.h"
#include "ccdb.h"
#include "cflags.h"
#include "cmds.h"

static void check_with_ccdb(const struct ccdb *db, const char *file, const struct run_opts *o,
			    struct finding_list *l)
{
	const struct ccdb_entry *e = ccdb_find(db, file);
	struct run_opts fo = *o;
	int i;

	if (!e)
		fail("%s: not in %s", file, db->path);
	memset(&fo.cflags, 0, sizeof(fo.cflags));
	cflags_clean(e->argv.v, e->argv.n, e->dir, &fo.cflags);
	for (i = 0; i < o->cflags.n; i++)
		argv_push(&fo.cflags, o->cflags.v[i]);
	engines_run_in_dir(e->dir, file, &fo, l);
	argv_free(&fo.cflags);
}

int cmd_check(int argc, char **argv)
{
	struct cli_opts c;
	struct finding_list l = { 0 };
	const char **files = calloc(argc + 1, sizeof(*files));
	const char *dbdir = NULL;
	struct ccdb db = { 0 };
	int nr_files = 0, i;

	cli_opts_init(&c);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			for (i++; i < argc; i++)
				argv_push(&c.run.cflags, argv[i]);
			break;
		}
		if (cli_common_opt(&c, argc, argv, &i))
			continue;
		if (!strcmp(a, "-p") && i + 1 < argc)
			dbdir = argv[++i];
		else if (!strncmp(a, "-p", 2) && a[2])
			dbdir = a + 2;
		else if (a[0] == '-' && a[1])
			fail("unknown option '%s' (see 'ptebatch check --help')", a);
		else
			files[nr_files++] = a;
	}
	if (!nr_files)
		fail("no input files (usage: ptebatch check [OPTIONS] FILE.c... [-- CFLAGS])");
	if (dbdir && ccdb_load(&db, dbdir))
		fail("cannot read %s/compile_commands.json: %m", dbdir);
	engines_available(&c.run);
	for (i = 0; i < nr_files; i++) {
		if (dbdir)
			check_with_ccdb(&db, files[i], &c.run, &l);
		else
			engines_run(files[i], &c.run, &l);
	}
	findings_finish(&l);
	i = cli_emit(&c, stdout, &l, "check");
	findings_clear(&l);
	ccdb_free(&db);
	argv_free(&c.run.cflags);
	free(files);
	return i;
}
