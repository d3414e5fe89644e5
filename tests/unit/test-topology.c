/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading CPU topology from fake sysfs trees. */
#include <errno.h>

#include "domain.h"
#include "fake-sysfs.h"
#include "test.h"
#include "topology.h"

#define CPU "devices/system/cpu"

/* A hybrid laptop: 4 P-cores with SMT (CPUs 0-7, two of them faster) and
 * 4 E-cores (8-11), one LLC, one node, intel_pstate-style files. */
static const char *hybrid_tree(void)
{
	const char *root = fake_sysfs_new();

	fake_put(root, CPU "/possible", "0-11\n");
	fake_put(root, CPU "/online", "0-11\n");
	for (unsigned cpu = 0; cpu < 12; cpu++) {
		char rel[128];
		bool p = cpu < 8;

		snprintf(rel, sizeof(rel), CPU "/cpu%u/topology/thread_siblings_list", cpu);
		if (p)
			fake_put(root, rel, "%u-%u\n", cpu & ~1u, cpu | 1u);
		else
			fake_put(root, rel, "%u\n", cpu);
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cpu_capacity", cpu);
		fake_put(root, rel, "%u\n", p ? (cpu < 2 ? 1024 : 1000) : 600);
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cpufreq/cpuinfo_max_freq", cpu);
		fake_put(root, rel, "%u\n", p ? (cpu < 2 ? 5200000 : 5000000) : 3800000);
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cache/index3/level", cpu);
		fake_put(root, rel, "3\n");
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cache/index3/shared_cpu_list", cpu);
		fake_put(root, rel, "0-11\n");
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cache/index2/level", cpu);
		fake_put(root, rel, "2\n");
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cache/index2/shared_cpu_list", cpu);
		fake_put(root, rel, "%u\n", cpu);
	}
	fake_put(root, "devices/system/node/node0/cpulist", "0-11\n");
	return root;
}

TEST(hybrid)
{
	static struct topology t;

	ASSERT_EQ(topology_read(hybrid_tree(), &t), 0);
	ASSERT_EQ(t.nr_cpu_ids, 12);
	ASSERT_EQ(cpumask_weight(&t.online), 12);
	ASSERT_TRUE(t.smt);
	ASSERT_EQ(topology_sibling(&t, 0), 1);
	ASSERT_EQ(topology_sibling(&t, 5), 4);
	ASSERT_EQ(topology_sibling(&t, 9), -1);
	ASSERT_EQ(t.nr_llcs, 1);
	ASSERT_EQ(t.nr_nodes, 1);
	ASSERT_STREQ(t.capacity_source, "cpu_capacity");
	ASSERT_EQ(t.capacity[0], 1024);
	ASSERT_EQ(t.capacity[10], 600);
	ASSERT_U64_EQ(t.max_freq_khz[2], 5000000);
	ASSERT_EQ(topology_sibling(&t, 6), 7);
	ASSERT_EQ(topology_sibling(&t, 7), 6);
}

/* Two nodes of two cores each, an LLC per node, CPU 3 offline (no topology
 * directory), capacity only from CPPC. */
TEST(two_nodes_offline_cpu)
{
	const char *root = fake_sysfs_new();
	static struct topology t;
	char buf[64];

	fake_put(root, CPU "/possible", "0-3\n");
	fake_put(root, CPU "/online", "0-2\n");
	for (unsigned cpu = 0; cpu < 4; cpu++) {
		char rel[128];

		snprintf(rel, sizeof(rel), CPU "/cpu%u/acpi_cppc/highest_perf", cpu);
		fake_put(root, rel, "%u\n", 200 + cpu);
		if (cpu == 3)
			continue;
		snprintf(rel, sizeof(rel), CPU "/cpu%u/topology/thread_siblings_list", cpu);
		fake_put(root, rel, "%u\n", cpu);
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cache/index3/level", cpu);
		fake_put(root, rel, "3\n");
		snprintf(rel, sizeof(rel), CPU "/cpu%u/cache/index3/shared_cpu_list", cpu);
		fake_put(root, rel, cpu < 2 ? "0-1\n" : "2-3\n");
	}
	fake_put(root, "devices/system/node/node0/cpulist", "0-1\n");
	fake_put(root, "devices/system/node/node1/cpulist", "2-3\n");

	ASSERT_EQ(topology_read(root, &t), 0);
	ASSERT_EQ(t.nr_cpu_ids, 4);
	cpumask_format_list(&t.online, buf, sizeof(buf));
	ASSERT_STREQ(buf, "0-2");
	ASSERT_FALSE(t.smt);
	ASSERT_EQ(t.nr_nodes, 2);
	ASSERT_EQ(t.node[1], 0);
	ASSERT_EQ(t.node[3], 1);
	ASSERT_EQ(t.nr_llcs, 2);
	ASSERT_EQ(t.llc[1], 0);
	ASSERT_EQ(t.llc[2], 1);
	ASSERT_EQ(t.llc[3], 1);	/* offline: takes its node's */
	ASSERT_STREQ(t.capacity_source, "acpi_cppc/highest_perf");
	ASSERT_EQ(t.capacity[3], 203);
	ASSERT_U64_EQ(t.max_freq_khz[0], 0);
}

/* A VM: no cpufreq, no capacity, no NUMA or cache information at all. */
TEST(bare)
{
	const char *root = fake_sysfs_new();
	static struct topology t;

	fake_put(root, CPU "/possible", "0-1\n");
	fake_put(root, CPU "/online", "0-1\n");
	ASSERT_EQ(topology_read(root, &t), 0);
	ASSERT_EQ(t.nr_nodes, 1);
	ASSERT_EQ(t.nr_llcs, 1);
	ASSERT_FALSE(t.smt);
	ASSERT_TRUE(t.capacity_source == NULL);
	ASSERT_EQ(t.capacity[1], 0);
	ASSERT_EQ(topology_sibling(&t, 0), -1);
}

TEST(missing_tree)
{
	static struct topology t;

	ASSERT_TRUE(topology_read("/nonexistent-cellflash", &t) < 0);
}

/* The primary domain on what the reader made of the hybrid tree. */
TEST(domains_on_hybrid_tree)
{
	static struct topology t;
	struct domain_spec spec;
	struct domain d;
	char err[128], buf[64];

	ASSERT_EQ(topology_read(hybrid_tree(), &t), 0);
	ASSERT_EQ(domain_spec_parse("powersave", &spec, err, sizeof(err)), 0);
	domain_resolve(&spec, POWER_PROFILE_UNKNOWN, &t, &d);
	cpumask_format_list(&d.cpus, buf, sizeof(buf));
	ASSERT_STREQ(buf, "8-11");
	ASSERT_EQ(domain_spec_parse("turbo", &spec, err, sizeof(err)), 0);
	domain_resolve(&spec, POWER_PROFILE_UNKNOWN, &t, &d);
	cpumask_format_list(&d.cpus, buf, sizeof(buf));
	ASSERT_STREQ(buf, "0-1");
	ASSERT_EQ(domain_spec_parse("auto", &spec, err, sizeof(err)), 0);
	domain_resolve(&spec, POWER_PROFILE_POWER_SAVER, &t, &d);
	cpumask_format_list(&d.cpus, buf, sizeof(buf));
	ASSERT_STREQ(buf, "8-11");
	domain_resolve(&spec, POWER_PROFILE_BALANCED, &t, &d);
	cpumask_format_list(&d.cpus, buf, sizeof(buf));
	ASSERT_STREQ(buf, "0-11");
	ASSERT_EQ(domain_spec_parse("12-13", &spec, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_check(&spec, &t, err, sizeof(err)), -EINVAL);
}

/* A bare VM: every class is all CPUs. */
TEST(domains_on_bare_tree)
{
	const char *root = fake_sysfs_new();
	static struct topology t;
	struct domain_spec spec;
	struct domain d;
	char err[128], buf[64];

	fake_put(root, CPU "/possible", "0-3\n");
	fake_put(root, CPU "/online", "0-3\n");
	ASSERT_EQ(topology_read(root, &t), 0);
	ASSERT_EQ(domain_spec_parse("performance", &spec, err, sizeof(err)), 0);
	domain_resolve(&spec, POWER_PROFILE_UNKNOWN, &t, &d);
	cpumask_format_list(&d.cpus, buf, sizeof(buf));
	ASSERT_STREQ(buf, "0-3");
}
