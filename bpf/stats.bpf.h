/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Counters read by the daemon: per CPU (struct cpu_stats in intf.h), and
 * per cell and CPU (struct cell_stats).
 */
#ifndef CELLFLASH_STATS_BPF_H
#define CELLFLASH_STATS_BPF_H

struct cpu_stats cpu_stats[CELLFLASH_MAX_CPUS];

/* Online CPUs when the scheduler was enabled: hotplug restarts it. */
u32 nr_online_cpus;

static __always_inline struct cpu_stats *cpu_stats_of(s32 cpu)
{
	return cpu_slot(cpu_stats, cpu);
}

static __always_inline struct cpu_stats *this_cpu_stats(void)
{
	return cpu_stats_of(bpf_get_smp_processor_id());
}

#define stat_inc(field)						\
	do {							\
		struct cpu_stats *__s = this_cpu_stats();	\
		if (__s)					\
			__s->field++;				\
	} while (0)

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CELLFLASH_MAX_CELLS);
	__type(key, u32);
	__type(value, struct cell_stats);
} cell_stats SEC(".maps");

static __always_inline void cell_stat_inc(u32 cell, enum cell_stat stat)
{
	u32 key = cell & (CELLFLASH_MAX_CELLS - 1);
	struct cell_stats *s = bpf_map_lookup_elem(&cell_stats, &key);

	if (s && stat < NR_CELL_STATS)
		s->count[stat]++;
}

#endif
