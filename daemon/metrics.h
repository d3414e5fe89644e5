/* SPDX-License-Identifier: GPL-2.0-only */
/* Scheduler metrics: summing the per-CPU counters and per-interval deltas. */
#ifndef CELLFLASH_METRICS_H
#define CELLFLASH_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "../bpf/intf.h"

struct metrics {
	/* Gauges. */
	uint64_t nr_running;		/* CPUs running an ext task */
	uint64_t nr_online_cpus;
	/* Counters, monotonic while one scheduler instance runs. */
	uint64_t nr_kthread_dispatches;
	uint64_t nr_direct_dispatches;
	uint64_t nr_shared_dispatches;
};

void metrics_sum_cpus(struct metrics *m, const struct cpu_stats *cpus, unsigned nr_cpus);
/*
 * Counters that moved from @prev to @now; gauges as in @now. A counter that
 * went backwards belongs to a new scheduler instance and counts from zero.
 */
void metrics_delta(const struct metrics *now, const struct metrics *prev, struct metrics *ret);
/* One log line for an interval's delta. Returns the length or -ENOBUFS. */
int metrics_format_line(const struct metrics *delta, char *buf, size_t n);

#endif
