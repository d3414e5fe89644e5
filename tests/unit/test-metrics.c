/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include "metrics.h"
#include "test.h"

TEST(sum_cpus)
{
	struct cpu_stats cpus[3] = {
		{ .nr_running = 1, .nr_kthread_dispatches = 1, .nr_kept_running = 10, .nr_moved = 5 },
		{ .nr_running = 0, .nr_kthread_dispatches = 2, .nr_kept_running = 20, .nr_moved = 6 },
		{ .nr_running = 1, .nr_kthread_dispatches = 3, .nr_kept_running = 30, .nr_moved = 7 },
	};
	struct metrics m = { .nr_online_cpus = 3 };
	struct cpumask all = {}, some = {};

	cpus[0].cpuperf_target = 512;
	cpus[1].cpuperf_target = 1024;
	cpus[2].cpuperf_target = 0;
	for (unsigned i = 0; i < 3; i++)
		cpumask_set(&all, i);
	metrics_sum_cpus(&m, cpus, 3, &all);
	ASSERT_U64_EQ(m.nr_running, 2);
	ASSERT_U64_EQ(m.cpuperf_min, 0);
	ASSERT_U64_EQ(m.cpuperf_max, 1024);
	ASSERT_U64_EQ(m.nr_kthread_dispatches, 6);
	ASSERT_U64_EQ(m.nr_kept_running, 60);
	ASSERT_U64_EQ(m.nr_moved, 18);
	ASSERT_U64_EQ(m.nr_online_cpus, 3);

	/* only the CPUs asked for (an offline CPU's stale counters stay out) */
	cpumask_set(&some, 0);
	cpumask_set(&some, 1);
	m = (struct metrics) {};
	metrics_sum_cpus(&m, cpus, 3, &some);
	ASSERT_U64_EQ(m.nr_kept_running, 30);
	ASSERT_U64_EQ(m.cpuperf_min, 512);
}

TEST(cell_counts)
{
	/* One cell's per-CPU values, as a per-CPU map holds them. */
	struct cell_stats per_cpu[3] = {
		{ .count = { [CELL_STAT_LOCAL] = 1, [CELL_STAT_CELL_QUEUE] = 2, [CELL_STAT_STEALS] = 1 } },
		{ .count = { [CELL_STAT_LOCAL] = 10, [CELL_STAT_CPU_QUEUE] = 4,
			     [CELL_STAT_AFFINITY_VIOLATIONS] = 4 } },
		{ .count = { [CELL_STAT_LOCAL] = 100 } },	/* offline: left out */
	};
	struct cpumask online = {};
	struct cell_counts c, later, d;
	struct metrics m = {};

	cpumask_set(&online, 0);
	cpumask_set(&online, 1);
	cell_counts_sum_cpus(&c, per_cpu, 3, &online);
	ASSERT_U64_EQ(c.count[CELL_STAT_LOCAL], 11);
	ASSERT_U64_EQ(cell_counts_decisions(&c), 17);

	/* Cells add up into the totals. */
	metrics_add_cell(&m, &c);
	metrics_add_cell(&m, &c);
	ASSERT_U64_EQ(m.nr_direct_dispatches, 22);
	ASSERT_U64_EQ(m.nr_shared_dispatches, 4);
	ASSERT_U64_EQ(m.nr_cpu_queue_dispatches, 8);
	ASSERT_U64_EQ(m.nr_affinity_violations, 8);
	ASSERT_U64_EQ(m.nr_steals, 2);

	later = c;
	later.count[CELL_STAT_LOCAL] += 5;
	cell_counts_delta(&later, &c, &d);
	ASSERT_U64_EQ(d.count[CELL_STAT_LOCAL], 5);
	ASSERT_U64_EQ(d.count[CELL_STAT_CELL_QUEUE], 0);
	/* A new instance counts from zero again. */
	cell_counts_delta(&c, &later, &d);
	ASSERT_U64_EQ(d.count[CELL_STAT_LOCAL], 11);
}

TEST(cell_format_line)
{
	struct cell_counts d = { .count = { [CELL_STAT_LOCAL] = 6, [CELL_STAT_CPU_QUEUE] = 1,
					    [CELL_STAT_CELL_QUEUE] = 3, [CELL_STAT_AFFINITY_VIOLATIONS] = 1 } };
	char buf[256];

	ASSERT_TRUE(cell_counts_format_line(2, 4, &d, 40, buf, sizeof(buf)) > 0);
	ASSERT_STREQ(buf, "cell 2: 4 CPUs, placements 10 (25.0% of all): local 60.0%, cpu-queue 10.0%, "
			  "cell-queue 30.0%; affinity violations 10.0%, steals 0.0%");
	ASSERT_EQ(cell_counts_format_line(2, 4, &d, 40, buf, 16), -ENOBUFS);
}

TEST(delta)
{
	struct metrics prev = { .nr_running = 1, .nr_online_cpus = 4, .nr_kthread_dispatches = 10,
				.nr_direct_dispatches = 100, .nr_shared_dispatches = 1000, .nr_kept_running = 7 };
	struct metrics now = { .nr_running = 3, .nr_online_cpus = 4, .nr_kthread_dispatches = 15,
			       .nr_direct_dispatches = 150, .nr_shared_dispatches = 1500, .nr_kept_running = 9 }, d;

	metrics_delta(&now, &prev, &d);
	ASSERT_U64_EQ(d.nr_running, 3);		/* gauges as they are now */
	ASSERT_U64_EQ(d.nr_online_cpus, 4);
	ASSERT_U64_EQ(d.nr_kthread_dispatches, 5);
	ASSERT_U64_EQ(d.nr_direct_dispatches, 50);
	ASSERT_U64_EQ(d.nr_shared_dispatches, 500);
	ASSERT_U64_EQ(d.nr_kept_running, 2);
}

TEST(delta_across_restart)
{
	/* counters went backwards: a new scheduler instance counted from 0 */
	struct metrics prev = { .nr_running = 1, .nr_online_cpus = 4, .nr_kthread_dispatches = 10,
				.nr_direct_dispatches = 100, .nr_shared_dispatches = 1000 };
	struct metrics now = { .nr_running = 1, .nr_online_cpus = 3, .nr_kthread_dispatches = 2,
			       .nr_direct_dispatches = 20, .nr_shared_dispatches = 200 }, d;

	metrics_delta(&now, &prev, &d);
	ASSERT_U64_EQ(d.nr_kthread_dispatches, 2);
	ASSERT_U64_EQ(d.nr_direct_dispatches, 20);
	ASSERT_U64_EQ(d.nr_shared_dispatches, 200);
}

TEST(format_line)
{
	struct metrics d = { .nr_running = 2, .nr_online_cpus = 4, .nr_kthread_dispatches = 1,
			     .nr_direct_dispatches = 2, .nr_shared_dispatches = 7 };
	char buf[256];

	ASSERT_TRUE(metrics_format_line(&d, buf, sizeof(buf)) > 0);
	ASSERT_STREQ(buf, "running 2/4 CPUs, dispatches 10: kthread 1 (10.0%), direct 2 (20.0%), "
			  "shared 7 (70.0%), cpu-queue 0 (0.0%); kept running 0, moved 0, wakeup-throttled 0, "
			  "affinity violations 0, steals 0, CPU levels 0-0");
	d = (struct metrics) {};
	ASSERT_TRUE(metrics_format_line(&d, buf, sizeof(buf)) > 0);
	ASSERT_CONTAINS(buf, "dispatches 0: kthread 0 (0.0%)");
	ASSERT_EQ(metrics_format_line(&d, buf, 10), -ENOBUFS);
}
