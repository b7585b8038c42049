// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tiny test harness for the ptebatch reference model.
 *
 * Each test runs in a forked child so that a BUG() (abort) fails only
 * that test.  A test fails on a failed CHECK*(), on any model contract
 * error and on any VM_WARN_ON*() hit, unless it says it expects them.
 */
#ifndef PTEBATCH_TESTS_HARNESS_H
#define PTEBATCH_TESTS_HARNESS_H

#include <stdio.h>

#include "../include/model.h"

struct test {
	const char *name;
	void (*fn)(void);
};

extern unsigned long test_check_failures;
extern bool test_expect_model_errors;
extern bool test_verbose;

void test_fail(const char *file, int line, const char *what);

#define CHECK(cond) do {						\
	if (!(cond))							\
		test_fail(__FILE__, __LINE__, #cond);			\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (__a != __b) {						\
		char __msg[256];					\
		snprintf(__msg, sizeof(__msg), "%s == %s (%lld != %lld)", \
			 #a, #b, __a, __b);				\
		test_fail(__FILE__, __LINE__, __msg);			\
	}								\
} while (0)

extern const struct test model_tests[];
extern const struct test scenario_tests[];
extern const struct test random_tests[];

#endif /* PTEBATCH_TESTS_HARNESS_H */
