/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "log.h"
#include "scx-sysfs.h"
#include "topology.h"
#include "util.h"

static int read_cpu_file(const char *root, unsigned cpu, const char *rel, char *buf, size_t n)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/devices/system/cpu/cpu%u/%s", root, cpu, rel);
	return read_one_line(path, buf, n);
}

static int read_cpu_u64(const char *root, unsigned cpu, const char *rel, uint64_t *ret)
{
	char buf[64], *end;
	int r;

	r = read_cpu_file(root, cpu, rel, buf, sizeof(buf));
	if (r < 0)
		return r;
	errno = 0;
	*ret = strtoull(buf, &end, 10);
	return errno || end == buf || *end ? -EINVAL : 0;
}

static int read_mask(const char *path, struct cpumask *ret)
{
	char buf[4096];
	int r;

	r = read_one_line(path, buf, sizeof(buf));
	return r < 0 ? r : cpumask_parse_list(buf, ret);
}

/*
 * Capacity sources, most precise first (AMD preferred-core ranking, CPPC
 * highest performance, the scheduler's own capacity, maximum frequency); a
 * source counts only if every possible CPU has it.
 */
static const char *const capacity_sources[] = {
	"cpufreq/amd_pstate_prefcore_ranking",
	"cpufreq/amd_pstate_highest_perf",
	"acpi_cppc/highest_perf",
	"cpu_capacity",
	"cpufreq/cpuinfo_max_freq",
};

static void read_capacities(const char *root, struct topology *t)
{
	unsigned cpu;

	for (size_t i = 0; i < ELEMENTSOF(capacity_sources); i++) {
		bool all = true;

		cpumask_for_each(cpu, &t->possible) {
			uint64_t v;

			if (read_cpu_u64(root, cpu, capacity_sources[i], &v) < 0 || v == 0 ||
			    v > UINT32_MAX) {
				all = false;
				break;
			}
			t->capacity[cpu] = (uint32_t)v;
		}
		if (all) {
			t->capacity_source = capacity_sources[i];
			return;
		}
	}
	memset(t->capacity, 0, sizeof(t->capacity));
	t->capacity_source = NULL;
}

/* The LLC is the highest cache level; CPUs without cache info share one. */
static int read_llc(const char *root, unsigned cpu, struct cpumask *ret)
{
	struct cpumask best = {};
	unsigned best_level = 0;
	char buf[64], path[512];

	for (unsigned i = 0; i < 8; i++) {
		uint64_t level;

		snprintf(buf, sizeof(buf), "cache/index%u/level", i);
		if (read_cpu_u64(root, cpu, buf, &level) < 0)
			continue;
		if (level <= best_level)
			continue;
		snprintf(path, sizeof(path), "%s/devices/system/cpu/cpu%u/cache/index%u/shared_cpu_list",
			 root, cpu, i);
		if (read_mask(path, &best) == 0)
			best_level = (unsigned)level;
	}
	if (!best_level)
		return -ENOENT;
	*ret = best;
	return 0;
}

int topology_read(const char *root, struct topology *t)
{
	char path[512];
	unsigned cpu;
	int r;

	memset(t, 0, sizeof(*t));
	snprintf(path, sizeof(path), "%s/devices/system/cpu/possible", root);
	r = read_mask(path, &t->possible);
	if (r < 0 || cpumask_empty(&t->possible))
		return log_error_errno(r < 0 ? r : -EINVAL, "Cannot read the possible CPUs from %s: %m", path);
	snprintf(path, sizeof(path), "%s/devices/system/cpu/online", root);
	r = read_mask(path, &t->online);
	if (r < 0)
		return log_error_errno(r, "Cannot read the online CPUs from %s: %m", path);
	cpumask_and(&t->online, &t->online, &t->possible);
	cpumask_for_each(cpu, &t->possible)
		t->nr_cpu_ids = cpu + 1;

	/*
	 * SMT siblings: the scheduler wants one per CPU (one mask per CPU
	 * would be 32 kB of resident memory). Offline CPUs have no topology
	 * directory: alone.
	 */
	cpumask_for_each(cpu, &t->possible) {
		struct cpumask core;
		unsigned other;

		snprintf(path, sizeof(path), "%s/devices/system/cpu/cpu%u/topology/thread_siblings_list",
			 root, cpu);
		if (read_mask(path, &core) < 0 || !cpumask_test(&core, cpu))
			continue;
		cpumask_and(&core, &core, &t->possible);
		cpumask_for_each(other, &core)
			if (other != cpu) {
				t->sibling1[cpu] = (uint16_t)(other + 1);
				t->smt = true;
				break;
			}
	}

	/* NUMA nodes; without NUMA sysfs, all CPUs are in node 0. */
	for (unsigned node = 0; node < TOPO_MAX_NODES; node++) {
		struct cpumask cpus;

		snprintf(path, sizeof(path), "%s/devices/system/node/node%u/cpulist", root, node);
		if (read_mask(path, &cpus) < 0)
			continue;
		cpumask_and(&cpus, &cpus, &t->possible);
		if (cpumask_empty(&cpus))
			continue;
		t->node_cpus[t->nr_nodes] = cpus;
		cpumask_for_each(cpu, &cpus)
			t->node[cpu] = (uint8_t)t->nr_nodes;
		t->nr_nodes++;
	}
	if (t->nr_nodes == 0) {
		t->nr_nodes = 1;
		t->node_cpus[0] = t->possible;
	}

	/* Last-level caches, numbered in order of their first CPU. */
	cpumask_for_each(cpu, &t->possible) {
		struct cpumask llc;
		unsigned i;

		if (read_llc(root, cpu, &llc) < 0 || !cpumask_test(&llc, cpu))
			llc = t->node_cpus[t->node[cpu]];
		for (i = 0; i < t->nr_llcs; i++)
			if (cpumask_test(&t->llc_cpus[i], cpu))
				break;
		if (i == t->nr_llcs) {
			if (t->nr_llcs == TOPO_MAX_LLCS)
				return log_error_errno(-E2BIG, "More than %d last-level caches.", TOPO_MAX_LLCS);
			cpumask_and(&t->llc_cpus[t->nr_llcs++], &llc, &t->possible);
		}
		t->llc[cpu] = (uint8_t)i;
	}

	read_capacities(root, t);
	cpumask_for_each(cpu, &t->possible) {
		uint64_t khz;

		if (read_cpu_u64(root, cpu, "cpufreq/cpuinfo_max_freq", &khz) == 0)
			t->max_freq_khz[cpu] = khz;
	}
	return 0;
}

unsigned topology_queue_domains(const struct topology *t, enum queue_domain kind, unsigned max,
				uint8_t ret[CPUMASK_MAX_CPUS])
{
	unsigned n = kind == QUEUE_DOMAIN_NODE ? t->nr_nodes : kind == QUEUE_DOMAIN_LLC ? t->nr_llcs : 1;
	unsigned cpu;

	if (n > max)
		return 0;
	for (cpu = 0; cpu < CPUMASK_MAX_CPUS; cpu++)
		ret[cpu] = kind == QUEUE_DOMAIN_NODE ? t->node[cpu] : kind == QUEUE_DOMAIN_LLC ? t->llc[cpu] : 0;
	return n;
}
