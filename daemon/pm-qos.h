/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --idle-resume-us: each CPU's pm_qos_resume_latency_us, set while cellflashd
 * runs and restored on every way out. The original values are saved to a
 * state file before anything is written, so that the next start can repair
 * what a crash left behind.
 */
#ifndef CELLFLASH_PM_QOS_H
#define CELLFLASH_PM_QOS_H

#include <stddef.h>
#include <stdint.h>

#include "cpumask.h"

#define PM_QOS_VALUE_MAX 16

struct pm_qos_saved {
	unsigned cpu;
	char value[PM_QOS_VALUE_MAX];	/* as sysfs shows it: "0", "n/a", "50" */
};

struct pm_qos {
	char sysfs_root[256];
	char state_path[512];
	unsigned nr_saved;
	struct pm_qos_saved saved[CPUMASK_MAX_CPUS];
};

/* Pure: the state file's text, "CPU VALUE" lines. Returns entries or -EINVAL. */
int pm_qos_parse_state(const char *text, struct pm_qos_saved *ret, unsigned max);
int pm_qos_format_state(const struct pm_qos_saved *saved, unsigned n, char *buf, size_t size);

void pm_qos_init(struct pm_qos *q, const char *sysfs_root, const char *state_path);
/*
 * Restores the values a previous run saved and did not restore (it
 * crashed), whether or not this run sets any.
 */
int pm_qos_repair(const char *sysfs_root, const char *state_path);
/* Sets @us on @cpus (where the file exists), saving the originals first. */
int pm_qos_apply(struct pm_qos *q, const struct cpumask *cpus, int64_t us);
/* Writes the saved values back and removes the state file. */
void pm_qos_restore(struct pm_qos *q);

#endif
