/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU counters (struct cpu_stats in intf.h), read by the daemon. */
#ifndef CELLFLASH_STATS_BPF_H
#define CELLFLASH_STATS_BPF_H

struct cpu_stats cpu_stats[CELLFLASH_MAX_CPUS];

/* Online CPUs when the scheduler was enabled: hotplug restarts it. */
u32 nr_online_cpus;

static __always_inline struct cpu_stats *cpu_stats_of(s32 cpu)
{
	s32 i = cpu_index(cpu);

	return i >= 0 ? &cpu_stats[i] : NULL;
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

#define stat_set(field, v)					\
	do {							\
		struct cpu_stats *__s = this_cpu_stats();	\
		if (__s)					\
			__s->field = (v);			\
	} while (0)

#endif
