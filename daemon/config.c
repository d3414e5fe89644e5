/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>

#include "config.h"
#include "log.h"
#include "util.h"
#include "../bpf/intf.h"

/* Accepted ranges, shown in --help and in errors. */
#define SLICE_US_MIN		20
#define SLICE_US_MAX		100000
#define SLICE_LAG_US_MAX	1000000
#define THROTTLE_US_MAX		1000000
#define IDLE_RESUME_US_MAX	1000000
#define EXIT_DUMP_LEN_MAX	(16u << 20)
#define STATS_S_MAX		3600
#define INTERVAL_S_MAX		3600

enum {
	OPT_WAKEUP_THROTTLE = 0x100,
	OPT_DISABLE_SMT,
	OPT_DISABLE_NUMA,
	OPT_EXIT_DUMP_LEN,
	OPT_STATS,
	OPT_LOG_LEVEL,
	OPT_MONITOR,
	OPT_HELP_STATS,
	OPT_CELL_PARENT_CGROUP,
	OPT_CELL_EXCLUDE,
	OPT_CELL0_MIN_CPUS,
	OPT_REBALANCE_INTERVAL,
	OPT_RECONFIGURE_INTERVAL,
	OPT_MONITOR_INTERVAL,
	OPT_LLC_AWARE,
	OPT_WORK_STEALING,
	OPT_REJECT_MULTICPU_PINNING,
	OPT_CPU_CONTROLLER_DISABLED,
	OPT_EXITING_TASK_WORKAROUND,
	OPT_DEBUG_EVENTS,
	OPT_RUN_ID,
};

static const struct option options[] = {
	{ "slice-us",		required_argument, NULL, 's' },
	{ "slice-us-lag",	required_argument, NULL, 'l' },
	{ "throttle-us",	required_argument, NULL, 't' },
	{ "tickless",		no_argument,	   NULL, 'T' },
	{ "rr-sched",		no_argument,	   NULL, 'R' },
	{ "wakeup-throttle",	no_argument,	   NULL, OPT_WAKEUP_THROTTLE },
	{ "primary-domain",	required_argument, NULL, 'm' },
	{ "disable-smt",	no_argument,	   NULL, OPT_DISABLE_SMT },
	{ "disable-numa",	no_argument,	   NULL, OPT_DISABLE_NUMA },
	{ "cpufreq",		no_argument,	   NULL, 'f' },
	{ "idle-resume-us",	required_argument, NULL, 'I' },
	{ "cell-parent-cgroup",	required_argument, NULL, OPT_CELL_PARENT_CGROUP },
	{ "cell-exclude",	required_argument, NULL, OPT_CELL_EXCLUDE },
	{ "cell0-min-cpus",	required_argument, NULL, OPT_CELL0_MIN_CPUS },
	{ "rebalance-cpus-interval-s", required_argument, NULL, OPT_REBALANCE_INTERVAL },
	{ "reconfiguration-interval-s", required_argument, NULL, OPT_RECONFIGURE_INTERVAL },
	{ "monitor-interval-s",	required_argument, NULL, OPT_MONITOR_INTERVAL },
	{ "enable-llc-awareness", no_argument,	   NULL, OPT_LLC_AWARE },
	{ "enable-work-stealing", no_argument,	   NULL, OPT_WORK_STEALING },
	{ "reject-multicpu-pinning", no_argument,  NULL, OPT_REJECT_MULTICPU_PINNING },
	{ "cpu-controller-disabled", no_argument,  NULL, OPT_CPU_CONTROLLER_DISABLED },
	{ "exiting-task-workaround", required_argument, NULL, OPT_EXITING_TASK_WORKAROUND },
	{ "debug-events",	no_argument,	   NULL, OPT_DEBUG_EVENTS },
	{ "run-id",		required_argument, NULL, OPT_RUN_ID },
	{ "exit-dump-len",	required_argument, NULL, OPT_EXIT_DUMP_LEN },
	{ "stats",		required_argument, NULL, OPT_STATS },
	{ "debug",		no_argument,	   NULL, 'd' },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "log-level",		required_argument, NULL, OPT_LOG_LEVEL },
	{ "monitor",		required_argument, NULL, OPT_MONITOR },
	{ "help-stats",		no_argument,	   NULL, OPT_HELP_STATS },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{}
};

void config_init(struct config *c)
{
	*c = (struct config) {
		.slice_us = 700,
		.slice_lag_us = 20000,
		.primary_domain = { .mode = DOMAIN_AUTO },
		.idle_resume_us = 32,
		.cell0_min_cpus = 1,
		.rebalance_interval_us = 5 * USEC_PER_SEC,
		.reconfigure_interval_us = 10 * USEC_PER_SEC,
		.cell_sample_interval_us = 1 * USEC_PER_SEC,
		.exiting_task_workaround = true,
		.log_level = LOG_INFO,
	};
}

void config_print_help(FILE *f, const char *program)
{
	fprintf(f,
		"Usage: %s [OPTIONS]\n"
		"\n"
		"Attach the cellflash sched_ext scheduler and keep it running: deadline-based\n"
		"fairness and latency for every task, cgroups in cells of their own CPUs,\n"
		"restarted when the kernel asks. Its state, counters, cells, primary domain and\n"
		"restart are on the system bus as org.cellflash.Scheduler1 (see cellflashctl).\n"
		"\n"
		"Scheduling:\n"
		"  -s, --slice-us=US        Base time slice in microseconds, scaled by task weight\n"
		"                           within [US/8, US*8]; the kernel ends slices at its\n"
		"                           timer tick at the earliest (default 700, %d-%d)\n"
		"  -l, --slice-us-lag=US    Most vruntime credit a task earns by sleeping, per\n"
		"                           wakeup per 100 ms and scaled by weight (default 20000,\n"
		"                           0-%d)\n"
		"  -t, --throttle-us=US     Force all CPUs idle for US after every slice of running,\n"
		"                           to save power (default 0: off, 0-%d)\n"
		"  -T, --tickless           Infinite slices: a task is preempted only when another\n"
		"                           waits for its CPU (checked every 10 ms)\n"
		"  -R, --rr-sched           Round-robin: every task gets --slice-us in turn, no\n"
		"                           deadlines, no weights\n"
		"      --wakeup-throttle    Charge an extra --slice-us-lag to tasks that run less\n"
		"                           than 10 us per wakeup on average (wakeup storms)\n"
		"\n"
		"Topology and power:\n"
		"  -m, --primary-domain=DOMAIN  CPUs that tasks prefer until those are busy:\n"
		"                           auto (powersave under a power-saving profile, else\n"
		"                           all; follows the power profile live), turbo (highest\n"
		"                           maximum frequency), performance (fast CPUs), powersave\n"
		"                           (efficient CPUs), all, none, a hex mask (0xff) or a\n"
		"                           CPU list (0-3,8) (default auto)\n"
		"      --disable-smt        Do not move tasks off busy SMT siblings to idle cores\n"
		"      --disable-numa       One queue for all NUMA nodes (default: a queue per node)\n"
		"  -f, --cpufreq            Set CPU performance levels from load (schedutil only);\n"
		"                           without it: minimum in powersave, maximum otherwise\n"
		"  -I, --idle-resume-us=US  Set every CPU's pm_qos_resume_latency_us while running,\n"
		"                           restored on exit (default 32, -1: leave alone, -1-%d)\n"
		"\n"
		"Cells (CPUs of their own for groups of cgroups):\n"
		"      Every cgroup whose cpuset.cpus limits it to part of its parent's CPUs\n"
		"      (systemd's AllowedCPUs=) becomes a cell with its subtree; so does every\n"
		"      child of --cell-parent-cgroup. Everything else is cell 0.\n"
		"      --cell-parent-cgroup=PATH  Make each child of this cgroup (relative to the\n"
		"                           cgroup2 mount, e.g. workload.slice) a cell of its own\n"
		"      --cell-exclude=NAME[,NAME...]  Children of --cell-parent-cgroup that stay in\n"
		"                           cell 0 (repeatable, up to %d names)\n"
		"      --cell0-min-cpus=N   CPUs kept for cell 0 whatever the others ask (default 1)\n"
		"      --rebalance-cpus-interval-s=S  How often CPUs move between cells without a\n"
		"                           cpuset, by demand (default 5, 0.1-%d)\n"
		"      --reconfiguration-interval-s=S  How often cgroups are rescanned besides\n"
		"                           on cgroupfs events (default 10, 0.1-%d)\n"
		"      --monitor-interval-s=S  How often cell demand is sampled (default 1, 0.1-%d)\n"
		"      --enable-llc-awareness  A queue per cell and last-level cache: tasks stay in\n"
		"                           their LLC (at most %d LLCs)\n"
		"      --enable-work-stealing  With --enable-llc-awareness: an idle CPU takes work\n"
		"                           from its cell's other LLCs\n"
		"      --reject-multicpu-pinning  Stop the scheduler when a task of a cell may run\n"
		"                           on several CPUs but not on all of its cell's\n"
		"      --cpu-controller-disabled  No cgroup callbacks: cpu.weight is not applied\n"
		"                           (cells work with or without the cpu controller)\n"
		"      --exiting-task-workaround=BOOL  Accepted for scx_mitosis compatibility;\n"
		"                           nothing to work around here (see cellflashd(8))\n"
		"\n"
		"Diagnostics:\n"
		"      --exit-dump-len=BYTES  Size of the kernel's debug dump kept when the\n"
		"                           scheduler fails (default 0: the kernel's 32768, max %u)\n"
		"      --stats=SECONDS      Log the scheduler's counters every SECONDS (0.1-%d)\n"
		"  -d, --debug              BPF trace output (/sys/kernel/tracing/trace_pipe)\n"
		"  -v, --verbose            Log libbpf's debug output\n"
		"      --log-level=LEVEL    err, warning, notice, info or debug (default info)\n"
		"      --debug-events       Keep the last %d cgroup and task events in a ring,\n"
		"                           shown in the scheduler's debug dump\n"
		"      --run-id=N           A number that tells this instance apart in logs and\n"
		"                           on the bus (RunId)\n"
		"      --monitor=SECONDS    Do not schedule: print the running cellflashd's counters\n"
		"                           and rates every SECONDS (0.1-%d), as cellflashctl monitor\n"
		"      --help-stats         Describe every metric and exit\n"
		"  -h, --help               Show this help and exit\n"
		"  -V, --version            Show the version and exit\n"
		"\n"
		"Exit status: 0 on SIGTERM/SIGINT, 1 when the scheduler cannot be attached or\n"
		"keeps failing, 2 for bad options, 4 without the needed privileges, 5 when the\n"
		"kernel has no sched_ext; with --monitor, 3 when cellflashd is not running.\n",
		program, SLICE_US_MIN, SLICE_US_MAX, SLICE_LAG_US_MAX, THROTTLE_US_MAX,
		IDLE_RESUME_US_MAX, CONFIG_MAX_EXCLUDES, INTERVAL_S_MAX, INTERVAL_S_MAX,
		INTERVAL_S_MAX, CELLFLASH_MAX_DOMAINS, EXIT_DUMP_LEN_MAX, STATS_S_MAX, DEBUG_EVENTS_LEN,
		STATS_S_MAX);
}

/* A whole unsigned decimal number within [min, max]. */
static int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *ret)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return errno == ERANGE ? -ERANGE : -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*ret = v;
	return 0;
}

/* A whole signed decimal number within [min, max]. */
static int parse_s64(const char *s, int64_t min, int64_t max, int64_t *ret)
{
	long long v;
	char *end;

	if (!*s || *s == '+')
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return errno == ERANGE ? -ERANGE : -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*ret = v;
	return 0;
}

static int parse_seconds(const char *s, double min, double max, uint64_t *ret_usec)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v))
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*ret_usec = (uint64_t)(v * 1e6 + 0.5);	/* v > 0: rounds to nearest */
	return 0;
}

#define fail(...) ({ snprintf(error, CONFIG_ERROR_MAX, __VA_ARGS__); -EINVAL; })

static int parse_bool(const char *s, bool *ret)
{
	if (streq(s, "true") || streq(s, "yes") || streq(s, "1"))
		*ret = true;
	else if (streq(s, "false") || streq(s, "no") || streq(s, "0"))
		*ret = false;
	else
		return -EINVAL;
	return 0;
}

/* A cgroup path relative to the cgroup2 mount: no "..", no empty result. */
static int parse_cgroup_path(const char *s, char *ret, size_t n)
{
	while (*s == '/')
		s++;
	if (!*s || strlen(s) >= n)
		return -EINVAL;
	for (const char *c = s; *c; ) {
		size_t len = strcspn(c, "/");

		if ((len == 1 && c[0] == '.') || (len == 2 && c[0] == '.' && c[1] == '.'))
			return -EINVAL;
		c += len;
		while (*c == '/')
			c++;
	}
	snprintf(ret, n, "%s", s);
	while (*ret && ret[strlen(ret) - 1] == '/')
		ret[strlen(ret) - 1] = 0;
	return 0;
}

/* Appends the comma-separated cgroup names of @s to --cell-exclude's. */
static int add_excludes(struct config *c, const char *s, char error[CONFIG_ERROR_MAX])
{
	while (*s) {
		size_t len = strcspn(s, ",");

		if (len == 0 || len >= CONFIG_NAME_MAX || memchr(s, '/', len) ||
		    (len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
			return fail("--cell-exclude: '%.*s' is not a cgroup name", (int)len, s);
		if (c->nr_cell_exclude == CONFIG_MAX_EXCLUDES)
			return fail("--cell-exclude: more than %d names", CONFIG_MAX_EXCLUDES);
		snprintf(c->cell_exclude[c->nr_cell_exclude++], CONFIG_NAME_MAX, "%.*s", (int)len, s);
		s += len;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* Why getopt_long() refused @arg: "--name[=value]" or "-x". */
static int explain_bad_option(const char *arg, int short_opt, char error[CONFIG_ERROR_MAX])
{
	const struct option *match = NULL;
	size_t len;
	int n = 0;

	if (strncmp(arg, "--", 2) != 0)
		return fail("unknown option '-%c' (see --help)", short_opt ? short_opt : '?');
	arg += 2;
	len = strcspn(arg, "=");
	for (const struct option *o = options; o->name; o++) {
		if (strncmp(o->name, arg, len) != 0)
			continue;
		if (strlen(o->name) == len) {
			match = o;
			n = 1;
			break;
		}
		match = o;
		n++;
	}
	if (n > 1)
		return fail("option '--%.*s' is ambiguous (see --help)", (int)len, arg);
	if (n == 1 && arg[len] == '=' && match->has_arg == no_argument)
		return fail("option '--%s' takes no value", match->name);
	return fail("unknown option '--%.*s' (see --help)", (int)len, arg);
}

int config_parse(struct config *c, int argc, char **argv, char error[CONFIG_ERROR_MAX])
{
	uint64_t v;
	int opt, r;

	optind = 0;	/* full reset: config_parse may run more than once */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":s:l:t:TRm:fI:dvhV", options, NULL)) >= 0) {
		switch (opt) {
		case 's':
			if (parse_u64(optarg, SLICE_US_MIN, SLICE_US_MAX, &c->slice_us) < 0)
				return fail("--slice-us: '%s' is not a number of microseconds in %d-%d",
					    optarg, SLICE_US_MIN, SLICE_US_MAX);
			break;
		case 'l':
			if (parse_u64(optarg, 0, SLICE_LAG_US_MAX, &c->slice_lag_us) < 0)
				return fail("--slice-us-lag: '%s' is not a number of microseconds in 0-%d",
					    optarg, SLICE_LAG_US_MAX);
			break;
		case 't':
			if (parse_u64(optarg, 0, THROTTLE_US_MAX, &c->throttle_us) < 0)
				return fail("--throttle-us: '%s' is not a number of microseconds in 0-%d",
					    optarg, THROTTLE_US_MAX);
			break;
		case 'T':
			c->tickless = true;
			break;
		case 'R':
			c->rr_sched = true;
			break;
		case OPT_WAKEUP_THROTTLE:
			c->wakeup_throttle = true;
			break;
		case 'm': {
			char why[CONFIG_ERROR_MAX - 32];

			if (domain_spec_parse(optarg, &c->primary_domain, why, sizeof(why)) < 0)
				return fail("--primary-domain: %s", why);
			break;
		}
		case OPT_DISABLE_SMT:
			c->disable_smt = true;
			break;
		case OPT_DISABLE_NUMA:
			c->disable_numa = true;
			break;
		case 'f':
			c->cpufreq = true;
			break;
		case 'I':
			if (parse_s64(optarg, -1, IDLE_RESUME_US_MAX, &c->idle_resume_us) < 0)
				return fail("--idle-resume-us: '%s' is not -1 or a number of microseconds in 0-%d",
					    optarg, IDLE_RESUME_US_MAX);
			break;
		case 'd':
			c->debug = true;
			break;
		case OPT_EXIT_DUMP_LEN:
			if (parse_u64(optarg, 0, EXIT_DUMP_LEN_MAX, &v) < 0)
				return fail("--exit-dump-len: '%s' is not a number of bytes in 0-%u",
					    optarg, EXIT_DUMP_LEN_MAX);
			c->exit_dump_len = (uint32_t)v;
			break;
		case OPT_STATS:
			if (parse_seconds(optarg, 0.1, STATS_S_MAX, &c->stats_interval_us) < 0)
				return fail("--stats: '%s' is not a number of seconds in 0.1-%d",
					    optarg, STATS_S_MAX);
			break;
		case OPT_MONITOR:
			if (parse_seconds(optarg, 0.1, STATS_S_MAX, &c->monitor_interval_us) < 0)
				return fail("--monitor: '%s' is not a number of seconds in 0.1-%d",
					    optarg, STATS_S_MAX);
			break;
		case OPT_HELP_STATS:
			return CONFIG_HELP_STATS;
		case OPT_CELL_PARENT_CGROUP:
			if (parse_cgroup_path(optarg, c->cell_parent_cgroup, sizeof(c->cell_parent_cgroup)) < 0)
				return fail("--cell-parent-cgroup: '%s' is not a cgroup path below the "
					    "cgroup2 mount (like workload.slice)", optarg);
			break;
		case OPT_CELL_EXCLUDE:
			r = add_excludes(c, optarg, error);
			if (r < 0)
				return r;
			break;
		case OPT_CELL0_MIN_CPUS:
			if (parse_u64(optarg, 1, CELLFLASH_MAX_CPUS, &v) < 0)
				return fail("--cell0-min-cpus: '%s' is not a number of CPUs in 1-%d",
					    optarg, CELLFLASH_MAX_CPUS);
			c->cell0_min_cpus = (unsigned)v;
			break;
		case OPT_REBALANCE_INTERVAL:
			if (parse_seconds(optarg, 0.1, INTERVAL_S_MAX, &c->rebalance_interval_us) < 0)
				return fail("--rebalance-cpus-interval-s: '%s' is not a number of seconds in 0.1-%d",
					    optarg, INTERVAL_S_MAX);
			break;
		case OPT_RECONFIGURE_INTERVAL:
			if (parse_seconds(optarg, 0.1, INTERVAL_S_MAX, &c->reconfigure_interval_us) < 0)
				return fail("--reconfiguration-interval-s: '%s' is not a number of seconds in 0.1-%d",
					    optarg, INTERVAL_S_MAX);
			break;
		case OPT_MONITOR_INTERVAL:
			if (parse_seconds(optarg, 0.1, INTERVAL_S_MAX, &c->cell_sample_interval_us) < 0)
				return fail("--monitor-interval-s: '%s' is not a number of seconds in 0.1-%d",
					    optarg, INTERVAL_S_MAX);
			break;
		case OPT_LLC_AWARE:
			c->llc_aware = true;
			break;
		case OPT_WORK_STEALING:
			c->work_stealing = true;
			break;
		case OPT_REJECT_MULTICPU_PINNING:
			c->reject_multicpu_pinning = true;
			break;
		case OPT_CPU_CONTROLLER_DISABLED:
			c->cpu_controller_disabled = true;
			break;
		case OPT_EXITING_TASK_WORKAROUND:
			if (parse_bool(optarg, &c->exiting_task_workaround) < 0)
				return fail("--exiting-task-workaround: '%s' is not true or false", optarg);
			break;
		case OPT_DEBUG_EVENTS:
			c->debug_events = true;
			break;
		case OPT_RUN_ID:
			if (parse_u64(optarg, 0, UINT64_MAX, &c->run_id) < 0)
				return fail("--run-id: '%s' is not a whole number", optarg);
			c->has_run_id = true;
			break;
		case 'v':
			c->verbose = true;
			break;
		case OPT_LOG_LEVEL:
			r = log_level_from_string(optarg);
			if (r < 0)
				return fail("--log-level: '%s' is not one of err, warning, notice, info, debug",
					    optarg);
			c->log_level = r;
			break;
		case 'h':
			return CONFIG_HELP;
		case 'V':
			return CONFIG_VERSION;
		case ':':
			return fail("%s needs a value (see --help)", argv[optind - 1]);
		default:
			return explain_bad_option(argv[optind - 1], optopt, error);
		}
	}
	if (optind < argc)
		return fail("unexpected argument '%s' (see --help)", argv[optind]);
	if (c->tickless && c->rr_sched)
		return fail("--tickless and --rr-sched exclude each other: pick one slice policy");
	if (c->work_stealing && !c->llc_aware)
		return fail("--enable-work-stealing needs --enable-llc-awareness: it moves work "
			    "between last-level caches");
	if (c->nr_cell_exclude && !c->cell_parent_cgroup[0])
		return fail("--cell-exclude needs --cell-parent-cgroup: it names children of that cgroup");
	return CONFIG_RUN;
}
