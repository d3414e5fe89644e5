/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>

#include "cpumask.h"
#include "test.h"

static struct cpumask mask_of(const unsigned *cpus, size_t n)
{
	struct cpumask m = {};

	for (size_t i = 0; i < n; i++)
		cpumask_set(&m, cpus[i]);
	return m;
}

TEST(parse_list_ranges)
{
	static const unsigned want[] = { 0, 1, 2, 3, 8, 10, 11 };
	struct cpumask m, w = mask_of(want, 7);

	ASSERT_EQ(cpumask_parse_list("0-3,8,10-11", &m), 0);
	ASSERT_TRUE(cpumask_equal(&m, &w));
	ASSERT_EQ(cpumask_weight(&m), 7);
	ASSERT_EQ(cpumask_parse_list("0-3,8,10-11\n", &m), 0);
	ASSERT_TRUE(cpumask_equal(&m, &w));
}

TEST(parse_list_empty)
{
	struct cpumask m;

	ASSERT_EQ(cpumask_parse_list("", &m), 0);
	ASSERT_TRUE(cpumask_empty(&m));
	ASSERT_EQ(cpumask_parse_list("\n", &m), 0);
	ASSERT_TRUE(cpumask_empty(&m));
}

TEST(parse_list_rejects_bad_syntax)
{
	const char *bad[] = { "a", "1-", "-1", "3-1", "1,,2", "1,", ",1", "1 2", "1-2-3", "0x3", "1;2" };
	struct cpumask m;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (cpumask_parse_list(bad[i], &m) != -EINVAL)
			FAIL_AT("\"%s\" was not rejected with -EINVAL", bad[i]);
}

TEST(parse_list_rejects_out_of_range)
{
	struct cpumask m;

	ASSERT_EQ(cpumask_parse_list("511", &m), 0);
	ASSERT_TRUE(cpumask_test(&m, 511));
	ASSERT_EQ(cpumask_parse_list("512", &m), -ERANGE);
	ASSERT_EQ(cpumask_parse_list("0-4096", &m), -ERANGE);
	ASSERT_EQ(cpumask_parse_list("99999999999999999999", &m), -ERANGE);
}

TEST(parse_hex)
{
	static const unsigned want[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	struct cpumask m, w = mask_of(want, 8);

	ASSERT_EQ(cpumask_parse_hex("0xff", &m), 0);
	ASSERT_TRUE(cpumask_equal(&m, &w));
	ASSERT_EQ(cpumask_parse_hex("FF", &m), 0);
	ASSERT_TRUE(cpumask_equal(&m, &w));
	ASSERT_EQ(cpumask_parse_hex("0x00ff\n", &m), 0);
	ASSERT_TRUE(cpumask_equal(&m, &w));
}

TEST(parse_hex_sysfs_groups)
{
	struct cpumask m;

	/* sysfs writes masks as 32-bit groups, most significant first. */
	ASSERT_EQ(cpumask_parse_hex("00000001,80000000", &m), 0);
	ASSERT_EQ(cpumask_weight(&m), 2);
	ASSERT_TRUE(cpumask_test(&m, 31));
	ASSERT_TRUE(cpumask_test(&m, 32));
	ASSERT_EQ(cpumask_parse_hex("1,8000000", &m), -EINVAL);	/* group not 8 digits */
	ASSERT_EQ(cpumask_parse_hex(",ffffffff", &m), -EINVAL);
}

TEST(parse_hex_rejects)
{
	struct cpumask m;

	ASSERT_EQ(cpumask_parse_hex("", &m), -EINVAL);
	ASSERT_EQ(cpumask_parse_hex("0x", &m), -EINVAL);
	ASSERT_EQ(cpumask_parse_hex("0xfg", &m), -EINVAL);
	ASSERT_EQ(cpumask_parse_hex("0-3", &m), -EINVAL);
	/* bit 512 is beyond the supported CPUs */
	ASSERT_EQ(cpumask_parse_hex("0x1"
				    "0000000000000000000000000000000000000000000000000000000000000000"
				    "0000000000000000000000000000000000000000000000000000000000000000", &m),
		  -ERANGE);
	/* leading zero digits are fine, whatever their number */
	ASSERT_EQ(cpumask_parse_hex("0x0000000000000000000000000000000000000000000000000000000000000000"
				    "00000000000000000000000000000000000000000000000000000000000000001", &m), 0);
	ASSERT_EQ(cpumask_weight(&m), 1);
}

TEST(format_list)
{
	static const unsigned cpus[] = { 0, 1, 2, 3, 8, 10, 11, 511 };
	struct cpumask m = mask_of(cpus, 8), empty = {};
	char buf[64];

	ASSERT_EQ(cpumask_format_list(&m, buf, sizeof(buf)), (int)strlen("0-3,8,10-11,511"));
	ASSERT_STREQ(buf, "0-3,8,10-11,511");
	ASSERT_EQ(cpumask_format_list(&empty, buf, sizeof(buf)), 0);
	ASSERT_STREQ(buf, "");
	ASSERT_EQ(cpumask_format_list(&m, buf, 5), -ENOBUFS);
}

TEST(format_hex)
{
	static const unsigned cpus[] = { 0, 4, 63, 64 };
	struct cpumask m = mask_of(cpus, 4), empty = {};
	char buf[160];

	ASSERT_TRUE(cpumask_format_hex(&m, buf, sizeof(buf)) > 0);
	ASSERT_STREQ(buf, "0x18000000000000011");
	ASSERT_TRUE(cpumask_format_hex(&empty, buf, sizeof(buf)) > 0);
	ASSERT_STREQ(buf, "0x0");
	ASSERT_EQ(cpumask_format_hex(&m, buf, 8), -ENOBUFS);
}

/* Property: random masks survive both text forms unchanged. */
TEST(round_trips)
{
	char list[4096], hex[256];
	unsigned seed = 1;

	for (int i = 0; i < 2000; i++) {
		struct cpumask m = {}, back;
		int density = 1 + i % 7;

		for (unsigned cpu = 0; cpu < CPUMASK_MAX_CPUS; cpu++) {
			seed = seed * 1103515245 + 12345;
			if ((seed >> 16) % 8 < (unsigned)density)
				cpumask_set(&m, cpu);
		}
		if (cpumask_format_list(&m, list, sizeof(list)) < 0)
			FAIL_AT("format_list failed");
		if (cpumask_parse_list(list, &back) < 0 || !cpumask_equal(&m, &back))
			FAIL_AT("list round trip failed for %s", list);
		if (cpumask_format_hex(&m, hex, sizeof(hex)) < 0)
			FAIL_AT("format_hex failed");
		if (cpumask_parse_hex(hex, &back) < 0 || !cpumask_equal(&m, &back))
			FAIL_AT("hex round trip failed for %s", hex);
	}
}

TEST(set_operations)
{
	static const unsigned a_cpus[] = { 1, 2, 3, 70 }, b_cpus[] = { 2, 3, 4 };
	struct cpumask a = mask_of(a_cpus, 4), b = mask_of(b_cpus, 3), r;
	unsigned cpu, n = 0;

	cpumask_and(&r, &a, &b);
	ASSERT_EQ(cpumask_weight(&r), 2);
	ASSERT_TRUE(cpumask_subset(&r, &a));
	ASSERT_FALSE(cpumask_subset(&a, &b));
	cpumask_or(&r, &a, &b);
	ASSERT_EQ(cpumask_weight(&r), 5);
	cpumask_for_each(cpu, &r)
		n++;
	ASSERT_EQ(n, 5);
	ASSERT_EQ(cpumask_next(&a, 4), 70);
	ASSERT_EQ(cpumask_next(&a, 71), CPUMASK_MAX_CPUS);
	cpumask_clear_cpu(&a, 70);
	ASSERT_EQ(cpumask_next(&a, 4), CPUMASK_MAX_CPUS);
}
