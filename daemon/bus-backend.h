/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the bus object asks of the scheduler's owner, and nothing more: a
 * snapshot of its state, a snapshot of its metrics, and a restart. The
 * daemon's manager implements these (manager-bus.c); the host tests link a
 * test double instead (tests/host/bus-double.c).
 */
#ifndef CELLFLASH_BUS_BACKEND_H
#define CELLFLASH_BUS_BACKEND_H

#include <stdint.h>

#include "config.h"
#include "metrics.h"
#include "scheduler.h"

struct bus_backend_status {
	const char *state;		/* "attached", "restarting", "detached", "failed" */
	unsigned restart_count;
	struct scheduler_exit last_exit;	/* kind 0: none yet */
	struct config config;		/* the options in force */
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

#endif
