// SPDX-License-Identifier: GPL-2.0-only
/*
 * cflags.c - a file's real compiler flags (Kbuild .cmd files, a compile
 * database), cleaned for an analyze-only plugin run.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ccdb.h"
#include "cflags.h"

/* ---- cleaning ---- */

static const char *const path_opts[] = {
	"-I", "-isystem", "-iquote", "-idirafter", "-include", "-imacros",
};
static const char *const arg_opts[] = {	/* take the next word */
	"-o", "-MF", "-MT", "-MQ", "-D", "-U", "-x", "-Xpreprocessor",
	"-I", "-isystem", "-iquote", "-idirafter", "-include", "-imacros",
};
static const char *const dropped[] = {
	"-c", "-S", "-E", "-MD", "-MMD", "-MP", "-M", "-MM", "-pipe",
};

/*
 * What a LLVM=1 build gives clang and gcc does not know.  The plugin runs
 * through gcc with the rest: these choose clang's target, assembler, thunk
 * names and stack alignment, nothing the analysis sees.
 */
static const char *const clang_only[] = {
	"--target=", "--prefix=", "-fintegrated-as", "-fno-integrated-as",
	"-Qunused-arguments", "-mretpoline", "-mstack-alignment=",
	"-mno-global-merge",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static bool clang_option(const char *a)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(clang_only); i++)
		if (!strncmp(a, clang_only[i], strlen(clang_only[i])))
			return true;
	return false;
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/* -Ifoo / -include foo: absolute against DIR. */
static void push_path_opt(struct argv_buf *out, const char *opt,
			  const char *val, const char *dir, bool joined)
{
	char *abs = dir ? path_join(dir, val) : xstrdup(val);
	char *s;

	if (joined) {
		s = xasprintf("%s%s", opt, abs);
		argv_push(out, s);
		free(s);
	} else {
		argv_push(out, opt);
		argv_push(out, abs);
	}
	free(abs);
}

void cflags_clean(char *const *argv, int argc, const char *dir,
		  struct argv_buf *out)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;

		if (a[0] != '-')
			continue;		/* an input file */
		if (in_list(a, dropped, ARRAY_SIZE(dropped)) || clang_option(a))
			continue;
		if (!strcmp(a, "-mllvm") && next) {
			i++;
			continue;
		}
		/* warnings only change what gcc says, and -Werror=... could
		 * fail an analysis run; -Wp,-MMD,dep would clobber Kbuild's
		 * dependency file */
		if (!strncmp(a, "-W", 2) || !strcmp(a, "-w"))
			continue;
		if (in_list(a, arg_opts, ARRAY_SIZE(arg_opts)) && next) {
			if (in_list(a, path_opts, ARRAY_SIZE(path_opts)))
				push_path_opt(out, a, next, dir, false);
			else if (strcmp(a, "-o") && strncmp(a, "-M", 2) &&
				 strcmp(a, "-x")) {
				argv_push(out, a);
				argv_push(out, next);
			}
			i++;
			continue;
		}
		if (!strncmp(a, "-I", 2)) {
			push_path_opt(out, "-I", a + 2, dir, true);
			continue;
		}
		/* a tree built with KCFLAGS=-fplugin=...ptebatch_plugin.so: the
		 * engine loads its own plugin with its own output */
		if ((!strncmp(a, "-fplugin=", 9) && strstr(a, "ptebatch_plugin")) ||
		    !strncmp(a, "-fplugin-arg-ptebatch_plugin-", 29))
			continue;
		if (!strncmp(a, "-fplugin=", 9)) {
			push_path_opt(out, "-fplugin=", a + 9, dir, true);
			continue;
		}
		if (!strncmp(a, "-MF", 3) || !strncmp(a, "-MT", 3) ||
		    !strncmp(a, "-MQ", 3) || !strncmp(a, "-o", 2))
			continue;
		argv_push(out, a);
	}
}

/* ---- flags from a built tree ---- */

static int cmd_file_flags(const char *tree, const char *cmdfile,
			  const char *base, struct argv_buf *out)
{
	char *line = first_line_with(cmdfile, ":= ");
	char *cmd = strstr(line, ":= ");
	struct argv_buf a = { 0 };
	int i;

	if (!cmd || (strncmp(line, "savedcmd_", 9) && strncmp(line, "cmd_", 4))) {
		free(line);
		return -1;
	}
	shell_split(cmd + 3, &a);
	free(line);
	if (a.n < 2)
		return -1;
	/* a sibling's flags: this file's names */
	for (i = 0; base && i < a.n; i++) {
		char *s = NULL;

		if (!strncmp(a.v[i], "-DKBUILD_BASENAME=", 18))
			s = xasprintf("-DKBUILD_BASENAME=\"%s\"", base);
		else if (!strncmp(a.v[i], "-D__KBUILD_MODNAME=kmod_", 24))
			s = xasprintf("-D__KBUILD_MODNAME=kmod_%s", base);
		if (s) {
			free(a.v[i]);
			a.v[i] = s;
		}
	}
	cflags_clean(a.v, a.n, tree, out);
	argv_free(&a);
	return 0;
}

int tree_cflags(const char *tree, const char *src, struct argv_buf *out)
{
	char *dir = xstrdup(src), *slash = strrchr(dir, '/');
	const char *name = slash ? slash + 1 : src;
	char *base = xstrdup(name), *dot = strrchr(base, '.');
	char *cmdfile, *dpath;
	static struct ccdb db;
	static int db_loaded;
	const struct ccdb_entry *e;
	DIR *d;
	struct dirent *de;
	int ret = -1;

	if (dot)
		*dot = 0;
	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	cmdfile = xasprintf("%s/%s/.%s.o.cmd", tree, dir, base);
	if (!access(cmdfile, R_OK) && !cmd_file_flags(tree, cmdfile, NULL, out)) {
		ret = 0;
		goto out;
	}
	if (!db_loaded++)
		ccdb_load(&db, tree);
	{
		char *abs = path_join(tree, src);

		e = ccdb_find(&db, abs);
		free(abs);
	}
	if (e) {
		cflags_clean(e->argv.v, e->argv.n, e->dir, out);
		ret = 0;
		goto out;
	}
	dpath = xasprintf("%s/%s", tree, dir);
	d = opendir(dpath);
	free(dpath);
	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char *sib;

		if (de->d_name[0] != '.' || len < 7 ||
		    strcmp(de->d_name + len - 6, ".o.cmd"))
			continue;
		sib = xasprintf("%s/%s/%s", tree, dir, de->d_name);
		ret = cmd_file_flags(tree, sib, base, out);
		free(sib);
		if (!ret)
			break;
	}
	if (d)
		closedir(d);
out:
	free(cmdfile);
	free(dir);
	free(base);
	return ret;
}
