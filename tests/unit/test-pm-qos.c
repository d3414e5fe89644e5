/* SPDX-License-Identifier: GPL-2.0-only */
/* --idle-resume-us: the state file, and apply/restore/repair on a fake tree. */
#include <errno.h>
#include <unistd.h>

#include "fake-sysfs.h"
#include "pm-qos.h"
#include "test.h"

#define QOS "devices/system/cpu/cpu%u/power/pm_qos_resume_latency_us"

static const char *tree(void)
{
	const char *root = fake_sysfs_new();
	char rel[128];

	for (unsigned cpu = 0; cpu < 3; cpu++) {
		snprintf(rel, sizeof(rel), QOS, cpu);
		fake_put(root, rel, cpu == 1 ? "n/a\n" : "0\n");
	}
	return root;	/* CPU 3 has no pm_qos file */
}

static const char *value(const char *root, unsigned cpu)
{
	static char buf[32];
	char rel[128];

	snprintf(rel, sizeof(rel), QOS, cpu);
	snprintf(buf, sizeof(buf), "%s", fake_get(root, rel));
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

static void all_cpus(struct cpumask *m)
{
	*m = (struct cpumask) {};
	for (unsigned cpu = 0; cpu < 4; cpu++)
		cpumask_set(m, cpu);
}

TEST(state_format)
{
	struct pm_qos_saved in[2] = { { 0, "0" }, { 5, "n/a" } }, out[4];
	char text[128];

	ASSERT_TRUE(pm_qos_format_state(in, 2, text, sizeof(text)) > 0);
	ASSERT_STREQ(text, "0 0\n5 n/a\n");
	ASSERT_EQ(pm_qos_parse_state(text, out, 4), 2);
	ASSERT_EQ(out[1].cpu, 5);
	ASSERT_STREQ(out[1].value, "n/a");
	ASSERT_EQ(pm_qos_parse_state("", out, 4), 0);
	ASSERT_EQ(pm_qos_parse_state("x y\n", out, 4), -EINVAL);
	ASSERT_EQ(pm_qos_parse_state("9999 0\n", out, 4), -EINVAL);
	ASSERT_EQ(pm_qos_parse_state("1 0\n2 0\n", out, 1), -E2BIG);
	ASSERT_EQ(pm_qos_format_state(in, 2, text, 5), -ENOBUFS);
}

TEST(apply_and_restore)
{
	const char *root = tree(), *state_dir = fake_sysfs_new();
	static struct pm_qos q;
	struct cpumask cpus;
	char state[256];

	snprintf(state, sizeof(state), "%s/run/pm-qos-saved", state_dir);
	pm_qos_init(&q, root, state);
	all_cpus(&cpus);
	ASSERT_EQ(pm_qos_apply(&q, &cpus, 50), 0);
	ASSERT_STREQ(value(root, 0), "50");
	ASSERT_STREQ(value(root, 1), "50");
	ASSERT_EQ(q.nr_saved, 3);	/* CPU 3 has no file: skipped */
	ASSERT_STREQ(fake_get(state_dir, "run/pm-qos-saved"), "0 0\n1 n/a\n2 0\n");
	/* applying again keeps the true originals */
	ASSERT_EQ(pm_qos_apply(&q, &cpus, 60), 0);
	ASSERT_STREQ(fake_get(state_dir, "run/pm-qos-saved"), "0 0\n1 n/a\n2 0\n");
	pm_qos_restore(&q);
	ASSERT_STREQ(value(root, 0), "0");
	ASSERT_STREQ(value(root, 1), "n/a");
	ASSERT_TRUE(access(state, F_OK) < 0);
}

/* What a crash leaves behind, the next start puts back. */
TEST(repair_after_crash)
{
	const char *root = tree(), *state_dir = fake_sysfs_new();
	static struct pm_qos q;
	struct cpumask cpus;
	char state[256];

	snprintf(state, sizeof(state), "%s/pm-qos-saved", state_dir);
	pm_qos_init(&q, root, state);
	all_cpus(&cpus);
	ASSERT_EQ(pm_qos_apply(&q, &cpus, 70), 0);
	/* crash: no restore */
	ASSERT_STREQ(value(root, 2), "70");
	ASSERT_EQ(pm_qos_repair(root, state), 0);
	ASSERT_STREQ(value(root, 0), "0");
	ASSERT_STREQ(value(root, 1), "n/a");
	ASSERT_STREQ(value(root, 2), "0");
	ASSERT_TRUE(access(state, F_OK) < 0);
	/* nothing to repair is fine */
	ASSERT_EQ(pm_qos_repair(root, state), 0);
}

TEST(corrupt_state_is_left_alone)
{
	const char *root = tree(), *state_dir = fake_sysfs_new();
	char state[256];

	fake_put(state_dir, "pm-qos-saved", "garbage\n");
	snprintf(state, sizeof(state), "%s/pm-qos-saved", state_dir);
	ASSERT_TRUE(pm_qos_repair(root, state) < 0);
	ASSERT_STREQ(value(root, 0), "0");
}
