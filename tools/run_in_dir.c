// SPDX-License-Identifier: GPL-2.0-only
/*
 * run_in_dir.c - run the engines on a file as a compiler started in another
 * directory (a compile database's "directory", a kernel tree) sees it, and
 * name the findings from here.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include "engine.h"

static char *rebase(const char *path, const char *from_dir, const char *to_dir)
{
	char *abs = path_join(from_dir, path);
	char *rel = path_relative_to(abs, to_dir);

	free(abs);
	return rel;
}

void findings_rebase(struct finding_list *l, size_t from, const char *from_dir,
		     const char *to_dir)
{
	size_t i;
	int j;

	for (i = from; i < l->n; i++) {
		struct finding *f = &l->v[i];
		char *p = rebase(f->file, from_dir, to_dir);

		free(f->file);
		f->file = p;
		for (j = 0; j < f->nr_notes; j++) {
			p = rebase(f->notes[j].file, from_dir, to_dir);
			free(f->notes[j].file);
			f->notes[j].file = p;
		}
	}
}

void engines_run_in_dir(const char *dir, const char *file,
			const struct run_opts *o, struct finding_list *l)
{
	char *cwd = current_dir(), *abs = path_join(cwd, file);
	char *rel = path_relative_to(abs, dir);
	size_t from = l->n;
	struct stat st;

	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		fail("cannot change to %s", dir);
	engines_run_at(dir, rel, rel, o, l);
	findings_rebase(l, from, dir, cwd);
	free(rel);
	free(abs);
	free(cwd);
}
