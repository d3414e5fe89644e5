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
	/* Diagnostics */
	uint32_t exit_dump_len;		/* --exit-dump-len, 0 = kernel default */
	uint64_t stats_interval_us;	/* --stats, 0 = off */
	bool debug;			/* --debug: BPF trace output */
	uint64_t monitor_interval_us;	/* --monitor: watch a running cellflashd instead */
	bool verbose;			/* --verbose: libbpf debug output */
	int log_level;			/* --log-level */
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
