/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading sched_ext's sysfs, against a fake tree. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scx-sysfs.h"
#include "test.h"

static char root[] = "/tmp/cellflash-sysfs-XXXXXX";

static bool put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	if (!f)
		return false;
	fputs(text, f);
	return fclose(f) == 0;
}

static void remove_tree(void)
{
	static const char *const files[] = { "kernel/sched_ext/state", "kernel/sched_ext/root/ops",
		"kernel/sched_ext/hotplug_seq", "kernel/sched_ext/enable_seq",
		"kernel/sched_ext/root", "kernel/sched_ext", "kernel", "" };
	char path[512];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", root, files[i]);
		remove(path);
	}
}

__attribute__((constructor)) static void make_tree(void)
{
	char path[512];

	if (!mkdtemp(root))
		abort();
	atexit(remove_tree);
	snprintf(path, sizeof(path), "%s/kernel/sched_ext/root", root);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = 0;
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

TEST(reads)
{
	char buf[64];
	uint64_t v;

	ASSERT_TRUE(put("kernel/sched_ext/state", "enabled\n"));
	ASSERT_TRUE(put("kernel/sched_ext/root/ops", "scx_lavd_1.0.4\n"));
	ASSERT_TRUE(put("kernel/sched_ext/hotplug_seq", "42\n"));
	ASSERT_TRUE(put("kernel/sched_ext/enable_seq", "garbage\n"));

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
