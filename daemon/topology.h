/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's CPUs as sysfs describes them (<root>/devices/system/...):
 * which are possible and online, SMT siblings, last-level caches, NUMA
 * nodes, relative performance (capacity) and maximum frequency. Read once
 * per attach; tests point the root at fake trees.
 */
#ifndef CELLFLASH_TOPOLOGY_H
#define CELLFLASH_TOPOLOGY_H

#include <stdbool.h>
#include <stdint.h>

#include "cpumask.h"

#define TOPO_MAX_NODES	64
#define TOPO_MAX_LLCS	64

struct topology {
	unsigned nr_cpu_ids;			/* highest possible CPU + 1 */
	struct cpumask possible, online;
	/* Its first SMT sibling + 1; 0: none (a zeroed topology has no SMT). */
	uint16_t sibling1[CPUMASK_MAX_CPUS];
	uint8_t node[CPUMASK_MAX_CPUS];
	uint8_t llc[CPUMASK_MAX_CPUS];
	/* Relative performance, from the best source all CPUs offer (see
	 * topology.c); 0 when there is none. */
	uint32_t capacity[CPUMASK_MAX_CPUS];
	uint64_t max_freq_khz[CPUMASK_MAX_CPUS];	/* 0: no cpufreq */
	unsigned nr_nodes, nr_llcs;
	struct cpumask node_cpus[TOPO_MAX_NODES];
	struct cpumask llc_cpus[TOPO_MAX_LLCS];
	bool smt;				/* some CPU has a sibling */
	const char *capacity_source;		/* which file capacity came from */
};

/* Reads the topology under @sysfs_root; -errno after logging. */
int topology_read(const char *sysfs_root, struct topology *ret);

/* The first SMT sibling of @cpu other than itself, or -1. */
static inline int topology_sibling(const struct topology *t, unsigned cpu)
{
	return cpu < CPUMASK_MAX_CPUS ? (int)t->sibling1[cpu] - 1 : -1;
}

/* What the scheduler keeps a queue per cell for. */
enum queue_domain {
	QUEUE_DOMAIN_NODE,	/* NUMA node */
	QUEUE_DOMAIN_LLC,	/* last-level cache */
	QUEUE_DOMAIN_ONE,	/* one for all */
};

/*
 * Fills @ret with each possible CPU's domain of @kind, numbered from 0, and
 * returns how many there are; 0 (and @ret untouched) when more than @max.
 */
unsigned topology_queue_domains(const struct topology *t, enum queue_domain kind, unsigned max,
				uint8_t ret[CPUMASK_MAX_CPUS]);

#endif
