/* SPDX-License-Identifier: GPL-2.0-only */
/* Scheduler metrics: summing the per-CPU counters and per-interval deltas. */
#ifndef CELLFLASH_METRICS_H
#define CELLFLASH_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "../bpf/intf.h"
#include "cpumask.h"

struct metrics {
	/* Gauges. */
	uint64_t nr_running;		/* CPUs running an ext task */
	uint64_t nr_online_cpus;
	uint64_t cpuperf_min, cpuperf_max;	/* CPU performance targets, 0..1024 */
	/* Counters, monotonic while one scheduler instance runs. */
	uint64_t nr_kthread_dispatches;
	uint64_t nr_direct_dispatches;
	uint64_t nr_shared_dispatches;
	uint64_t nr_kept_running;
	uint64_t nr_moved;
	uint64_t nr_wakeup_throttled;
};

/* Adds up the CPUs in @cpus (CPU ids up to @nr_cpus) into @m. */
void metrics_sum_cpus(struct metrics *m, const struct cpu_stats *stats, unsigned nr_cpus,
		      const struct cpumask *cpus);
/*
 * Counters that moved from @prev to @now; gauges as in @now. A counter that
 * went backwards belongs to a new scheduler instance and counts from zero.
 */
void metrics_delta(const struct metrics *now, const struct metrics *prev, struct metrics *ret);
/* One log line for an interval's delta. Returns the length or -ENOBUFS. */
int metrics_format_line(const struct metrics *delta, char *buf, size_t n);

#endif
