/* SPDX-License-Identifier: GPL-2.0-only */
#include <unistd.h>

#include "log.h"
#include "test.h"

/*
 * Runs log_internal() with stderr sent to a temporary file; returns what
 * it wrote (static, NUL-terminated) and sets *@ret to its return value.
 */
#define CAPTURE(ret, ...)							\
	({									\
		static char __out[16384];					\
		FILE *__f = tmpfile();						\
		int __saved = dup(STDERR_FILENO);				\
		size_t __n;							\
		fflush(stderr);							\
		dup2(fileno(__f), STDERR_FILENO);				\
		*(ret) = log_internal(__VA_ARGS__);				\
		fflush(stderr);							\
		dup2(__saved, STDERR_FILENO);					\
		close(__saved);							\
		rewind(__f);							\
		__n = fread(__out, 1, sizeof(__out) - 1, __f);			\
		__out[__n] = 0;							\
		fclose(__f);							\
		__out;								\
	})

TEST(short_line)
{
	int r;
	const char *out;

	log_setup("cellflashd");
	out = CAPTURE(&r, LOG_ERR, -ENOENT, "Cannot open %s: %m", "x");
	ASSERT_EQ(r, -ENOENT);
	ASSERT_STREQ(out, "cellflashd: Cannot open x: No such file or directory\n");
}

/* Longer than the stack buffer: whole, %m still the caller's error. */
TEST(long_line_whole)
{
	static char word[5000];
	char expect[5200];
	const char *out;
	int r;

	memset(word, 'a', sizeof(word) - 1);
	log_setup("cellflashd");
	out = CAPTURE(&r, LOG_WARNING, -EACCES, "%s: %m", word);
	snprintf(expect, sizeof(expect), "cellflashd: %s: Permission denied\n", word);
	ASSERT_EQ(r, -EACCES);
	ASSERT_EQ(strlen(out), strlen(expect));
	ASSERT_STREQ(out, expect);
}

/* A long multi-line message (a verifier excerpt): one record per line. */
TEST(long_multiline)
{
	char msg[3000] = "", *p = msg;
	const char *out;
	int r;

	for (int i = 0; i < 100; i++)
		p += sprintf(p, "%sline %03d", i ? "\n" : "", i);
	log_setup("cellflashd");
	out = CAPTURE(&r, LOG_ERR, 0, "%s", msg);
	ASSERT_TRUE(strncmp(out, "cellflashd: line 000\n  line 001\n", 32) == 0);
	ASSERT_CONTAINS(out, "\n  line 099\n");
	ASSERT_EQ(strlen(out), strlen("cellflashd: ") + 99 * strlen("  ") + 100 * strlen("line 000\n"));
}

TEST(below_max_level_silent)
{
	const char *out;
	int r;

	log_set_max_level(LOG_INFO);
	out = CAPTURE(&r, LOG_DEBUG, -EIO, "not shown");
	ASSERT_EQ(r, -EIO);
	ASSERT_STREQ(out, "");
}
