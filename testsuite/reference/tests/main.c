// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test runner of the ptebatch reference model: runs every test in a
 * forked child and prints "N passed, N failed" last.
 *
 *   reftest [-v] [NAME...]	run all tests, or those whose name contains NAME
 *
 * PTEBATCH_SEED / PTEBATCH_CASES / PTEBATCH_CASE drive the random test.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

unsigned long test_check_failures;
bool test_expect_model_errors;
bool test_verbose;

void test_fail(const char *file, int line, const char *what)
{
	test_check_failures++;
	if (test_check_failures <= 20)
		printf("#   check failed at %s:%d: %s\n", file, line, what);
}

static int run_in_child(const struct test *t)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 0;
	}
	if (!pid) {
		model.quiet = !test_verbose;
		model.log_enabled = true;
		model_reset();
		t->fn();
		if (model.errors && !test_expect_model_errors)
			test_fail(__FILE__, __LINE__, "model contract errors");
		if (model_warn_count && !test_expect_model_errors)
			test_fail(__FILE__, __LINE__, "VM_WARN_ON hit");
		fflush(NULL);
		_exit(test_check_failures ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 0;
	if (WIFSIGNALED(status)) {
		printf("#   killed by signal %d (BUG()?)\n", WTERMSIG(status));
		return 0;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static bool selected(const char *name, int argc, char **argv)
{
	int i, any = 0;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		any = 1;
		if (strstr(name, argv[i]))
			return true;
	}
	return !any;
}

int main(int argc, char **argv)
{
	const struct test *lists[] = { model_tests, scenario_tests,
				       random_tests };
	unsigned int passed = 0, failed = 0, i;
	const struct test *t;

	for (i = 1; i < (unsigned int)argc; i++)
		if (!strcmp(argv[i], "-v"))
			test_verbose = true;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		for (t = lists[i]; t->name; t++) {
			if (!selected(t->name, argc, argv))
				continue;
			if (run_in_child(t)) {
				passed++;
				printf("ok - %s\n", t->name);
			} else {
				failed++;
				printf("not ok - %s\n", t->name);
			}
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
