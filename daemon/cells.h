/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Which cgroups own a cell, and how busy each cell is. Pure: a scanned
 * cgroup tree goes in, cells come out.
 *
 * A cgroup owns a cell, together with its subtree, when
 * - its cpuset.cpus is set and its effective CPUs are fewer than its
 *   parent's (what systemd's AllowedCPUs= does): a pinned cell, which only
 *   ever gets CPUs of that cpuset; or
 * - it is a child of --cell-parent-cgroup not named in --cell-exclude.
 * Everything else is cell 0. A cell keeps its id while its cgroup exists;
 * a new one takes the lowest id no cell had before (then the lowest free).
 */
#ifndef CELLFLASH_CELLS_H
#define CELLFLASH_CELLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "cpumask.h"
#include "../bpf/intf.h"

#define CELL_PATH_MAX	512

/* One cgroup, as cgroup-scan.c reads it. */
struct cgroup_node {
	uint64_t id;			/* its inode number: the kernel's cgroup id */
	int parent;			/* index of its parent; -1 for the root */
	bool has_cpuset;		/* cpuset.cpus is set */
	bool has_effective;		/* cpuset.cpus.effective is there */
	struct cpumask effective;	/* cpuset.cpus.effective */
	char path[CELL_PATH_MAX];	/* below the cgroup2 mount; "" for the root */
};

struct cgroup_tree {
	size_t nr;
	struct cgroup_node *nodes;	/* [0] is the root; parents before children */
};

struct cell {
	unsigned id;
	uint64_t cgroup_id;		/* 0 for cell 0 */
	unsigned parent;		/* index in the set of the cell it is nested in */
	bool pinned;			/* confined to its cpuset */
	struct cpumask cpuset;		/* pinned cells: their effective CPUs */
	char path[CELL_PATH_MAX];	/* "" for cell 0 */
};

struct cell_set {
	unsigned nr;
	struct cell cells[CELLFLASH_MAX_CELLS];	/* [0] is cell 0; ids ascend */
};

struct cell_rules {
	const char *parent;		/* --cell-parent-cgroup; NULL or "": none */
	const char (*exclude)[CONFIG_NAME_MAX];	/* --cell-exclude names */
	unsigned nr_exclude;
};

/* Called for each cgroup that should own a cell but finds no free id. */
typedef void (*cell_overflow_fn)(void *userdata, const struct cgroup_node *node);

/*
 * The cells of @tree under @rules, keeping the ids cells had in @prev.
 * Returns 0, or -EINVAL for a tree without its root first.
 */
int cells_select(const struct cgroup_tree *tree, const struct cell_rules *rules,
		 const struct cell_set *prev, struct cell_set *next, cell_overflow_fn overflow,
		 void *userdata);

/* The cell with @id in @set, or NULL. */
const struct cell *cell_set_find(const struct cell_set *set, unsigned id);
/* True when the two sets have the same cells with the same cpusets. */
bool cell_set_equal(const struct cell_set *a, const struct cell_set *b);
/* Copies the cells @src has, not its whole capacity: a set is 38 kB. */
void cell_set_copy(struct cell_set *dst, const struct cell_set *src);

/*
 * CPU time each cell's own tasks used: @subtree[i] is what cell i's cgroup
 * used with all below it ([0]: the whole machine); nested cells' use comes
 * off their parent's.
 */
void cells_own_usage(const struct cell_set *set, const uint64_t subtree[], uint64_t own[]);

/*
 * A cell's utilisation (0..1 of its CPUs) after an interval in which it
 * used @used_usec of CPU time on @nr_cpus CPUs, smoothed with @prev.
 */
double cell_util_update(double prev, uint64_t used_usec, uint64_t interval_usec, unsigned nr_cpus);

#endif
