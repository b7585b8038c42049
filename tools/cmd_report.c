// SPDX-License-Identifier: GPL-2.0-only
/*
 * cmd_report.c - ptebatch report [--format=F] [--checks=IDS]
 *                    [--baseline FILE] DIR|FILE.jsonl|BUILD.log...
 *
 * Aggregates a KCFLAGS build: every cc1 that loaded the plugin with
 * -fplugin-arg-ptebatch_plugin-output=DIR wrote DIR/<tu>.<pid>.jsonl, or,
 * with output=-, its records on stderr, into the build log (where distcc
 * and icecream bring a remote compile's stderr back).  A
 * finding in a header appears once per file that includes it; here it is
 * one finding (same file, line and check).  Each record names the
 * compiler's directory ("root"), so paths and fingerprints do not depend on
 * where report runs.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli_opts.h"
#include "cmds.h"

static int load_path(struct finding_list *l, const char *path)
{
	struct stat st;
	struct dirent **names;
	int i, n, files = 0;

	if (stat(path, &st))
		fail("%s: No such file or directory", path);
	if (!S_ISDIR(st.st_mode)) {
		size_t len = strlen(path);

		if (len > 6 && !strcmp(path + len - 6, ".jsonl")) {
			if (findings_load_jsonl(l, path))
				fail("%s: cannot read", path);
		} else if (findings_load_log(l, path) < 0) {
			fail("%s: cannot read", path);
		}
		return 1;
	}
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0)
		fail("%s: cannot read the directory", path);
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);

		if (len > 6 && !strcmp(names[i]->d_name + len - 6, ".jsonl")) {
			char *p = xasprintf("%s/%s", path, names[i]->d_name);

			findings_load_jsonl(l, p);
			free(p);
			files++;
		}
		free(names[i]);
	}
	free(names);
	return files;
}

int cmd_report(int argc, char **argv)
{
	struct cli_opts c;
	struct finding_list l = { 0 };
	int i, files = 0, inputs = 0, status;
	size_t j, keep;

	cli_opts_init(&c);
	for (i = 1; i < argc; i++) {
		if (cli_common_opt(&c, argc, argv, &i))
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			fail("unknown option '%s' (see 'ptebatch report --help')", argv[i]);
		files += load_path(&l, argv[i]);
		inputs++;
	}
	if (!inputs)
		fail("no input (usage: ptebatch report [OPTIONS] DIR|FILE.jsonl|BUILD.log...)");
	if (!files)
		fail("no .jsonl files in the input: was the build run with "
		     "-fplugin-arg-ptebatch_plugin-output=DIR?");
	/* "./include/x.h" and "include/x.h" are one header */
	for (j = keep = 0; j < l.n; j++) {
		struct finding *f = &l.v[j];
		char *p = path_normalise(f->file);

		free(f->file);
		f->file = p;
		if (c.run.filtered && !run_opts_wants(&c.run, check_index(f->check))) {
			finding_free(f);
			continue;
		}
		l.v[keep++] = *f;
	}
	l.n = keep;
	findings_finish(&l);
	status = cli_emit(&c, stdout, &l, "report");
	findings_clear(&l);
	return status;
}
