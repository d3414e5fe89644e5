/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A client of cellflashd's bus interface, for cellflashctl and for
 * cellflashd --monitor: read the status and metrics, restart, monitor.
 * Every function that fails logs one line saying why (for a daemon that is
 * not there: that it is not running) and returns a negative errno.
 */
#ifndef CELLFLASH_CLIENT_H
#define CELLFLASH_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include <systemd/sd-bus.h>

#include "ctl-format.h"

/* -EHOSTDOWN from these functions: cellflashd is not running (or has no bus). */
#define CLIENT_NOT_RUNNING	(-EHOSTDOWN)

int client_connect(sd_bus **ret);
int client_get_status(sd_bus *bus, struct ctl_status *ret);
int client_get_metrics(sd_bus *bus, struct ctl_metrics *ret);
/* The cell objects, by id. */
int client_get_cells(sd_bus *bus, struct ctl_cells *ret);
/* Changes; @interactive: polkit may ask the user for a password. */
int client_restart(sd_bus *bus, bool interactive);
int client_set_primary_domain(sd_bus *bus, const char *domain, bool interactive);
int client_rebalance(sd_bus *bus, bool interactive);
/*
 * Prints a line (or with @json a JSON object) per @interval_usec to stdout,
 * from the second snapshot on. Returns only when a snapshot fails.
 */
int client_monitor(sd_bus *bus, uint64_t interval_usec, bool json);

#endif
