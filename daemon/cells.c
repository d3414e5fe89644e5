/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>

#include "cells.h"
#include "util.h"

/* How much a new sample of utilisation weighs against the history. */
#define UTIL_NEW_WEIGHT		0.5

static bool is_excluded(const struct cell_rules *rules, const char *name)
{
	for (unsigned i = 0; i < rules->nr_exclude; i++)
		if (streq(rules->exclude[i], name))
			return true;
	return false;
}

/* @node's cpuset limits it to fewer CPUs than its parent has. */
static bool restricts_cpus(const struct cgroup_tree *tree, const struct cgroup_node *node)
{
	const struct cgroup_node *parent;

	if (node->parent < 0 || !node->has_cpuset || !node->has_effective)
		return false;
	parent = &tree->nodes[node->parent];
	return parent->has_effective && cpumask_subset(&node->effective, &parent->effective) &&
	       !cpumask_equal(&node->effective, &parent->effective);
}

static bool is_parent_child(const struct cgroup_tree *tree, const struct cgroup_node *node,
			    const struct cell_rules *rules)
{
	const char *name;

	if (!rules->parent || !*rules->parent || node->parent < 0 ||
	    !streq(tree->nodes[node->parent].path, rules->parent))
		return false;
	name = strrchr(node->path, '/');
	name = name ? name + 1 : node->path;
	return !is_excluded(rules, name);
}

static int find_owner(const struct cell_set *set, uint64_t cgroup_id)
{
	for (unsigned i = 1; i < set->nr; i++)
		if (set->cells[i].cgroup_id == cgroup_id)
			return (int)i;
	return -1;
}

/* The lowest id neither @taken nor @prev uses; else the lowest not taken; else 0. */
static unsigned pick_id(const bool taken[], const struct cell_set *prev)
{
	bool used_before[CELLFLASH_MAX_CELLS] = {};

	for (unsigned i = 0; i < prev->nr; i++)
		used_before[prev->cells[i].id] = true;
	for (unsigned id = 1; id < CELLFLASH_MAX_CELLS; id++)
		if (!taken[id] && !used_before[id])
			return id;
	for (unsigned id = 1; id < CELLFLASH_MAX_CELLS; id++)
		if (!taken[id])
			return id;
	return 0;
}

int cells_select(const struct cgroup_tree *tree, const struct cell_rules *rules,
		 const struct cell_set *prev, struct cell_set *next, cell_overflow_fn overflow,
		 void *userdata)
{
	bool taken[CELLFLASH_MAX_CELLS] = { [0] = true };
	_cleanup_free_ int *node_cell = NULL;	/* id of the cell a node owns, 0: none */
	unsigned nr = 1;

	if (!tree->nr || tree->nodes[0].parent >= 0)
		return -EINVAL;
	node_cell = calloc(tree->nr, sizeof(*node_cell));
	if (!node_cell)
		return -ENOMEM;

	/* Cells that exist keep their ids: mark those first. */
	for (size_t i = 1; i < tree->nr; i++) {
		const struct cgroup_node *n = &tree->nodes[i];
		int old;

		if (n->parent < 0 || (size_t)n->parent >= i)
			return -EINVAL;
		if (!restricts_cpus(tree, n) && !is_parent_child(tree, n, rules))
			continue;
		old = find_owner(prev, n->id);
		node_cell[i] = old > 0 ? (int)prev->cells[old].id : -1;	/* -1: wants one */
		if (old > 0)
			taken[prev->cells[old].id] = true;
	}
	for (size_t i = 1; i < tree->nr; i++) {
		if (node_cell[i] >= 0)
			continue;
		node_cell[i] = (int)pick_id(taken, prev);
		if (node_cell[i])
			taken[node_cell[i]] = true;
		else if (overflow)
			overflow(userdata, &tree->nodes[i]);
	}

	/* The set in id order: cell 0, then every owner. */
	next->cells[0] = (struct cell) { .id = 0 };
	for (unsigned id = 1; id < CELLFLASH_MAX_CELLS; id++) {
		if (!taken[id])
			continue;
		for (size_t i = 1; i < tree->nr; i++) {
			const struct cgroup_node *n = &tree->nodes[i];
			struct cell *c;

			if (node_cell[i] != (int)id)
				continue;
			c = &next->cells[nr++];
			*c = (struct cell) { .id = id, .cgroup_id = n->id, .pinned = restricts_cpus(tree, n) };
			if (c->pinned)
				c->cpuset = n->effective;
			snprintf(c->path, sizeof(c->path), "%s", n->path);
			break;
		}
	}
	next->nr = nr;

	/* Each cell's parent: the nearest owner above its cgroup. */
	for (unsigned k = 1; k < nr; k++) {
		struct cell *c = &next->cells[k];
		size_t i;

		for (i = 1; i < tree->nr && tree->nodes[i].id != c->cgroup_id; i++)
			;
		c->parent = 0;
		for (int up = tree->nodes[i].parent; up > 0; up = tree->nodes[up].parent)
			if (node_cell[up] > 0) {
				for (unsigned j = 1; j < nr; j++)
					if (next->cells[j].id == (unsigned)node_cell[up])
						c->parent = j;
				break;
			}
	}
	return 0;
}

const struct cell *cell_set_find(const struct cell_set *set, unsigned id)
{
	for (unsigned i = 0; i < set->nr; i++)
		if (set->cells[i].id == id)
			return &set->cells[i];
	return NULL;
}

bool cell_set_equal(const struct cell_set *a, const struct cell_set *b)
{
	if (a->nr != b->nr)
		return false;
	for (unsigned i = 0; i < a->nr; i++) {
		const struct cell *x = &a->cells[i], *y = &b->cells[i];

		if (x->id != y->id || x->cgroup_id != y->cgroup_id || x->pinned != y->pinned ||
		    !cpumask_equal(&x->cpuset, &y->cpuset))
			return false;
	}
	return true;
}

void cell_set_copy(struct cell_set *dst, const struct cell_set *src)
{
	dst->nr = src->nr;
	memcpy(dst->cells, src->cells, src->nr * sizeof(src->cells[0]));
}

void cells_own_usage(const struct cell_set *set, const uint64_t subtree[], uint64_t own[])
{
	for (unsigned i = 0; i < set->nr; i++)
		own[i] = subtree[i];
	for (unsigned i = 1; i < set->nr; i++) {
		unsigned p = set->cells[i].parent;

		/* Counters are read one after another: never below zero. */
		own[p] = own[p] > subtree[i] ? own[p] - subtree[i] : 0;
	}
}

double cell_util_update(double prev, uint64_t used_usec, uint64_t interval_usec, unsigned nr_cpus)
{
	double sample;

	if (!interval_usec || !nr_cpus)
		return prev;
	sample = (double)used_usec / ((double)interval_usec * nr_cpus);
	if (sample > 1)
		sample = 1;
	return prev + (sample - prev) * UTIL_NEW_WEIGHT;
}
