// SPDX-License-Identifier: GPL-2.0-only
/*
 * cflags.c - a file's real compiler flags (Kbuild .cmd files,
 * compile_commands.json), cleaned for an analyze-only plugin run.
 */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cflags.h"
#include "engine.h"

/* ---- paths ---- */

char *current_dir(void)
{
	char buf[PATH_MAX];

	if (!getcwd(buf, sizeof(buf)))
		fail("cannot get the current directory");
	return xstrdup(buf);
}

char *path_normalise(const char *path)
{
	char *copy = xstrdup(path), *out = xstrdup(path), *save = NULL, *c;
	char **parts = calloc(strlen(path) + 1, sizeof(*parts));
	int n = 0, i;
	bool abs = path[0] == '/';

	for (c = strtok_r(copy, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..") && n && strcmp(parts[n - 1], "..")) {
			n--;
			continue;
		}
		parts[n++] = c;
	}
	out[0] = 0;
	if (abs)
		strcat(out, "/");
	for (i = 0; i < n; i++) {
		strcat(out, parts[i]);
		if (i + 1 < n)
			strcat(out, "/");
	}
	if (!out[0])
		strcpy(out, ".");
	free(parts);
	free(copy);
	return out;
}

char *path_join(const char *dir, const char *path)
{
	char *j, *n;

	if (path[0] == '/' || !dir || !*dir)
		return path_normalise(path);
	j = xasprintf("%s/%s", dir, path);
	n = path_normalise(j);
	free(j);
	return n;
}

char *path_relative_to(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	if (!strncmp(path, dir, len) && path[len] == '/')
		return xstrdup(path + len + 1);
	return xstrdup(path);
}

/* ---- shell words ---- */

void shell_split(const char *p, struct argv_buf *out)
{
	size_t cap = strlen(p) + 1, n;
	char *w = malloc(cap);

	for (;;) {
		bool any = false;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p || *p == ';' || (p[0] == '&' && p[1] == '&'))
			break;
		for (n = 0; *p && !strchr(" \t\n;", *p); p++) {
			any = true;
			if (*p == '\'') {
				for (p++; *p && *p != '\''; p++)
					w[n++] = *p;
				if (!*p)
					break;
			} else if (*p == '"') {
				for (p++; *p && *p != '"'; p++) {
					if (*p == '\\' && p[1] && strchr("\"\\$`", p[1]))
						p++;
					w[n++] = *p;
				}
				if (!*p)
					break;
			} else if (*p == '\\' && p[1]) {
				w[n++] = *++p;
			} else {
				w[n++] = *p;
			}
		}
		w[n] = 0;
		if (any)
			argv_push(out, w);
		if (!*p)
			break;
	}
	free(w);
}

/* ---- compile_commands.json: an array of flat objects ---- */

static const char *ws(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

static const char *jstr(const char *p, char **out)
{
	size_t n = 0;
	char *s = malloc(strlen(p) + 1);

	if (*p++ != '"') {
		free(s);
		return NULL;
	}
	for (; *p && *p != '"'; p++) {
		if (*p == '\\') {
			p++;
			switch (*p) {
			case 'n': s[n++] = '\n'; break;
			case 't': s[n++] = '\t'; break;
			case 'u': s[n++] = '?'; p += 4; break;
			case 0: free(s); return NULL;
			default: s[n++] = *p;
			}
		} else {
			s[n++] = *p;
		}
	}
	s[n] = 0;
	if (*p != '"') {
		free(s);
		return NULL;
	}
	*out = s;
	return p + 1;
}

/* Skip any JSON value we do not need. */
static const char *jskip(const char *p)
{
	int depth = 0;
	char *s;

	p = ws(p);
	do {
		if (*p == '"') {
			p = jstr(p, &s);
			if (!p)
				return NULL;
			free(s);
			continue;
		}
		if (*p == '[' || *p == '{')
			depth++;
		else if (*p == ']' || *p == '}')
			depth--;
		else if (!*p)
			return NULL;
		p++;
		while (depth == 0 && (isalnum((unsigned char)*p) || *p == '.' ||
				      *p == '-' || *p == '+'))
			p++;
	} while (depth > 0);
	return p;
}

static const char *ccdb_entry_parse(const char *p, struct ccdb_entry *e)
{
	char *command = NULL, *file = NULL, *key;

	p = ws(p);
	if (*p++ != '{')
		return NULL;
	for (p = ws(p); *p == '"'; p = ws(p)) {
		p = jstr(p, &key);
		if (!p)
			return NULL;
		p = ws(p);
		if (*p++ != ':')
			return NULL;
		p = ws(p);
		if (!strcmp(key, "arguments") && *p == '[') {
			for (p = ws(p + 1); *p == '"'; p = ws(p)) {
				char *a;

				p = jstr(p, &a);
				if (!p)
					return NULL;
				argv_push(&e->argv, a);
				free(a);
				p = ws(p);
				if (*p == ',')
					p = ws(p + 1);
			}
			if (*p++ != ']')
				return NULL;
		} else if (*p == '"' && (!strcmp(key, "command") ||
				!strcmp(key, "directory") || !strcmp(key, "file"))) {
			char **dst = !strcmp(key, "command") ? &command :
				     !strcmp(key, "file") ? &file : &e->dir;

			free(*dst);
			p = jstr(p, dst);
		} else {
			p = jskip(p);
		}
		free(key);
		if (!p)
			return NULL;
		p = ws(p);
		if (*p == ',')
			p++;
	}
	if (*p++ != '}')
		return NULL;
	if (command && !e->argv.n)
		shell_split(command, &e->argv);
	free(command);
	if (!e->dir)
		e->dir = xstrdup(".");
	e->file = file ? path_join(e->dir, file) : NULL;
	free(file);
	return p;
}

static char *slurp(const char *path)
{
	FILE *in = fopen(path, "r");
	char *buf;
	long len;

	if (!in)
		return NULL;
	fseek(in, 0, SEEK_END);
	len = ftell(in);
	rewind(in);
	buf = malloc(len + 1);
	if (fread(buf, 1, len, in) != (size_t)len)
		len = 0;
	buf[len] = 0;
	fclose(in);
	return buf;
}

int ccdb_load(struct ccdb *db, const char *path)
{
	char *name = xasprintf("%s/compile_commands.json", path);
	char *text = slurp(name), *cwd = current_dir();
	struct stat st;
	const char *p;

	free(name);
	if (!text && !stat(path, &st) && S_ISREG(st.st_mode))
		text = slurp(path);
	if (!text)
		return -1;
	p = ws(text);
	if (*p++ != '[') {
		free(text);
		return -1;
	}
	for (p = ws(p); *p == '{'; p = ws(p)) {
		struct ccdb_entry e = { 0 };

		p = ccdb_entry_parse(p, &e);
		if (!p)
			break;
		if (e.file && e.argv.n) {
			char *abs = path_join(cwd, e.dir);

			free(e.dir);
			e.dir = abs;
			abs = path_join(e.dir, e.file);
			free(e.file);
			e.file = abs;
			db->v = realloc(db->v, (db->n + 1) * sizeof(*db->v));
			db->v[db->n++] = e;
		}
		p = ws(p);
		if (*p == ',')
			p++;
	}
	free(cwd);
	free(text);
	return p && *p == ']' ? 0 : -1;
}

const struct ccdb_entry *ccdb_find(const struct ccdb *db, const char *file)
{
	char *cwd = current_dir(), *abs = path_join(cwd, file);
	char real[PATH_MAX];
	const struct ccdb_entry *found = NULL;
	int i;

	for (i = 0; i < db->n && !found; i++)
		if (!strcmp(db->v[i].file, abs))
			found = &db->v[i];
	/* the same file through a symlink */
	if (!found && realpath(abs, real)) {
		for (i = 0; i < db->n && !found; i++) {
			char other[PATH_MAX];

			if (realpath(db->v[i].file, other) && !strcmp(other, real))
				found = &db->v[i];
		}
	}
	free(abs);
	free(cwd);
	return found;
}

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

/* ---- running in another directory ---- */

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

	if (chdir(dir))
		fail("cannot change to %s", dir);
	engines_run(rel, o, l);
	if (chdir(cwd))
		fail("cannot change back to %s", cwd);
	findings_rebase(l, from, dir, cwd);
	free(rel);
	free(abs);
	free(cwd);
}
