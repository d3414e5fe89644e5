/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <sys/stat.h>

#include "cgroup-scan.h"
#include "fake-sysfs.h"
#include "test.h"

static const struct cgroup_node *node(const struct cgroup_tree *t, const char *path)
{
	for (size_t i = 0; i < t->nr; i++)
		if (strcmp(t->nodes[i].path, path) == 0)
			return &t->nodes[i];
	return NULL;
}

TEST(scan_tree)
{
	const char *root = fake_sysfs_new();
	struct cgroup_tree t = {};
	const struct cgroup_node *n;
	char path[1024];
	struct stat st;

	fake_put(root, "cpuset.cpus.effective", "0-7\n");
	fake_put(root, "work.slice/cpuset.cpus", "2-3\n");
	fake_put(root, "work.slice/cpuset.cpus.effective", "2-3\n");
	fake_put(root, "work.slice/job/cpuset.cpus", "\n");
	fake_put(root, "work.slice/job/cpuset.cpus.effective", "2-3\n");
	fake_put(root, "nocpuset/cgroup.procs", "%s", "");

	ASSERT_EQ(cgroup_scan(root, &t), 0);
	ASSERT_EQ(t.nr, 4);
	ASSERT_STREQ(t.nodes[0].path, "");
	ASSERT_EQ(t.nodes[0].parent, -1);
	ASSERT_TRUE(t.nodes[0].has_effective);
	ASSERT_FALSE(t.nodes[0].has_cpuset);

	n = node(&t, "work.slice");
	ASSERT_TRUE(n && n->has_cpuset && n->has_effective);
	ASSERT_EQ(cpumask_weight(&n->effective), 2);
	snprintf(path, sizeof(path), "%s/work.slice", root);
	ASSERT_EQ(stat(path, &st), 0);
	ASSERT_U64_EQ(n->id, st.st_ino);	/* the inode is the cgroup id */

	n = node(&t, "work.slice/job");
	ASSERT_TRUE(n && !n->has_cpuset && n->has_effective);
	ASSERT_STREQ(t.nodes[n->parent].path, "work.slice");
	/* Parents come before their children. */
	for (size_t i = 1; i < t.nr; i++)
		ASSERT_TRUE(t.nodes[i].parent >= 0 && (size_t)t.nodes[i].parent < i);

	n = node(&t, "nocpuset");
	ASSERT_TRUE(n && !n->has_cpuset && !n->has_effective);
	cgroup_tree_clear(&t);
	ASSERT_EQ(t.nr, 0);
}

TEST(scan_missing_root)
{
	struct cgroup_tree t = {};

	ASSERT_EQ(cgroup_scan("/nonexistent/cellflash-cgroup", &t), -ENOENT);
	ASSERT_EQ(t.nr, 0);
}

TEST(read_usage)
{
	const char *root = fake_sysfs_new();
	uint64_t usec = 0;

	fake_put(root, "cpu.stat", "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\n");
	fake_put(root, "a/b/cpu.stat", "usage_usec 42\nuser_usec 40\n");
	fake_put(root, "bad/cpu.stat", "user_usec 40\n");
	fake_put(root, "trap/cpu.stat", "nr_usage_usec 5\n");
	ASSERT_EQ(cgroup_read_usage(root, "", &usec), 0);
	ASSERT_U64_EQ(usec, 123456);
	ASSERT_EQ(cgroup_read_usage(root, "a/b", &usec), 0);
	ASSERT_U64_EQ(usec, 42);
	ASSERT_EQ(cgroup_read_usage(root, "bad", &usec), -EBADMSG);
	ASSERT_EQ(cgroup_read_usage(root, "trap", &usec), -EBADMSG);
	ASSERT_EQ(cgroup_read_usage(root, "gone", &usec), -ENOENT);
}
