// SPDX-License-Identifier: GPL-2.0-only
/*
 * ccdb.c - load a compile database: an array of objects with "directory",
 * "file" and "command" or "arguments" (Clang's JSON Compilation Database).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ccdb.h"
#include "util.h"
#include "json_read.h"

struct load {
	struct ccdb *db;
	const char *cwd;
	int cap;
};

static const char *entry_parse(json_t *obj, void *arg)
{
	struct load *ld = arg;
	struct ccdb_entry e = { 0 };
	const char *why = NULL, *dir, *file, *command;
	json_t *args = json_object_get(obj, "arguments"), *a;
	size_t i;

	dir = json_member_str(obj, "directory", &why);
	file = json_member_str(obj, "file", &why);
	command = json_member_str(obj, "command", &why);
	if (why)
		return why;
	if (!dir)
		return "no \"directory\"";
	if (!file)
		return "no \"file\"";
	if (args && !json_is_array(args))
		return "\"arguments\" is not an array";
	if (!args && !command)
		return "neither \"arguments\" nor \"command\"";
	json_array_foreach(args, i, a) {
		if (!json_is_string(a)) {
			argv_free(&e.argv);
			return "\"arguments\" has a value that is not a string";
		}
		argv_push(&e.argv, json_string_value(a));
	}
	if (!args)
		shell_split(command, &e.argv);
	if (!e.argv.n)
		return "an empty command";
	e.dir = path_join(ld->cwd, dir);
	e.file = path_join(e.dir, file);
	if (ld->db->n == ld->cap) {
		ld->cap = ld->cap ? ld->cap * 2 : 64;
		ld->db->v = realloc(ld->db->v, ld->cap * sizeof(*ld->db->v));
		if (!ld->db->v)
			fail("%s: out of memory", ld->db->path);
	}
	ld->db->v[ld->db->n++] = e;
	return NULL;
}

int ccdb_load(struct ccdb *db, const char *path)
{
	char *name = xasprintf("%s/compile_commands.json", path);
	struct stat st;
	struct load ld = { db, NULL, 0 };
	size_t len;
	char *text;

	if (!stat(path, &st) && S_ISREG(st.st_mode)) {
		free(name);
		name = xstrdup(path);
	}
	text = file_read(name, &len);
	if (!text) {
		free(name);
		return -1;
	}
	db->path = name;
	ld.cwd = current_dir();
	json_array_each(name, text, len, entry_parse, &ld);
	free((char *)ld.cwd);
	free(text);
	return 0;
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

void ccdb_free(struct ccdb *db)
{
	int i;

	for (i = 0; i < db->n; i++) {
		free(db->v[i].dir);
		free(db->v[i].file);
		argv_free(&db->v[i].argv);
	}
	free(db->v);
	free(db->path);
	db->v = NULL;
	db->n = 0;
	db->path = NULL;
}
