/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which CPUs each cell gets. Pure: the cells (with their cpusets, current
 * CPUs and utilisation) go in, an assignment comes out.
 *
 * - Cell 0 (everything not in another cell) always keeps cell0_min_cpus,
 *   from CPUs no cpuset claims if it can, else from cpuset cells that have
 *   CPUs to spare.
 * - A cell with a cpuset (pinned) gets CPUs only from its cpuset: those
 *   only it claims, and a share of those several cpusets claim.
 * - Cells without a cpuset (cell 0 and --cell-parent-cgroup's children)
 *   share the CPUs no cpuset claims in proportion to their utilisation,
 *   one CPU at least. With hysteresis, counts change only when a cell is
 *   short of its share by most of a CPU, so CPUs do not flap.
 * - A cell that cannot get a CPU (more cells than CPUs) is dropped: its
 *   cgroups stay in cell 0. Later cells (higher ids) are dropped first.
 * - CPUs stay with the cell that has them when they can; new ones are taken
 *   from the LLC the cell already uses most, then by number.
 */
#ifndef CELLFLASH_PLANNER_H
#define CELLFLASH_PLANNER_H

#include <stdbool.h>
#include <stdint.h>

#include "cpumask.h"

#define PLAN_MAX_CELLS CELLFLASH_MAX_CELLS

struct plan_cell {
	unsigned id;		/* cells[0] must be cell 0 */
	bool pinned;		/* has a cpuset */
	struct cpumask cpuset;	/* pinned cells only */
	double util;		/* smoothed utilisation 0..1: its weight */
	struct cpumask prev;	/* the CPUs it has now */
};

struct plan_input {
	struct cpumask cpus;		/* the online CPUs to share */
	const uint8_t *llc;		/* LLC of each CPU, or NULL */
	unsigned cell0_min_cpus;	/* >= 1 */
	bool hysteresis;		/* keep the split unless clearly off */
	unsigned nr_cells;
	struct plan_cell cells[PLAN_MAX_CELLS];
};

struct plan_output {
	struct cpumask cell_cpus[PLAN_MAX_CELLS];	/* by position in the input */
	bool dropped[PLAN_MAX_CELLS];
	uint8_t cpu_cell[CPUMASK_MAX_CPUS];		/* cell id of each CPU */
};

/* Returns 0, or -EINVAL for an input that breaks the rules above. */
int plan_cells(const struct plan_input *in, struct plan_output *out);

#endif
