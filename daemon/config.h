/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflashd's options: parsed once into a struct config, validated, and
 * applied to every fresh copy of the scheduler (each restart re-applies it).
 */
#ifndef CELLFLASH_CONFIG_H
#define CELLFLASH_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "domain.h"

#define CONFIG_PATH_MAX		256
#define CONFIG_NAME_MAX		256	/* a cgroup's name: NAME_MAX + 1 */
#define CONFIG_MAX_EXCLUDES	32

struct config {
	/* Scheduling */
	uint64_t slice_us;		/* --slice-us */
	uint64_t slice_lag_us;		/* --slice-us-lag */
	uint64_t throttle_us;		/* --throttle-us, 0 = off */
	bool tickless;			/* --tickless */
	bool rr_sched;			/* --rr-sched */
	bool wakeup_throttle;		/* --wakeup-throttle */
	/* Topology and power */
	struct domain_spec primary_domain;	/* --primary-domain */
	bool disable_smt;		/* --disable-smt */
	bool disable_numa;		/* --disable-numa */
	bool cpufreq;			/* --cpufreq */
	int64_t idle_resume_us;		/* --idle-resume-us, -1 = leave alone */
	/* Cells */
	char cell_parent_cgroup[CONFIG_PATH_MAX];	/* --cell-parent-cgroup, "" = none */
	char cell_exclude[CONFIG_MAX_EXCLUDES][CONFIG_NAME_MAX];	/* --cell-exclude */
	unsigned nr_cell_exclude;
	unsigned cell0_min_cpus;	/* --cell0-min-cpus */
	uint64_t rebalance_interval_us;	/* --rebalance-cpus-interval-s */
	uint64_t reconfigure_interval_us;	/* --reconfiguration-interval-s */
	uint64_t cell_sample_interval_us;	/* --monitor-interval-s */
	bool llc_aware;			/* --enable-llc-awareness */
	bool work_stealing;		/* --enable-work-stealing */
	bool reject_multicpu_pinning;	/* --reject-multicpu-pinning */
	bool cpu_controller_disabled;	/* --cpu-controller-disabled */
	bool exiting_task_workaround;	/* --exiting-task-workaround (nothing to work around) */
	bool debug_events;		/* --debug-events */
	/* Diagnostics */
	uint32_t exit_dump_len;		/* --exit-dump-len, 0 = kernel default */
	uint64_t stats_interval_us;	/* --stats, 0 = off */
	bool debug;			/* --debug: BPF trace output */
	uint64_t monitor_interval_us;	/* --monitor: watch a running cellflashd instead */
	bool verbose;			/* --verbose: libbpf debug output */
	int log_level;			/* --log-level */
	bool has_run_id;
	uint64_t run_id;		/* --run-id */
};

/* What main() should do after parsing. */
enum config_action {
	CONFIG_RUN,
	CONFIG_HELP,
	CONFIG_VERSION,
	CONFIG_HELP_STATS,
};

#define CONFIG_ERROR_MAX 256

void config_init(struct config *c);
/*
 * Parses @argv into @c. Returns an enum config_action, or -EINVAL with a
 * one-line explanation in @error (and @c unspecified).
 */
int config_parse(struct config *c, int argc, char **argv, char error[CONFIG_ERROR_MAX]);
void config_print_help(FILE *f, const char *program);

#endif
