/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * once.h - print a header's finding once per build, not once per
 * translation unit that includes the header.  Shared by the plugin (KCFLAGS
 * builds) and the CLI (kcheck), so both modes use one scheme.
 *
 * A build is the outermost make of the makes above the process
 * (pb_build_make), named by its pid and start time (a reused pid is another
 * build).  Its directory
 * ($TMPDIR/ptebatch-build.<pid>.<start>, or OUTPUT_DIR/.seen/ptebatch-build.
 * <pid>.<start> when an output directory is given) holds one stamp per
 * printed finding;
 * the process that creates the stamp (O_EXCL: atomic under make -j) prints
 * the finding, every other skips it.  Directories of builds whose make has
 * ended are removed when a new build makes its own.
 *
 * Plain C that compiles as C++ too; static functions, one copy per user.
 */
#ifndef PTEBATCH_ONCE_H
#define PTEBATCH_ONCE_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

/* pid's parent and start time (clock ticks since boot), from /proc; 0 if gone. */
static int pb_proc_stat(long pid, long *ppid, unsigned long long *start,
			char *comm, size_t comm_len)
{
	char path[64], buf[1024], *p, *close;
	size_t n;
	FILE *f;
	int field;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = 0;
	/* "pid (comm) state ppid ...": comm may hold spaces and ')' */
	p = strchr(buf, '(');
	close = strrchr(buf, ')');
	if (!p || !close || close < p)
		return 0;
	n = (size_t)(close - p - 1) < comm_len - 1 ? (size_t)(close - p - 1) : comm_len - 1;
	memcpy(comm, p + 1, n);
	comm[n] = 0;
	p = close + 2;		/* field 3, state */
	for (field = 3; field < 22 && p; field++) {
		if (field == 4)
			*ppid = strtol(p, NULL, 10);
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (!p)
		return 0;
	*start = strtoull(p, NULL, 10);
	return 1;
}

static int pb_is_make(const char *comm)
{
	return !strcmp(comm, "make") || !strcmp(comm, "gmake");
}

static int pb_is_shell(const char *comm)
{
	return !strcmp(comm, "sh") || !strcmp(comm, "dash") ||
	       !strcmp(comm, "bash") || !strcmp(comm, "ksh") || !strcmp(comm, "zsh");
}

/*
 * The build this process is a recipe of: the outermost make of the chain of
 * makes above it, where a make runs the next one directly or through one
 * shell (Kbuild's sub-makes).  Between this process and the first make
 * there may be compiler drivers and wrappers but one shell at most: a
 * script that runs the checker by hand is no build.  0 when there is none.
 */
static long pb_build_make(unsigned long long *start)
{
	long pid = getppid(), ppid, found = 0;
	unsigned long long st;
	char comm[64];
	int depth, shells = 0;

	for (depth = 0; pid > 1 && depth < 64; depth++) {
		ppid = 0;
		if (!pb_proc_stat(pid, &ppid, &st, comm, sizeof(comm)))
			break;
		if (pb_is_make(comm)) {
			found = pid;
			*start = st;
			shells = 0;
		} else if (pb_is_shell(comm)) {
			if (++shells > 1)
				break;
		} else if (found) {
			break;	/* makes and their recipe shells only */
		}
		pid = ppid;
	}
	return found;
}

/* Removes the stamps of builds whose make has ended. */
static void pb_reap_builds(const char *tmp)
{
	DIR *d = opendir(tmp);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		unsigned long long start, st;
		long pid, ppid;
		char comm[64], path[4096];
		DIR *sd;
		struct dirent *se;

		if (sscanf(e->d_name, "ptebatch-build.%ld.%llu", &pid, &start) != 2)
			continue;
		if (pb_proc_stat(pid, &ppid, &st, comm, sizeof(comm)) && st == start)
			continue;	/* still building */
		snprintf(path, sizeof(path), "%s/%s", tmp, e->d_name);
		sd = opendir(path);
		if (!sd)
			continue;
		while ((se = readdir(sd))) {
			char stamp[4096 + 256];

			if (se->d_name[0] == '.')
				continue;
			snprintf(stamp, sizeof(stamp), "%s/%s", path, se->d_name);
			unlink(stamp);
		}
		closedir(sd);
		rmdir(path);
	}
	closedir(d);
}

/*
 * The directory for this build's stamps, into BUF: the make's own, under
 * OUTPUT_DIR/.seen when the user gave an output directory, else under
 * $TMPDIR; OUTPUT_DIR/.seen itself outside make.  Each build has its own,
 * so a directory used again (after a build killed midway, say) hides no
 * finding of the next build.  False when the process does not run under
 * make and has no output directory: every finding is then printed.
 */
static int pb_once_dir(const char *output_dir, char *buf, size_t len)
{
	unsigned long long start = 0;
	const char *tmp = getenv("TMPDIR");
	char seen[2048];
	long make;

	make = pb_build_make(&start);
	if (output_dir) {
		snprintf(seen, sizeof(seen), "%.2000s/.seen", output_dir);
		if (!make) {
			snprintf(buf, len, "%s", seen);
			return 1;
		}
		mkdir(seen, 0777);
		tmp = seen;
	} else if (!make) {
		return 0;
	}
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(buf, len, "%s/ptebatch-build.%ld.%llu", tmp, make, start);
	if (access(buf, F_OK))
		pb_reap_builds(tmp);
	return 1;
}

/*
 * True when this process is the first of the build to claim KEY (file,
 * line, column and check of a finding): it prints the finding.  Errors
 * print rather than lose a finding.
 */
static int pb_claim_once(const char *dir, const char *key)	/* dir: NULL, all */
{
	unsigned int h = 2166136261u;	/* FNV-1a: a stable name for KEY */
	char path[4096 + 16];
	const char *k;
	int fd;

	if (!dir)
		return 1;
	for (k = key; *k; k++)
		h = (h ^ (unsigned char)*k) * 16777619u;
	mkdir(dir, 0777);
	snprintf(path, sizeof(path), "%s/%08x", dir, h);
	fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0666);
	if (fd < 0)
		return errno != EEXIST;
	close(fd);
	return 1;
}

#endif
