/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading sched_ext's sysfs, against a fake tree. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scx-sysfs.h"
#include "test.h"

static void put(const char *root, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
}

static char *fake_root(void)
{
	static char root[] = "/tmp/cellflash-sysfs-XXXXXX";
	char path[512];

	if (!mkdtemp(root))
		abort();
	snprintf(path, sizeof(path), "%s/kernel", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/kernel/sched_ext", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/kernel/sched_ext/root", root);
	mkdir(path, 0755);
	return root;
}

TEST(reads)
{
	char *root = fake_root(), buf[64];
	uint64_t v;

	put(root, "kernel/sched_ext/state", "enabled\n");
	put(root, "kernel/sched_ext/root/ops", "scx_lavd_1.0.4\n");
	put(root, "kernel/sched_ext/hotplug_seq", "42\n");
	put(root, "kernel/sched_ext/enable_seq", "garbage\n");

	ASSERT_EQ(scx_read_state(root, buf, sizeof(buf)), 0);
	ASSERT_STREQ(buf, "enabled");
	ASSERT_EQ(scx_read_ops(root, buf, sizeof(buf)), 0);
	ASSERT_STREQ(buf, "scx_lavd_1.0.4");
	ASSERT_EQ(scx_read_u64(root, "hotplug_seq", &v), 0);
	ASSERT_U64_EQ(v, 42);
	ASSERT_EQ(scx_read_u64(root, "enable_seq", &v), -EINVAL);
	ASSERT_EQ(scx_read_u64(root, "nr_rejected", &v), -ENOENT);
}

TEST(no_sched_ext)
{
	char buf[64];

	ASSERT_EQ(scx_read_state("/nonexistent-cellflash-root", buf, sizeof(buf)), -ENOENT);
	ASSERT_EQ(scx_read_ops("/nonexistent-cellflash-root", buf, sizeof(buf)), -ENOENT);
}

TEST(root_from_environment)
{
	unsetenv("CELLFLASH_SYSFS_ROOT");
	ASSERT_STREQ(sysfs_root(), "/sys");
	setenv("CELLFLASH_SYSFS_ROOT", "/tmp/x", 1);
	ASSERT_STREQ(sysfs_root(), "/tmp/x");
	unsetenv("CELLFLASH_SYSFS_ROOT");
}
