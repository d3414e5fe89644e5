/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the bus object asks of the scheduler's owner, and nothing more:
 * snapshots of its state, metrics and cells, and the changes callers may
 * ask for (restart, primary domain, rebalance). The
 * daemon's manager implements these (manager-bus.c); the host tests link a
 * test double instead (tests/host/bus-double.c).
 */
#ifndef CELLFLASH_BUS_BACKEND_H
#define CELLFLASH_BUS_BACKEND_H

#include <stdint.h>

#include "cells.h"
#include "config.h"
#include "domain.h"
#include "metrics.h"
#include "scheduler.h"

struct bus_backend_status {
	const char *state;		/* "attached", "restarting", "detached", "failed" */
	unsigned restart_count;
	struct scheduler_exit last_exit;	/* kind 0: none yet */
	struct config config;		/* the options in force; primary_domain: as last set */
	const char *power_profile;	/* as power_profile_to_string() */
	const char *power_profile_source;	/* "power-profiles-daemon", ..., "none" */
	struct domain domain;		/* what the primary domain resolves to now */
	unsigned nr_cells;		/* cell 0 included */
};

struct bus_backend_metrics {
	uint64_t timestamp_usec;	/* CLOCK_MONOTONIC when taken */
	uint64_t attached_at_usec;	/* CLOCK_MONOTONIC of the running copy's attach; 0 if none */
	const char *state;
	struct metrics metrics;		/* all 0 unless attached */
};

void bus_backend_get_status(void *backend, struct bus_backend_status *ret);
void bus_backend_get_metrics(void *backend, struct bus_backend_metrics *ret);
/*
 * Detaches the scheduler and attaches a fresh copy now. Returns 0 once it
 * is attached; -ESHUTDOWN if the daemon gave up or is stopping; -EBUSY if
 * another scheduler is loaded; another negative errno if attaching failed
 * (the backend then retries on its own).
 */
int bus_backend_restart(void *backend);

/* -EINVAL with a reason in @err if @spec cannot apply here (CPUs that do not exist). */
int bus_backend_check_primary_domain(void *backend, const struct domain_spec *spec, char *err, size_t n);
/* Makes @spec (checked) the primary domain, applied to the running scheduler at once. */
void bus_backend_set_primary_domain(void *backend, const struct domain_spec *spec);
/*
 * Reads the cgroups and plans the cells now, without hysteresis. Returns 0,
 * or -ESHUTDOWN if the daemon gave up or is stopping.
 */
int bus_backend_rebalance(void *backend);

/* A cell as the bus shows it. */
struct bus_backend_cell {
	unsigned id;
	uint64_t cgroup_id;		/* of the owning cgroup; 0 for cell 0 */
	char path[CELL_PATH_MAX + 1];	/* the owning cgroup as /proc/PID/cgroup names it; "/" for cell 0 */
	bool pinned;			/* confined to its cpuset */
	struct cpumask cpus;		/* empty: waiting for CPUs, its tasks run in cell 0 */
	double util;			/* smoothed CPU use of its CPUs, 0..1 */
	struct cell_counts counts;	/* since the scheduler attached; 0 when detached */
};

/* Fills @ids (room for CELLFLASH_MAX_CELLS) with the cells' ids, ascending; returns how many. */
unsigned bus_backend_cell_ids(void *backend, unsigned *ids);
/* Cell @id now (@with_counts: its counters too, which cost a map read); -ENOENT if none. */
int bus_backend_get_cell(void *backend, unsigned id, bool with_counts, struct bus_backend_cell *ret);

#endif
