// SPDX-License-Identifier: GPL-2.0-only
/* path.c - path helpers of the ptebatch CLI (lexical: no symlinks resolved). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util.h"

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

char *path_canonical(const char *path, const char *dir)
{
	char *d, *abs, *rel;

	if (!dir)
		return path_normalise(path);
	d = path_normalise(dir);
	abs = path_join(d, path);
	rel = path_relative_to(abs, d);
	free(abs);
	free(d);
	return rel;
}
