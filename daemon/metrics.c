/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "metrics.h"

void metrics_sum_cpus(struct metrics *m, const struct cpu_stats *stats, unsigned nr_cpus,
		      const struct cpumask *cpus)
{
	unsigned i;

	m->cpuperf_min = UINT64_MAX;
	m->cpuperf_max = 0;
	cpumask_for_each(i, cpus) {
		if (i >= nr_cpus)
			break;
		m->nr_running += stats[i].nr_running;
		m->nr_kthread_dispatches += stats[i].nr_kthread_dispatches;
		m->nr_kept_running += stats[i].nr_kept_running;
		m->nr_moved += stats[i].nr_moved;
		m->nr_wakeup_throttled += stats[i].nr_wakeup_throttled;
		if (stats[i].cpuperf_target < m->cpuperf_min)
			m->cpuperf_min = stats[i].cpuperf_target;
		if (stats[i].cpuperf_target > m->cpuperf_max)
			m->cpuperf_max = stats[i].cpuperf_target;
	}
	if (m->cpuperf_min > m->cpuperf_max)
		m->cpuperf_min = 0;
}

void cell_counts_sum_cpus(struct cell_counts *ret, const struct cell_stats *stats, unsigned nr_cpus,
			  const struct cpumask *cpus)
{
	unsigned i;

	*ret = (struct cell_counts) {};
	cpumask_for_each(i, cpus) {
		if (i >= nr_cpus)
			break;
		for (unsigned s = 0; s < NR_CELL_STATS; s++)
			ret->count[s] += stats[i].count[s];
	}
}

void metrics_add_cell(struct metrics *m, const struct cell_counts *c)
{
	m->nr_direct_dispatches += c->count[CELL_STAT_LOCAL];
	m->nr_shared_dispatches += c->count[CELL_STAT_CELL_QUEUE];
	m->nr_cpu_queue_dispatches += c->count[CELL_STAT_CPU_QUEUE];
	m->nr_affinity_violations += c->count[CELL_STAT_AFFINITY_VIOLATIONS];
	m->nr_steals += c->count[CELL_STAT_STEALS];
}

uint64_t cell_counts_decisions(const struct cell_counts *c)
{
	return c->count[CELL_STAT_LOCAL] + c->count[CELL_STAT_CPU_QUEUE] + c->count[CELL_STAT_CELL_QUEUE];
}

static uint64_t counter_delta(uint64_t now, uint64_t prev)
{
	return now >= prev ? now - prev : now;
}

void cell_counts_delta(const struct cell_counts *now, const struct cell_counts *prev,
		       struct cell_counts *ret)
{
	for (unsigned s = 0; s < NR_CELL_STATS; s++)
		ret->count[s] = counter_delta(now->count[s], prev->count[s]);
}

void metrics_delta(const struct metrics *now, const struct metrics *prev, struct metrics *ret)
{
	*ret = *now;
	ret->nr_kthread_dispatches = counter_delta(now->nr_kthread_dispatches, prev->nr_kthread_dispatches);
	ret->nr_direct_dispatches = counter_delta(now->nr_direct_dispatches, prev->nr_direct_dispatches);
	ret->nr_shared_dispatches = counter_delta(now->nr_shared_dispatches, prev->nr_shared_dispatches);
	ret->nr_cpu_queue_dispatches = counter_delta(now->nr_cpu_queue_dispatches,
						     prev->nr_cpu_queue_dispatches);
	ret->nr_affinity_violations = counter_delta(now->nr_affinity_violations,
						    prev->nr_affinity_violations);
	ret->nr_steals = counter_delta(now->nr_steals, prev->nr_steals);
	ret->nr_kept_running = counter_delta(now->nr_kept_running, prev->nr_kept_running);
	ret->nr_moved = counter_delta(now->nr_moved, prev->nr_moved);
	ret->nr_wakeup_throttled = counter_delta(now->nr_wakeup_throttled, prev->nr_wakeup_throttled);
}

/* @part of @total in tenths of a percent. */
static unsigned permille(uint64_t part, uint64_t total)
{
	return total ? (unsigned)((part * 1000 + total / 2) / total) : 0;
}

int metrics_format_line(const struct metrics *d, char *buf, size_t n)
{
	uint64_t total = d->nr_kthread_dispatches + d->nr_direct_dispatches + d->nr_shared_dispatches +
			 d->nr_cpu_queue_dispatches;
	unsigned k = permille(d->nr_kthread_dispatches, total);
	unsigned di = permille(d->nr_direct_dispatches, total);
	unsigned sh = permille(d->nr_shared_dispatches, total);
	unsigned cq = permille(d->nr_cpu_queue_dispatches, total);
	int w;

	w = snprintf(buf, n,
		     "running %" PRIu64 "/%" PRIu64 " CPUs, dispatches %" PRIu64
		     ": kthread %" PRIu64 " (%u.%u%%), direct %" PRIu64 " (%u.%u%%), shared %" PRIu64 " (%u.%u%%)"
		     ", cpu-queue %" PRIu64 " (%u.%u%%)"
		     "; kept running %" PRIu64 ", moved %" PRIu64 ", wakeup-throttled %" PRIu64
		     ", affinity violations %" PRIu64 ", steals %" PRIu64 ", CPU levels %" PRIu64 "-%" PRIu64,
		     d->nr_running, d->nr_online_cpus, total,
		     d->nr_kthread_dispatches, k / 10, k % 10,
		     d->nr_direct_dispatches, di / 10, di % 10,
		     d->nr_shared_dispatches, sh / 10, sh % 10,
		     d->nr_cpu_queue_dispatches, cq / 10, cq % 10,
		     d->nr_kept_running, d->nr_moved, d->nr_wakeup_throttled, d->nr_affinity_violations,
		     d->nr_steals, d->cpuperf_min, d->cpuperf_max);
	return w < 0 || (size_t)w >= n ? -ENOBUFS : w;
}

int cell_counts_format_line(unsigned cell, unsigned nr_cpus, const struct cell_counts *d,
			    uint64_t all_decisions, char *buf, size_t n)
{
	uint64_t decisions = cell_counts_decisions(d);
	unsigned share = permille(decisions, all_decisions);
	unsigned lo = permille(d->count[CELL_STAT_LOCAL], decisions);
	unsigned cq = permille(d->count[CELL_STAT_CPU_QUEUE], decisions);
	unsigned ce = permille(d->count[CELL_STAT_CELL_QUEUE], decisions);
	unsigned av = permille(d->count[CELL_STAT_AFFINITY_VIOLATIONS], decisions);
	unsigned st = permille(d->count[CELL_STAT_STEALS], decisions);
	int w;

	w = snprintf(buf, n,
		     "cell %u: %u CPUs, placements %" PRIu64 " (%u.%u%% of all): local %u.%u%%, "
		     "cpu-queue %u.%u%%, cell-queue %u.%u%%; affinity violations %u.%u%%, steals %u.%u%%",
		     cell, nr_cpus, decisions, share / 10, share % 10, lo / 10, lo % 10, cq / 10, cq % 10,
		     ce / 10, ce % 10, av / 10, av % 10, st / 10, st % 10);
	return w < 0 || (size_t)w >= n ? -ENOBUFS : w;
}
