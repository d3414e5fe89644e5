/* SPDX-License-Identifier: GPL-2.0-only */
#include "test.h"

#define MAX_TESTS 256

static const struct test *tests[MAX_TESTS];
static int nr_tests;

void test_register(const struct test *t)
{
	if (nr_tests == MAX_TESTS) {
		fprintf(stderr, "more than %d tests: raise MAX_TESTS\n", MAX_TESTS);
		abort();
	}
	tests[nr_tests++] = t;
}

int main(void)
{
	int failures = 0;

	printf("1..%d\n", nr_tests);
	for (int i = 0; i < nr_tests; i++) {
		bool failed = false;

		tests[i]->fn(&failed);
		printf("%sok %d - %s\n", failed ? "not " : "", i + 1, tests[i]->name);
		failures += failed;
	}
	return failures ? 1 : 0;
}
