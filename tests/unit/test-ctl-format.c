/* SPDX-License-Identifier: GPL-2.0-only */
#include "ctl-format.h"
#include "json.h"
#include "metrics-doc.h"
#include "test.h"

/* What @print wrote, in a static buffer. */
#define CAPTURE(call)							\
	({								\
		static char __buf[4096];				\
		char *__p = NULL;					\
		size_t __n = 0;						\
		FILE *f = open_memstream(&__p, &__n);			\
		call;							\
		fclose(f);						\
		snprintf(__buf, sizeof(__buf), "%s", __p ? __p : "");	\
		free(__p);						\
		__buf;							\
	})

static const struct ctl_metrics snap1 = {
	.timestamp_usec = 10000000, .attached_at_usec = 5000000, .state = "attached",
	.metrics = { .nr_running = 2, .nr_online_cpus = 4, .nr_kthread_dispatches = 100,
		     .nr_direct_dispatches = 1000, .nr_shared_dispatches = 500 },
};
static const struct ctl_metrics snap2 = {
	.timestamp_usec = 12000000, .attached_at_usec = 5000000, .state = "attached",
	.metrics = { .nr_running = 3, .nr_online_cpus = 4, .nr_kthread_dispatches = 110,
		     .nr_direct_dispatches = 1060, .nr_shared_dispatches = 530 },
};
/* snap2, and tasks pinned off their cell queued on CPUs. */
static const struct ctl_metrics snap3 = {
	.timestamp_usec = 14000000, .attached_at_usec = 5000000, .state = "attached",
	.metrics = { .nr_running = 3, .nr_online_cpus = 4, .nr_kthread_dispatches = 110,
		     .nr_direct_dispatches = 1060, .nr_shared_dispatches = 530, .nr_cpu_queue_dispatches = 300,
		     .nr_affinity_violations = 300 },
};

TEST(json_string_escaping)
{
	ASSERT_STREQ(CAPTURE(json_print_string(f, "plain")), "\"plain\"");
	ASSERT_STREQ(CAPTURE(json_print_string(f, "a \"q\" \\ b")), "\"a \\\"q\\\" \\\\ b\"");
	ASSERT_STREQ(CAPTURE(json_print_string(f, "l1\nl2\tt\r\x01\x7f")), "\"l1\\nl2\\tt\\r\\u0001\\u007f\"");
	ASSERT_STREQ(CAPTURE(json_print_string(f, "")), "\"\"");
	ASSERT_STREQ(CAPTURE(json_print_string(f, "caf\xc3\xa9")), "\"caf\xc3\xa9\"");
}

TEST(interval_delta_and_rate)
{
	struct monitor_interval iv;

	monitor_interval(&snap1, &snap2, &iv);
	ASSERT_U64_EQ(iv.usec, 2000000);
	ASSERT_FALSE(iv.restarted);
	ASSERT_U64_EQ(iv.delta.nr_kthread_dispatches, 10);
	ASSERT_U64_EQ(iv.delta.nr_direct_dispatches, 60);
	ASSERT_U64_EQ(iv.delta.nr_shared_dispatches, 30);
	ASSERT_U64_EQ(iv.delta.nr_running, 3);		/* gauges: now */
	ASSERT_U64_EQ(iv.dispatches, 100);
	ASSERT_TRUE(iv.dispatches_per_sec > 49.99 && iv.dispatches_per_sec < 50.01);
}

TEST(interval_across_a_restart)
{
	/* Re-attached in between: the new copy counted from zero, even past the old totals. */
	struct ctl_metrics now = snap2;
	struct monitor_interval iv;

	now.attached_at_usec = 11000000;
	now.metrics.nr_kthread_dispatches = 200;
	now.metrics.nr_direct_dispatches = 7;
	now.metrics.nr_shared_dispatches = 3;
	monitor_interval(&snap1, &now, &iv);
	ASSERT_TRUE(iv.restarted);
	ASSERT_U64_EQ(iv.delta.nr_kthread_dispatches, 200);
	ASSERT_U64_EQ(iv.delta.nr_direct_dispatches, 7);
	ASSERT_U64_EQ(iv.delta.nr_shared_dispatches, 3);
	ASSERT_U64_EQ(iv.dispatches, 210);
}

TEST(interval_counter_went_back)
{
	/* Same AttachedAt but a counter went backwards: counted as a restart too. */
	struct ctl_metrics now = snap2;
	struct monitor_interval iv;

	now.metrics.nr_direct_dispatches = 5;
	monitor_interval(&snap1, &now, &iv);
	ASSERT_TRUE(iv.restarted);
	ASSERT_U64_EQ(iv.delta.nr_direct_dispatches, 5);
}

TEST(interval_same_timestamp)
{
	struct monitor_interval iv;

	monitor_interval(&snap1, &snap1, &iv);
	ASSERT_U64_EQ(iv.usec, 0);
	ASSERT_U64_EQ(iv.dispatches, 0);
	ASSERT_TRUE(iv.dispatches_per_sec == 0);
}

TEST(monitor_line)
{
	struct ctl_metrics detached = { .timestamp_usec = 13000000, .state = "detached" };
	struct ctl_metrics restarted = snap2;

	ASSERT_STREQ(CAPTURE(monitor_print_line(f, &snap1, &snap2)),
		     "attached   running 3/4 CPUs, dispatches 1700 total, +100 in 2.0s (50/s): "
		     "kthread 10.0%, direct 60.0%, shared 30.0%, cpu-queue 0.0%\n");
	ASSERT_STREQ(CAPTURE(monitor_print_line(f, &snap2, &snap3)),
		     "attached   running 3/4 CPUs, dispatches 2000 total, +300 in 2.0s (150/s): "
		     "kthread 0.0%, direct 0.0%, shared 0.0%, cpu-queue 100.0%\n");
	ASSERT_STREQ(CAPTURE(monitor_print_line(f, &snap2, &detached)), "detached   no scheduler attached\n");
	restarted.attached_at_usec = 11000000;
	ASSERT_CONTAINS(CAPTURE(monitor_print_line(f, &detached, &restarted)), "+1700 in ");
	ASSERT_CONTAINS(CAPTURE(monitor_print_line(f, &detached, &restarted)), "% [restarted]\n");
}

TEST(monitor_json)
{
	ASSERT_STREQ(CAPTURE(monitor_print_json(f, &snap1, &snap2, NULL, NULL)),
		     "{\"state\":\"attached\",\"timestamp_usec\":12000000,\"attached_at_usec\":5000000,"
		     "\"interval_usec\":2000000,\"restarted\":false,\"nr_running\":3,\"nr_online_cpus\":4,"
		     "\"cpuperf_min\":0,\"cpuperf_max\":0,"
		     "\"kthread_dispatches\":110,\"direct_dispatches\":1060,\"shared_dispatches\":530,"
		     "\"cpu_queue_dispatches\":0,\"kept_running\":0,\"moved\":0,\"wakeup_throttled\":0,"
		     "\"affinity_violations\":0,\"steals\":0,"
		     "\"interval\":{\"dispatches\":100,\"dispatches_per_sec\":50.0,\"kthread_dispatches\":10,"
		     "\"direct_dispatches\":60,\"shared_dispatches\":30,\"cpu_queue_dispatches\":0,"
		     "\"kept_running\":0,\"moved\":0,\"wakeup_throttled\":0,\"affinity_violations\":0,"
		     "\"steals\":0}}\n");
}

static const struct ctl_status status_ok = {
	.state = "attached", .version = "1.2.3", .ops_name = "cellflash", .restart_count = 2,
	.last_exit_kind = "none", .slice_us = 700, .slice_lag_us = 20000,
	.primary_domain = "auto", .primary_domain_mode = "powersave", .primary_domain_cpus = "4-7",
	.power_profile = "power-saver", .power_profile_source = "power-profiles-daemon", .nr_cells = 3,
};

TEST(status_text)
{
	struct ctl_status s = status_ok;
	const char *out;

	out = CAPTURE(status_print(f, &s, &snap2));
	ASSERT_STREQ(out, "cellflashd 1.2.3, scheduler cellflash: attached\n"
			  "  Restarts:   2\n"
			  "  Last exit:  none\n"
			  "  Options:    slice 700 us, slice lag 20000 us, exit dump the kernel's default\n"
			  "  Power:      profile power-saver (from power-profiles-daemon)\n"
			  "  Primary:    auto: powersave, CPUs 4-7\n"
			  "  Cells:      3 (cellflashctl cells lists them)\n"
			  "  Running:    3 of 4 CPUs\n"
			  "  Dispatches: 1700 since it attached: kthread 110 (6.5%), direct 1060 (62.4%), "
			  "shared 530 (31.2%), cpu-queue 0 (0.0%)\n");
	s.run_id = 42;
	s.primary_domain_cpus[0] = '\0';
	out = CAPTURE(status_print(f, &s, &snap2));
	ASSERT_CONTAINS(out, "  Run id:     42\n");
	ASSERT_CONTAINS(out, "CPUs (no preference)\n");

	snprintf(s.state, sizeof(s.state), "detached");
	snprintf(s.last_exit_kind, sizeof(s.last_exit_kind), "SysRq-S");
	snprintf(s.last_exit_reason, sizeof(s.last_exit_reason), "disabled by sysrq-S");
	s.exit_dump_len = 4096;
	out = CAPTURE(status_print(f, &s, &(struct ctl_metrics) { .state = "detached" }));
	ASSERT_CONTAINS(out, ": detached\n");
	ASSERT_CONTAINS(out, "  Last exit:  SysRq-S (code 0): disabled by sysrq-S\n");
	ASSERT_CONTAINS(out, "exit dump 4096 bytes\n");
	ASSERT_CONTAINS(out, "  Metrics:    none while no scheduler is attached\n");
}

TEST(status_json)
{
	struct ctl_status s = status_ok;

	ASSERT_STREQ(CAPTURE(status_print_json(f, &s, &snap2)),
		     "{\"state\":\"attached\",\"version\":\"1.2.3\",\"ops_name\":\"cellflash\",\"restart_count\":2,"
		     "\"last_exit\":null,\"options\":{\"slice_us\":700,\"slice_lag_us\":20000,\"exit_dump_len\":0},"
		     "\"run_id\":0,\"power_profile\":\"power-saver\",\"power_profile_source\":\"power-profiles-daemon\","
		     "\"primary_domain\":\"auto\",\"primary_domain_mode\":\"powersave\",\"primary_domain_cpus\":\"4-7\","
		     "\"nr_cells\":3,"
		     "\"metrics\":{\"timestamp_usec\":12000000,\"attached_at_usec\":5000000,\"nr_running\":3,"
		     "\"nr_online_cpus\":4,\"cpuperf_min\":0,\"cpuperf_max\":0,\"kthread_dispatches\":110,"
		     "\"direct_dispatches\":1060,\"shared_dispatches\":530,\"cpu_queue_dispatches\":0,"
		     "\"kept_running\":0,\"moved\":0,\"wakeup_throttled\":0,\"affinity_violations\":0,"
		     "\"steals\":0}}\n");

	snprintf(s.last_exit_kind, sizeof(s.last_exit_kind), "BPF error");
	s.last_exit_code = -22;
	snprintf(s.last_exit_reason, sizeof(s.last_exit_reason), "scx_bpf_error");
	snprintf(s.last_exit_message, sizeof(s.last_exit_message), "bad \"cpu\"\n");
	ASSERT_CONTAINS(CAPTURE(status_print_json(f, &s, &snap2)),
			"\"last_exit\":{\"kind\":\"BPF error\",\"code\":-22,\"reason\":\"scx_bpf_error\","
			"\"message\":\"bad \\\"cpu\\\"\\n\"}");
}

TEST(help_stats_names_every_metric)
{
	const char *out = CAPTURE(metrics_print_help(f));

	ASSERT_EQ(metric_docs_len, 13);
	for (size_t i = 0; i < metric_docs_len; i++) {
		ASSERT_CONTAINS(out, metric_docs[i].name);
		ASSERT_CONTAINS(out, metric_docs[i].json);
		ASSERT_TRUE(metric_doc_find(metric_docs[i].name) == &metric_docs[i]);
	}
	ASSERT_CONTAINS(out, "AttachedAt");
	ASSERT_TRUE(metric_doc_find("NoSuchMetric") == NULL);
}

static void make_cells(struct ctl_cells *c)
{
	*c = (struct ctl_cells) { .nr = 2 };
	c->cell[0] = (struct ctl_cell) { .id = 0, .cgroup_path = "/", .cpus = "0-1", .nr_cpus = 2, .util = 0.5,
					 .counts.count = { 10, 0, 30 } };
	c->cell[1] = (struct ctl_cell) { .id = 3, .cgroup_path = "/work.slice", .pinned = true, .cpus = "2-3",
					 .nr_cpus = 2, .util = 0.25, .counts.count = { 40, 10, 10, 10, 0 } };
}

TEST(cells_text_and_json)
{
	struct ctl_cells c;

	make_cells(&c);
	ASSERT_STREQ(CAPTURE(cells_print(f, &c)),
		     "cell 0 / (everything else): by demand, 2 CPUs (0-1), 50% busy, 40 placements since attach\n"
		     "cell 3 /work.slice: cpuset, 2 CPUs (2-3), 25% busy, 60 placements since attach\n");
	c.cell[1].nr_cpus = 0;
	ASSERT_CONTAINS(CAPTURE(cells_print(f, &c)), "cpuset, no CPUs yet (its tasks run in the enclosing cell)");
	ASSERT_STREQ(CAPTURE(cells_print_json(f, &c)),
		     "[{\"id\":0,\"cgroup_path\":\"/\",\"pinned\":false,\"cpus\":\"0-1\",\"nr_cpus\":2,"
		     "\"utilization\":0.500,\"local\":10,\"cpu_queue\":0,\"cell_queue\":30,\"affinity_violations\":0,"
		     "\"steals\":0},{\"id\":3,\"cgroup_path\":\"/work.slice\",\"pinned\":true,\"cpus\":\"2-3\","
		     "\"nr_cpus\":0,\"utilization\":0.250,\"local\":40,\"cpu_queue\":10,\"cell_queue\":10,"
		     "\"affinity_violations\":10,\"steals\":0}]\n");
}

TEST(monitor_cells_per_interval)
{
	struct ctl_cells prev, now;
	const char *out;

	make_cells(&prev);
	now = prev;
	now.cell[0].counts.count[CELL_STAT_CELL_QUEUE] += 60;		/* 60 of the interval's 100 */
	now.cell[1].counts.count[CELL_STAT_LOCAL] += 40;
	out = CAPTURE(monitor_print_cells(f, &prev, &now));
	ASSERT_CONTAINS(out, "  cell 0: 2 CPUs, placements 60 (60.0% of all): local 0.0%, cpu-queue 0.0%, "
			     "cell-queue 100.0%");
	ASSERT_CONTAINS(out, "  cell 3: 2 CPUs, placements 40 (40.0% of all): local 100.0%");
	ASSERT_CONTAINS(out, " - /work.slice\n");

	/* Another cgroup took id 3 over: it counts from zero. */
	snprintf(now.cell[1].cgroup_path, sizeof(now.cell[1].cgroup_path), "/other");
	out = CAPTURE(monitor_print_json(f, &snap1, &snap2, &prev, &now));
	ASSERT_CONTAINS(out, "\"steals\":0},\"cells\":[{\"id\":0,\"cgroup_path\":\"/\",\"nr_cpus\":2,\"interval\":{"
			     "\"local\":0,\"cpu_queue\":0,\"cell_queue\":60,\"affinity_violations\":0,\"steals\":0}},");
	ASSERT_CONTAINS(out, "{\"id\":3,\"cgroup_path\":\"/other\",\"nr_cpus\":2,\"interval\":{\"local\":80,");
	ASSERT_CONTAINS(out, "}]}\n");
}
