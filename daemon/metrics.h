/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scheduler metrics: summing the per-CPU counters (and the per-cell ones
 * into totals), per-interval deltas, and their log lines.
 */
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
	uint64_t nr_direct_dispatches;		/* all cells' CELL_STAT_LOCAL */
	uint64_t nr_shared_dispatches;		/* CELL_STAT_CELL_QUEUE */
	uint64_t nr_cpu_queue_dispatches;	/* CELL_STAT_CPU_QUEUE */
	uint64_t nr_kept_running;
	uint64_t nr_moved;
	uint64_t nr_wakeup_throttled;
	uint64_t nr_affinity_violations;	/* CELL_STAT_AFFINITY_VIOLATIONS */
	uint64_t nr_steals;			/* CELL_STAT_STEALS */
};

/* One cell's placement counters (enum cell_stat), summed over CPUs. */
struct cell_counts {
	uint64_t count[NR_CELL_STATS];
};

/* Adds up the CPUs in @cpus (CPU ids up to @nr_cpus) into @m. */
void metrics_sum_cpus(struct metrics *m, const struct cpu_stats *stats, unsigned nr_cpus,
		      const struct cpumask *cpus);
/*
 * Adds up one cell's per-CPU counters (@stats: one per possible CPU, as a
 * per-CPU map holds them) over the CPUs in @cpus.
 */
void cell_counts_sum_cpus(struct cell_counts *ret, const struct cell_stats *stats, unsigned nr_cpus,
			  const struct cpumask *cpus);
/* Adds a cell's counters to the totals in @m. */
void metrics_add_cell(struct metrics *m, const struct cell_counts *c);
/* Placements: local + CPU-queue + cell-queue. */
uint64_t cell_counts_decisions(const struct cell_counts *c);
/* Counters that moved from @prev to @now, as metrics_delta() does. */
void cell_counts_delta(const struct cell_counts *now, const struct cell_counts *prev,
		       struct cell_counts *ret);
/*
 * One log line for a cell's interval: @delta's placements and their split,
 * and the cell's share of @all_decisions, the interval's placements of all
 * cells. Returns the length or -ENOBUFS.
 */
int cell_counts_format_line(unsigned cell, unsigned nr_cpus, const struct cell_counts *delta,
			    uint64_t all_decisions, char *buf, size_t n);
/*
 * Counters that moved from @prev to @now; gauges as in @now. A counter that
 * went backwards belongs to a new scheduler instance and counts from zero.
 */
void metrics_delta(const struct metrics *now, const struct metrics *prev, struct metrics *ret);
/* One log line for an interval's delta. Returns the length or -ENOBUFS. */
int metrics_format_line(const struct metrics *delta, char *buf, size_t n);

#endif
