/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Keeps the cells in step with the cgroup hierarchy and their demand: finds
 * them on cgroupfs events (and every --reconfiguration-interval-s), samples
 * their CPU use every --monitor-interval-s, moves CPUs between them every
 * --rebalance-cpus-interval-s, and hands each new assignment to the
 * scheduler.
 */
#ifndef CELLFLASH_CELL_MANAGER_H
#define CELLFLASH_CELL_MANAGER_H

#include <systemd/sd-event.h>

#include "cells.h"
#include "config.h"
#include "scheduler.h"
#include "topology.h"

struct cell_manager;

/* Applies a new assignment to the running scheduler; <0 if it could not. */
typedef int (*cells_apply_fn)(void *userdata, const struct cell_setting *setting);

/*
 * Reads the cells under @cgroup_root and plans them on @topo's online CPUs.
 * @cfg and @topo must outlive the manager (@topo may change in place: see
 * cell_manager_replan()).
 */
int cell_manager_new(struct cell_manager **ret, sd_event *event, const struct config *cfg,
		     const char *cgroup_root, const struct topology *topo, cells_apply_fn apply,
		     void *userdata);
void cell_manager_free(struct cell_manager *cm);

/* The CPUs went online or offline (@topo changed): plans again, applies nothing. */
void cell_manager_replan(struct cell_manager *cm);

/* What the scheduler should run with: given to every attach. */
const struct cell_setting *cell_manager_setting(const struct cell_manager *cm);

/* The cells now, each with its CPUs and smoothed utilisation (0..1). */
const struct cell_set *cell_manager_cells(const struct cell_manager *cm);
const struct cpumask *cell_manager_cpus(const struct cell_manager *cm, unsigned id);
double cell_manager_util(const struct cell_manager *cm, unsigned id);

#endif
