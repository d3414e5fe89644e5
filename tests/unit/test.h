/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A minimal unit-test harness: TEST(name) { ... } registers a test; the
 * ASSERT_* macros end it with a message on failure. Output is TAP, so meson
 * counts each test.
 */
#ifndef CELLFLASH_TEST_H
#define CELLFLASH_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct test {
	const char *name;
	void (*fn)(bool *failed);
};

void test_register(const struct test *t);

#define TEST(name)							\
	static void test_##name(bool *__failed);			\
	__attribute__((constructor)) static void register_##name(void)	\
	{								\
		static const struct test t = { #name, test_##name };	\
		test_register(&t);					\
	}								\
	static void test_##name(bool *__failed)

#define FAIL_AT(...)							\
	do {								\
		printf("# %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
		*__failed = true;					\
		return;							\
	} while (0)

#define ASSERT_TRUE(e) do { if (!(e)) FAIL_AT("expected %s", #e); } while (0)
#define ASSERT_FALSE(e) do { if (e) FAIL_AT("expected !(%s)", #e); } while (0)
#define ASSERT_EQ(a, b)							\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		if (__a != __b)						\
			FAIL_AT("%s == %lld, expected %s == %lld", #a, __a, #b, __b); \
	} while (0)
#define ASSERT_U64_EQ(a, b)						\
	do {								\
		uint64_t __a = (a), __b = (b);				\
		if (__a != __b)						\
			FAIL_AT("%s == %" PRIu64 ", expected %" PRIu64, #a, __a, __b); \
	} while (0)
#define ASSERT_STREQ(a, b)						\
	do {								\
		const char *__a = (a), *__b = (b);			\
		if (strcmp(__a, __b) != 0)				\
			FAIL_AT("%s == \"%s\", expected \"%s\"", #a, __a, __b); \
	} while (0)
#define ASSERT_CONTAINS(s, sub)						\
	do {								\
		const char *__s = (s), *__sub = (sub);			\
		if (!strstr(__s, __sub))				\
			FAIL_AT("\"%s\" does not contain \"%s\"", __s, __sub); \
	} while (0)

#endif
