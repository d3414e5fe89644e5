/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <syslog.h>

#include "config.h"
#include "test.h"

/* Parses a NULL-terminated argument list. */
#define PARSE(c, err, ...) ({							\
	char *__argv[] = { "cellflashd", __VA_ARGS__, NULL };			\
	config_init(c);								\
	config_parse(c, (int)(sizeof(__argv) / sizeof(__argv[0])) - 1, __argv, err); \
})

TEST(defaults)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;
	char *argv[] = { "cellflashd", NULL };

	config_init(&c);
	ASSERT_EQ(config_parse(&c, 1, argv, err), CONFIG_RUN);
	ASSERT_U64_EQ(c.slice_us, 700);
	ASSERT_U64_EQ(c.slice_lag_us, 20000);
	ASSERT_EQ(c.exit_dump_len, 0);
	ASSERT_U64_EQ(c.stats_interval_us, 0);
	ASSERT_FALSE(c.verbose);
	ASSERT_EQ(c.log_level, LOG_INFO);
	ASSERT_U64_EQ(c.throttle_us, 0);
	ASSERT_EQ(c.idle_resume_us, 32);
	ASSERT_EQ(c.primary_domain.mode, DOMAIN_AUTO);
	ASSERT_FALSE(c.tickless || c.rr_sched || c.wakeup_throttle || c.disable_smt || c.disable_numa ||
		     c.cpufreq || c.debug);
}

TEST(scx_flash_options)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "-t", "700", "-T", "--wakeup-throttle", "-m", "0-1", "--disable-smt",
			"--disable-numa", "-f", "-I", "-1", "-d"), CONFIG_RUN);
	ASSERT_U64_EQ(c.throttle_us, 700);
	ASSERT_TRUE(c.tickless && c.wakeup_throttle && c.disable_smt && c.disable_numa && c.cpufreq && c.debug);
	ASSERT_EQ(c.primary_domain.mode, DOMAIN_CPUS);
	ASSERT_EQ(c.idle_resume_us, -1);
	ASSERT_EQ(PARSE(&c, err, "--rr-sched", "--primary-domain=powersave", "--idle-resume-us=0"), CONFIG_RUN);
	ASSERT_TRUE(c.rr_sched);
	ASSERT_EQ(c.primary_domain.mode, DOMAIN_POWERSAVE);
	ASSERT_EQ(c.idle_resume_us, 0);
	ASSERT_EQ(PARSE(&c, err, "--idle-resume-us", "-1"), CONFIG_RUN);
	ASSERT_EQ(c.idle_resume_us, -1);
}

TEST(scx_flash_option_errors)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--throttle-us=1000001"), -EINVAL);
	ASSERT_STREQ(err, "--throttle-us: '1000001' is not a number of microseconds in 0-1000000");
	ASSERT_EQ(PARSE(&c, err, "--idle-resume-us=-2"), -EINVAL);
	ASSERT_STREQ(err, "--idle-resume-us: '-2' is not -1 or a number of microseconds in 0-1000000");
	ASSERT_EQ(PARSE(&c, err, "--primary-domain=0x0"), -EINVAL);
	ASSERT_STREQ(err, "--primary-domain: '0x0' names no CPU (for no preference, say none)");
	ASSERT_EQ(PARSE(&c, err, "--primary-domain=fastest"), -EINVAL);
	ASSERT_CONTAINS(err, "--primary-domain: 'fastest' is not one of auto, turbo, performance");
	ASSERT_EQ(PARSE(&c, err, "--tickless", "--rr-sched"), -EINVAL);
	ASSERT_CONTAINS(err, "--tickless and --rr-sched exclude each other");
}

TEST(cell_options)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--cell-parent-cgroup=work.slice", "--cell-exclude=a,b", "--cell-exclude", "c",
			"--cell0-min-cpus=2", "--rebalance-cpus-interval-s=2.5", "--reconfiguration-interval-s=30",
			"--monitor-interval-s=0.5", "--enable-llc-awareness", "--enable-work-stealing",
			"--reject-multicpu-pinning", "--cpu-controller-disabled", "--exiting-task-workaround=false",
			"--debug-events", "--run-id=42"), CONFIG_RUN);
	ASSERT_STREQ(c.cell_parent_cgroup, "work.slice");
	ASSERT_EQ(c.nr_cell_exclude, 3);
	ASSERT_STREQ(c.cell_exclude[1], "b");
	ASSERT_STREQ(c.cell_exclude[2], "c");
	ASSERT_EQ(c.cell0_min_cpus, 2);
	ASSERT_U64_EQ(c.rebalance_interval_us, 2500000);
	ASSERT_U64_EQ(c.reconfigure_interval_us, 30000000);
	ASSERT_U64_EQ(c.cell_sample_interval_us, 500000);
	ASSERT_TRUE(c.llc_aware && c.work_stealing && c.reject_multicpu_pinning && c.cpu_controller_disabled);
	ASSERT_FALSE(c.exiting_task_workaround);
	ASSERT_TRUE(c.debug_events && c.has_run_id);
	ASSERT_U64_EQ(c.run_id, 42);
}

TEST(cell_option_errors)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--enable-work-stealing"), -EINVAL);
	ASSERT_CONTAINS(err, "--enable-work-stealing needs --enable-llc-awareness");
	ASSERT_EQ(PARSE(&c, err, "--cell-exclude=a"), -EINVAL);
	ASSERT_CONTAINS(err, "--cell-exclude needs --cell-parent-cgroup");
	ASSERT_EQ(PARSE(&c, err, "--exiting-task-workaround=maybe"), -EINVAL);
	ASSERT_STREQ(err, "--exiting-task-workaround: 'maybe' is not true or false");
	ASSERT_EQ(PARSE(&c, err, "--run-id=-1"), -EINVAL);
	ASSERT_CONTAINS(err, "--run-id: '-1' is not a whole number");
}

TEST(every_option)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--slice-us=1000", "-l", "5000", "--exit-dump-len", "65536",
			"--stats=0.5", "-v", "--log-level=debug"), CONFIG_RUN);
	ASSERT_U64_EQ(c.slice_us, 1000);
	ASSERT_U64_EQ(c.slice_lag_us, 5000);
	ASSERT_EQ(c.exit_dump_len, 65536);
	ASSERT_U64_EQ(c.stats_interval_us, 500000);
	ASSERT_TRUE(c.verbose);
	ASSERT_EQ(c.log_level, LOG_DEBUG);
	ASSERT_EQ(PARSE(&c, err, "-s", "20"), CONFIG_RUN);
	ASSERT_U64_EQ(c.slice_us, 20);
	ASSERT_EQ(PARSE(&c, err, "--log-level", "3"), CONFIG_RUN);
	ASSERT_EQ(c.log_level, LOG_ERR);
}

TEST(range_edges)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--slice-us=100000"), CONFIG_RUN);
	ASSERT_EQ(PARSE(&c, err, "--slice-us=100001"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--slice-us=19"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--slice-us-lag=0"), CONFIG_RUN);
	ASSERT_EQ(PARSE(&c, err, "--slice-us-lag=1000001"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--exit-dump-len=16777216"), CONFIG_RUN);
	ASSERT_EQ(PARSE(&c, err, "--exit-dump-len=16777217"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--stats=0.05"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--stats=3601"), -EINVAL);
}

TEST(bad_values_name_the_option_and_range)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--slice-us=0"), -EINVAL);
	ASSERT_STREQ(err, "--slice-us: '0' is not a number of microseconds in 20-100000");
	ASSERT_EQ(PARSE(&c, err, "--slice-us=-5"), -EINVAL);
	ASSERT_CONTAINS(err, "--slice-us: '-5'");
	ASSERT_EQ(PARSE(&c, err, "--slice-us=7ms"), -EINVAL);
	ASSERT_CONTAINS(err, "--slice-us: '7ms'");
	ASSERT_EQ(PARSE(&c, err, "--slice-us="), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--slice-us=99999999999999999999999"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--stats=nan"), -EINVAL);
	ASSERT_CONTAINS(err, "--stats: 'nan' is not a number of seconds in 0.1-3600");
	ASSERT_EQ(PARSE(&c, err, "--log-level=loud"), -EINVAL);
	ASSERT_CONTAINS(err, "--log-level: 'loud'");
}

TEST(unknown_and_missing)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--bogus"), -EINVAL);
	ASSERT_STREQ(err, "unknown option '--bogus' (see --help)");
	ASSERT_EQ(PARSE(&c, err, "-x"), -EINVAL);
	ASSERT_STREQ(err, "unknown option '-x' (see --help)");
	ASSERT_EQ(PARSE(&c, err, "--slice-us"), -EINVAL);
	ASSERT_STREQ(err, "--slice-us needs a value (see --help)");
	ASSERT_EQ(PARSE(&c, err, "extra"), -EINVAL);
	ASSERT_STREQ(err, "unexpected argument 'extra' (see --help)");
	ASSERT_EQ(PARSE(&c, err, "--verbose=1"), -EINVAL);
	ASSERT_STREQ(err, "option '--verbose' takes no value");
	ASSERT_EQ(PARSE(&c, err, "--slice"), -EINVAL);
	ASSERT_STREQ(err, "option '--slice' is ambiguous (see --help)");
	ASSERT_EQ(PARSE(&c, err, "--bogus=3"), -EINVAL);
	ASSERT_STREQ(err, "unknown option '--bogus' (see --help)");
	/* an unambiguous prefix is the option */
	ASSERT_EQ(PARSE(&c, err, "--slice-us-l=100"), CONFIG_RUN);
	ASSERT_U64_EQ(c.slice_lag_us, 100);
}

TEST(help_and_version)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--help"), CONFIG_HELP);
	ASSERT_EQ(PARSE(&c, err, "-h"), CONFIG_HELP);
	ASSERT_EQ(PARSE(&c, err, "--version"), CONFIG_VERSION);
	ASSERT_EQ(PARSE(&c, err, "-V"), CONFIG_VERSION);
}

/* Reparsing starts from scratch (getopt state is reset). */
TEST(parse_twice)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--slice-us=900", "--verbose"), CONFIG_RUN);
	ASSERT_EQ(PARSE(&c, err, "--slice-us=800"), CONFIG_RUN);
	ASSERT_U64_EQ(c.slice_us, 800);
	ASSERT_FALSE(c.verbose);
}

TEST(help_lists_every_option)
{
	static const char *const opts[] = {
		"--slice-us=", "--slice-us-lag=", "--throttle-us=", "--tickless", "--rr-sched",
		"--wakeup-throttle", "--primary-domain=", "--disable-smt", "--disable-numa", "--cpufreq",
		"--idle-resume-us=", "--exit-dump-len=", "--stats=", "--debug", "--verbose",
		"--log-level=", "--help", "--version",
	};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	config_print_help(f, "cellflashd");
	fclose(f);
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strstr(text, opts[i]))
			FAIL_AT("--help does not mention %s", opts[i]);
	free(text);
}

TEST(monitor_and_help_stats)
{
	char err[CONFIG_ERROR_MAX];
	struct config c;

	ASSERT_EQ(PARSE(&c, err, "--monitor=2.5"), CONFIG_RUN);
	ASSERT_U64_EQ(c.monitor_interval_us, 2500000);
	ASSERT_EQ(PARSE(&c, err, "--monitor", "0.1"), CONFIG_RUN);
	ASSERT_U64_EQ(c.monitor_interval_us, 100000);
	ASSERT_EQ(PARSE(&c, err, "--monitor=0.05"), -EINVAL);
	ASSERT_CONTAINS(err, "--monitor: '0.05' is not a number of seconds in 0.1-3600");
	ASSERT_EQ(PARSE(&c, err, "--monitor=x"), -EINVAL);
	ASSERT_EQ(PARSE(&c, err, "--help-stats"), CONFIG_HELP_STATS);
	ASSERT_EQ(PARSE(&c, err, "--help-stats=1"), -EINVAL);
	config_init(&c);
	ASSERT_U64_EQ(c.monitor_interval_us, 0);
}
