// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the reference test binaries (which must pass) and the bug-variant
 * binaries (which must fail), and prints one "N passed, N failed" line.
 *
 *   runner [--pass BIN]... [--fail NAME BIN PATCH]...
 *
 * A reference binary's own tests are counted one by one; a variant
 * counts as one test that passes when the model catches it (any test
 * fails, or the binary dies, e.g. on BUG()).  A variant's output goes to
 * BIN.log next to it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static unsigned int passed, failed;

static FILE *run(const char *bin, const char *redirect)
{
	char cmd[8192];
	FILE *f;

	snprintf(cmd, sizeof(cmd), "%.4000s %.4000s", bin, redirect);
	fflush(NULL);
	f = popen(cmd, "r");
	if (!f) {
		perror(cmd);
		exit(2);
	}
	return f;
}

static void run_pass(const char *bin)
{
	unsigned int p, f;
	bool summary = false;
	char line[4096];
	FILE *out = run(bin, "");
	int status;

	while (fgets(line, sizeof(line), out)) {
		if (sscanf(line, "%u passed, %u failed", &p, &f) == 2) {
			passed += p;
			failed += f;
			summary = true;
			continue;
		}
		fputs(line, stdout);
	}
	status = pclose(out);
	if (!summary || (status && !failed)) {
		printf("not ok - %s exited with status %#x\n", bin, status);
		failed++;
	}
}

static void expected_check(const char *patch, char *buf, size_t size)
{
	FILE *f = fopen(patch, "r");
	char line[512];

	snprintf(buf, size, "?");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Expect: ", 8)) {
			line[strcspn(line, "\n")] = 0;
			line[8 + (size - 1 < 400 ? size - 1 : 400)] = 0;
			memcpy(buf, line + 8, strlen(line + 8) + 1);
			break;
		}
	}
	fclose(f);
}

static void run_fail(const char *name, const char *bin, const char *patch)
{
	char line[4096], redirect[4200], log[4096], check[128], caught[1024];
	unsigned int p = 0, f = 0;
	FILE *out, *logf;
	int status;

	expected_check(patch, check, sizeof(check));
	snprintf(log, sizeof(log), "%.4000s.log", bin);
	snprintf(redirect, sizeof(redirect), "2>%.4000s.stderr", bin);
	logf = fopen(log, "w");
	out = run(bin, redirect);
	caught[0] = 0;
	while (fgets(line, sizeof(line), out)) {
		if (logf)
			fputs(line, logf);
		if (sscanf(line, "%u passed, %u failed", &p, &f) == 2)
			continue;
		if (!strncmp(line, "not ok - ", 9) &&
		    strlen(caught) + strlen(line) < sizeof(caught) - 4) {
			line[strcspn(line, "\n")] = 0;
			strcat(caught, caught[0] ? "; " : "");
			strcat(caught, line + 9);
		}
	}
	if (logf)
		fclose(logf);
	status = pclose(out);
	if (status && (f || WIFSIGNALED(status) || caught[0])) {
		printf("ok - variant %s [%s] fails the model: %s\n", name,
		       check, caught[0] ? caught : "binary died");
		passed++;
	} else {
		printf("not ok - variant %s [%s] passes the model (see %s)\n",
		       name, check, log);
		failed++;
	}
}

int main(int argc, char **argv)
{
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--pass") && i + 1 < argc) {
			run_pass(argv[++i]);
		} else if (!strcmp(argv[i], "--fail") && i + 3 < argc) {
			run_fail(argv[i + 1], argv[i + 2], argv[i + 3]);
			i += 3;
		} else {
			fprintf(stderr, "usage: runner [--pass BIN]... [--fail NAME BIN PATCH]...\n");
			return 2;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
