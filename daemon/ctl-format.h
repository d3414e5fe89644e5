/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What cellflashctl (and cellflashd --monitor) print, from what they read
 * over the bus: the status summary, and the monitor's line per interval,
 * as text or JSON. No I/O but the FILE they are given.
 */
#ifndef CELLFLASH_CTL_FORMAT_H
#define CELLFLASH_CTL_FORMAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cells.h"
#include "metrics.h"

/* The properties of org.cellflash.Scheduler1 but the metrics. */
struct ctl_status {
	char state[32];
	char version[32];
	char ops_name[64];
	uint32_t restart_count;
	char last_exit_kind[64];		/* "none": never exited */
	int64_t last_exit_code;
	char last_exit_reason[EXIT_REASON_LEN];
	char last_exit_message[EXIT_MSG_LEN];
	uint64_t slice_us;
	uint64_t slice_lag_us;
	uint32_t exit_dump_len;
	char primary_domain[CPULIST_MAX];	/* as set: "auto", "0-3", ... */
	char primary_domain_mode[32];		/* what it resolved to */
	char primary_domain_cpus[CPULIST_MAX];
	char power_profile[32];
	char power_profile_source[64];
	uint32_t nr_cells;
	uint64_t run_id;			/* 0: none given */
};

/* An org.cellflash.Cell1 object. */
struct ctl_cell {
	uint32_t id;
	char cgroup_path[CELL_PATH_MAX + 1];	/* "/" for cell 0 */
	bool pinned;
	char cpus[CPULIST_MAX];
	uint32_t nr_cpus;
	double util;
	struct cell_counts counts;
};

struct ctl_cells {
	unsigned nr;
	struct ctl_cell cell[CELLFLASH_MAX_CELLS];	/* by ascending id */
};

/* One GetMetrics() snapshot. */
struct ctl_metrics {
	uint64_t timestamp_usec;
	uint64_t attached_at_usec;		/* 0: not attached */
	char state[32];
	struct metrics metrics;
};

/* What changed from one snapshot to the next. */
struct monitor_interval {
	uint64_t usec;				/* between the snapshots */
	bool restarted;				/* the counters started again in between */
	struct metrics delta;			/* counters: the interval's; gauges: now */
	uint64_t dispatches;			/* in the interval, all kinds */
	double dispatches_per_sec;
};

void status_print(FILE *f, const struct ctl_status *s, const struct ctl_metrics *m);
void status_print_json(FILE *f, const struct ctl_status *s, const struct ctl_metrics *m);

/*
 * The interval from @prev to @now. The counters count from zero again when
 * the scheduler was re-attached in between (AttachedAt changed, or a
 * counter went backwards).
 */
void monitor_interval(const struct ctl_metrics *prev, const struct ctl_metrics *now,
		      struct monitor_interval *ret);
/* One line, newline included: totals, the interval's rate and shares. */
void monitor_print_line(FILE *f, const struct ctl_metrics *prev, const struct ctl_metrics *now);
/*
 * The same as one JSON object on one line; with @cells_now, a "cells" array
 * with each cell's interval (from @cells_prev, as monitor_print_cells()).
 */
void monitor_print_json(FILE *f, const struct ctl_metrics *prev, const struct ctl_metrics *now,
			const struct ctl_cells *cells_prev, const struct ctl_cells *cells_now);

/* cellflashctl cells: a line per cell, or one JSON array. */
void cells_print(FILE *f, const struct ctl_cells *c);
void cells_print_json(FILE *f, const struct ctl_cells *c);
/*
 * The monitor's line per cell: the interval's placements (from @prev's
 * counters, if it has the cell; a counter that went back counts from zero)
 * and their split.
 */
void monitor_print_cells(FILE *f, const struct ctl_cells *prev, const struct ctl_cells *now);

#endif
