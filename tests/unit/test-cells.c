/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>

#include "cells.h"
#include "test.h"

/* A tree built by hand: add(path, parent index, cpuset or NULL). */
struct tree_builder {
	struct cgroup_node nodes[32];
	struct cgroup_tree tree;
};

static int add(struct tree_builder *b, const char *path, int parent, const char *cpus,
	       const char *effective)
{
	struct cgroup_node *n = &b->nodes[b->tree.nr];

	*n = (struct cgroup_node) { .id = 1000 + b->tree.nr, .parent = parent };
	snprintf(n->path, sizeof(n->path), "%s", path);
	n->has_cpuset = cpus && *cpus;
	if (effective) {
		n->has_effective = true;
		cpumask_parse_list(effective, &n->effective);
	}
	b->tree.nodes = b->nodes;
	return (int)b->tree.nr++;
}

static struct tree_builder *machine(void)
{
	static struct tree_builder b;

	memset(&b, 0, sizeof(b));
	add(&b, "", -1, NULL, "0-7");
	return &b;
}

static unsigned overflows;
static void count_overflow(void *userdata, const struct cgroup_node *node)
{
	overflows++;
}

static const struct cell *find_path(const struct cell_set *s, const char *path)
{
	for (unsigned i = 0; i < s->nr; i++)
		if (strcmp(s->cells[i].path, path) == 0)
			return &s->cells[i];
	return NULL;
}

TEST(cpuset_cgroups_become_cells)
{
	struct tree_builder *b = machine();
	struct cell_rules rules = {};
	struct cell_set prev = { .nr = 1 }, next;
	const struct cell *c;
	int sys, work;

	sys = add(b, "system.slice", 0, NULL, "0-7");
	add(b, "system.slice/a.service", sys, NULL, "0-7");
	work = add(b, "work.slice", 0, "2-3", "2-3");
	add(b, "work.slice/job", work, NULL, "2-3");	/* inherits: same cell */
	add(b, "all.slice", 0, "0-7", "0-7");		/* not fewer CPUs: no cell */

	ASSERT_EQ(cells_select(&b->tree, &rules, &prev, &next, NULL, NULL), 0);
	ASSERT_EQ(next.nr, 2);
	ASSERT_EQ(next.cells[0].id, 0);
	c = find_path(&next, "work.slice");
	ASSERT_TRUE(c);
	ASSERT_EQ(c->id, 1);
	ASSERT_TRUE(c->pinned);
	ASSERT_EQ(cpumask_weight(&c->cpuset), 2);
	ASSERT_TRUE(cpumask_test(&c->cpuset, 2));
	ASSERT_EQ(c->cgroup_id, 1000 + work);
	ASSERT_EQ(c->parent, 0);
}

TEST(nested_cpuset_is_its_own_cell)
{
	struct tree_builder *b = machine();
	struct cell_rules rules = {};
	struct cell_set prev = { .nr = 1 }, next;
	int outer, same;

	outer = add(b, "outer", 0, "0-3", "0-3");
	same = add(b, "outer/same", outer, "0-3", "0-3");	/* no fewer than its parent */
	add(b, "outer/inner", outer, "1", "1");
	add(b, "outer/same/deep", same, "2", "2");

	ASSERT_EQ(cells_select(&b->tree, &rules, &prev, &next, NULL, NULL), 0);
	ASSERT_EQ(next.nr, 4);
	ASSERT_TRUE(find_path(&next, "outer"));
	ASSERT_FALSE(find_path(&next, "outer/same"));
	/* Nested cells name the cell they are in, for usage accounting. */
	ASSERT_EQ(next.cells[find_path(&next, "outer/inner")->parent].id, find_path(&next, "outer")->id);
	ASSERT_EQ(next.cells[find_path(&next, "outer/same/deep")->parent].id, find_path(&next, "outer")->id);
}

TEST(parent_mode_children_and_excludes)
{
	struct tree_builder *b = machine();
	const char excludes[2][CONFIG_NAME_MAX] = { "idle", "other" };
	struct cell_rules rules = { .parent = "work.slice", .exclude = excludes, .nr_exclude = 2 };
	struct cell_set prev = { .nr = 1 }, next;
	int work, a;

	work = add(b, "work.slice", 0, NULL, "0-7");
	a = add(b, "work.slice/a", work, NULL, "0-7");
	add(b, "work.slice/a/sub", a, NULL, "0-7");	/* grandchild: in a's cell */
	add(b, "work.slice/b", work, "4-5", "4-5");	/* a child with a cpuset: pinned */
	add(b, "work.slice/idle", work, NULL, "0-7");	/* excluded */
	add(b, "elsewhere", 0, NULL, "0-7");

	ASSERT_EQ(cells_select(&b->tree, &rules, &prev, &next, NULL, NULL), 0);
	ASSERT_EQ(next.nr, 3);
	ASSERT_FALSE(find_path(&next, "work.slice/a")->pinned);
	ASSERT_TRUE(find_path(&next, "work.slice/b")->pinned);
	ASSERT_FALSE(find_path(&next, "work.slice/idle"));
	ASSERT_FALSE(find_path(&next, "work.slice/a/sub"));
	ASSERT_FALSE(find_path(&next, "work.slice"));
}

TEST(ids_are_stable_and_reused_last)
{
	struct tree_builder *b = machine();
	struct cell_rules rules = {};
	struct cell_set s0 = { .nr = 1 }, s1, s2, s3;
	int x, y, z;

	x = add(b, "x", 0, "1", "1");
	y = add(b, "y", 0, "2", "2");
	ASSERT_EQ(cells_select(&b->tree, &rules, &s0, &s1, NULL, NULL), 0);
	ASSERT_EQ(find_path(&s1, "x")->id, 1);
	ASSERT_EQ(find_path(&s1, "y")->id, 2);

	/* x goes, z comes: y keeps 2, z takes 3 rather than x's old 1. */
	b->nodes[x].has_cpuset = false;
	b->nodes[x].effective = b->nodes[0].effective;
	z = add(b, "z", 0, "3", "3");
	ASSERT_EQ(cells_select(&b->tree, &rules, &s1, &s2, NULL, NULL), 0);
	ASSERT_FALSE(find_path(&s2, "x"));
	ASSERT_EQ(find_path(&s2, "y")->id, 2);
	ASSERT_EQ(find_path(&s2, "z")->id, 3);
	/* Ids ascend in the set (the planner needs that). */
	for (unsigned i = 1; i < s2.nr; i++)
		ASSERT_TRUE(s2.cells[i].id > s2.cells[i - 1].id);

	/* The same cgroup recreated has a new id: a new cell. */
	b->nodes[y].id = 5000;
	ASSERT_EQ(cells_select(&b->tree, &rules, &s2, &s3, NULL, NULL), 0);
	ASSERT_EQ(find_path(&s3, "y")->id, 1);
	(void)z;
}

TEST(more_cells_than_ids)
{
	struct tree_builder *b;
	static struct cgroup_node many[CELLFLASH_MAX_CELLS + 10];
	struct cgroup_tree tree = { .nodes = many };
	struct cell_rules rules = { .parent = "p" };
	struct cell_set prev = { .nr = 1 }, next;

	b = machine();
	many[0] = b->nodes[0];
	many[1] = (struct cgroup_node) { .id = 2, .parent = 0, .path = "p" };
	tree.nr = 2;
	for (unsigned i = 0; i < CELLFLASH_MAX_CELLS + 5; i++) {
		many[tree.nr] = (struct cgroup_node) { .id = 100 + i, .parent = 1 };
		snprintf(many[tree.nr].path, sizeof(many[0].path), "p/c%u", i);
		tree.nr++;
	}
	overflows = 0;
	ASSERT_EQ(cells_select(&tree, &rules, &prev, &next, count_overflow, NULL), 0);
	ASSERT_EQ(next.nr, CELLFLASH_MAX_CELLS);
	ASSERT_EQ(overflows, 6);
	/* The overflow ones wait their turn: one freed id goes to one of them. */
	many[2].parent = 0;
	snprintf(many[2].path, sizeof(many[2].path), "moved");
	overflows = 0;
	ASSERT_EQ(cells_select(&tree, &rules, &next, &prev, count_overflow, NULL), 0);
	ASSERT_EQ(prev.nr, CELLFLASH_MAX_CELLS);
	ASSERT_EQ(overflows, 5);
}

TEST(bad_tree)
{
	struct cgroup_node n = { .id = 1, .parent = 0 };
	struct cgroup_tree tree = { .nr = 1, .nodes = &n };
	struct cell_rules rules = {};
	struct cell_set prev = { .nr = 1 }, next;

	ASSERT_EQ(cells_select(&tree, &rules, &prev, &next, NULL, NULL), -EINVAL);
	tree.nr = 0;
	ASSERT_EQ(cells_select(&tree, &rules, &prev, &next, NULL, NULL), -EINVAL);
}

TEST(own_usage_subtracts_nested)
{
	struct cell_set s = { .nr = 3 };
	uint64_t subtree[3] = { 1000, 300, 100 }, own[3];

	s.cells[1] = (struct cell) { .id = 1, .parent = 0 };
	s.cells[2] = (struct cell) { .id = 2, .parent = 1 };	/* inside cell 1 */
	cells_own_usage(&s, subtree, own);
	ASSERT_U64_EQ(own[0], 700);
	ASSERT_U64_EQ(own[1], 200);
	ASSERT_U64_EQ(own[2], 100);
	/* Read one after another, a child may have counted on: never negative. */
	subtree[2] = 400;
	cells_own_usage(&s, subtree, own);
	ASSERT_U64_EQ(own[1], 0);
}

TEST(util_smoothing)
{
	double u = 0;

	/* 2 CPUs fully used over 1 s: 1.0, approached step by step. */
	u = cell_util_update(u, 2000000, 1000000, 2);
	ASSERT_TRUE(u > 0.4 && u < 0.6);
	for (int i = 0; i < 20; i++)
		u = cell_util_update(u, 2000000, 1000000, 2);
	ASSERT_TRUE(u > 0.99 && u <= 1.0);
	/* More than the CPUs can give (a read skew) counts as full. */
	ASSERT_TRUE(cell_util_update(1.0, 9000000, 1000000, 2) <= 1.0);
	/* Nothing to go by: unchanged. */
	ASSERT_TRUE(cell_util_update(0.3, 100, 0, 2) == 0.3);
	ASSERT_TRUE(cell_util_update(0.3, 100, 1000, 0) == 0.3);
}

TEST(set_equal)
{
	struct cell_set a = { .nr = 2 }, b;

	a.cells[1] = (struct cell) { .id = 1, .cgroup_id = 7, .pinned = true };
	cpumask_set(&a.cells[1].cpuset, 3);
	b = a;
	ASSERT_TRUE(cell_set_equal(&a, &b));
	cpumask_set(&b.cells[1].cpuset, 4);
	ASSERT_FALSE(cell_set_equal(&a, &b));
	b = a;
	b.cells[1].cgroup_id = 8;
	ASSERT_FALSE(cell_set_equal(&a, &b));
	ASSERT_TRUE(cell_set_find(&a, 1) == &a.cells[1]);
	ASSERT_TRUE(cell_set_find(&a, 2) == NULL);
}

TEST(set_copy_takes_the_cells_only)
{
	static struct cell_set a = { .nr = 2 }, b = { .nr = 3 };

	a.cells[1] = (struct cell) { .id = 1, .cgroup_id = 7, .path = "/a" };
	b.cells[2] = (struct cell) { .id = 5, .cgroup_id = 9, .path = "/stale" };
	cell_set_copy(&b, &a);
	ASSERT_TRUE(cell_set_equal(&a, &b));
	ASSERT_STREQ(b.cells[1].path, "/a");
	/* Past nr nothing is read or written: a set is mostly capacity. */
	ASSERT_EQ(b.cells[2].cgroup_id, 9);
}
