/* SPDX-License-Identifier: GPL-2.0-only */
/* The cell planner: properties over generated inputs, and its rules one by one. */
#include <errno.h>

#include "planner.h"
#include "test.h"

static struct cpumask range(unsigned lo, unsigned hi)
{
	struct cpumask m = {};

	for (unsigned cpu = lo; cpu <= hi; cpu++)
		cpumask_set(&m, cpu);
	return m;
}

static const char *list(const struct cpumask *m)
{
	static char buf[4][128];
	static int n;

	n = (n + 1) % 4;
	cpumask_format_list(m, buf[n], sizeof(buf[n]));
	return buf[n];
}

static void init(struct plan_input *in, unsigned nr_cpus)
{
	memset(in, 0, sizeof(*in));
	in->cpus = range(0, nr_cpus - 1);
	in->cell0_min_cpus = 1;
	in->nr_cells = 1;
}

static struct plan_cell *add(struct plan_input *in, unsigned id, const char *cpuset, double util)
{
	struct plan_cell *c = &in->cells[in->nr_cells++];
	char err[64];

	c->id = id;
	c->util = util;
	if (cpuset) {
		c->pinned = true;
		if (cpumask_parse_list(cpuset, &c->cpuset) < 0)
			snprintf(err, sizeof(err), "bad test cpuset"), abort();
	}
	return c;
}

/* Feeds an assignment back as the current state, as the daemon does. */
static void carry_over(struct plan_input *in, const struct plan_output *out)
{
	for (unsigned i = 0; i < in->nr_cells; i++)
		in->cells[i].prev = out->cell_cpus[i];
}

/* The invariants every plan must keep; returns a reason or NULL. */
static const char *violation(const struct plan_input *in, const struct plan_output *out)
{
	static char why[160];
	struct cpumask seen = {};
	unsigned cpu, kept = 0;

	for (unsigned i = 0; i < in->nr_cells; i++) {
		const struct cpumask *m = &out->cell_cpus[i];
		struct cpumask overlap;

		if (out->dropped[i]) {
			if (!cpumask_empty(m))
				return "a dropped cell has CPUs";
			if (i == 0)
				return "cell 0 was dropped";
			continue;
		}
		kept++;
		if (cpumask_empty(m)) {
			snprintf(why, sizeof(why), "cell %u has no CPU", in->cells[i].id);
			return why;
		}
		if (!cpumask_subset(m, &in->cpus))
			return "a cell has an offline CPU";
		cpumask_and(&overlap, m, &seen);
		if (!cpumask_empty(&overlap))
			return "a CPU is in two cells";
		cpumask_or(&seen, &seen, m);
		if (in->cells[i].pinned && !cpumask_subset(m, &in->cells[i].cpuset)) {
			snprintf(why, sizeof(why), "cell %u has %s outside its cpuset %s", in->cells[i].id,
				 list(m), list(&in->cells[i].cpuset));
			return why;
		}
		cpumask_for_each(cpu, m)
			if (out->cpu_cell[cpu] != in->cells[i].id)
				return "cpu_cell disagrees with cell_cpus";
	}
	if (!cpumask_equal(&seen, &in->cpus))
		return "a CPU is in no cell";
	if (kept > cpumask_weight(&in->cpus))
		return "more cells than CPUs";
	if (cpumask_weight(&out->cell_cpus[0]) <
	    (in->cell0_min_cpus < cpumask_weight(&in->cpus) ? in->cell0_min_cpus : cpumask_weight(&in->cpus)))
		return "cell 0 has fewer CPUs than its minimum";
	return NULL;
}

static unsigned seed = 12345;

static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245 + 12345;
	return (seed >> 16) % n;
}

static void random_input(struct plan_input *in, uint8_t *llc)
{
	unsigned nr_cpus = 1 + rnd(24), nr_cells = 1 + rnd(14);

	memset(in, 0, sizeof(*in));
	for (unsigned cpu = 0; cpu < 40; cpu++) {
		if (rnd(8) && cpumask_weight(&in->cpus) < nr_cpus)
			cpumask_set(&in->cpus, cpu);
		llc[cpu] = (uint8_t)(cpu / (2 + rnd(2)));
	}
	if (cpumask_empty(&in->cpus))
		cpumask_set(&in->cpus, 0);
	in->llc = rnd(2) ? llc : NULL;
	in->cell0_min_cpus = 1 + rnd(3);
	in->hysteresis = rnd(2);
	in->nr_cells = 1;
	in->cells[0].util = rnd(3) / 2.0;
	for (unsigned i = 1, id = 1; i < nr_cells; i++, id += 1 + rnd(3)) {
		struct plan_cell *c = &in->cells[in->nr_cells++];

		c->id = id;
		c->util = rnd(5) / 4.0;
		if (rnd(2)) {
			unsigned lo = rnd(40), len = 1 + rnd(8);

			c->pinned = true;
			c->cpuset = range(lo, lo + len - 1 < 45 ? lo + len - 1 : 45);
		}
	}
}

/* Property: over many generated inputs, every plan keeps the invariants,
 * is the same when made twice, and stays valid when carried over. */
TEST(invariants_over_generated_inputs)
{
	static struct plan_input in;
	static struct plan_output a, b;
	static uint8_t llc[CPUMASK_MAX_CPUS];
	const char *why;

	for (unsigned round = 0; round < 3000; round++) {
		random_input(&in, llc);
		ASSERT_EQ(plan_cells(&in, &a), 0);
		why = violation(&in, &a);
		if (why)
			FAIL_AT("round %u (%u cells, CPUs %s): %s", round, in.nr_cells, list(&in.cpus), why);
		ASSERT_EQ(plan_cells(&in, &b), 0);
		if (memcmp(&a, &b, sizeof(a)) != 0)
			FAIL_AT("round %u: the same input gave two plans", round);

		/* Next period: demand changed, CPUs carried over. */
		carry_over(&in, &a);
		for (unsigned i = 0; i < in.nr_cells; i++)
			in.cells[i].util = rnd(5) / 4.0;
		ASSERT_EQ(plan_cells(&in, &b), 0);
		why = violation(&in, &b);
		if (why)
			FAIL_AT("round %u, carried over: %s", round, why);
	}
}

TEST(cpuset_cells_get_their_cpus)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 8);
	add(&in, 1, "2-3", 0);
	add(&in, 2, "4-7", 0);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_STREQ(list(&out.cell_cpus[0]), "0-1");
	ASSERT_STREQ(list(&out.cell_cpus[1]), "2-3");
	ASSERT_STREQ(list(&out.cell_cpus[2]), "4-7");
	ASSERT_EQ(out.cpu_cell[5], 2);
	ASSERT_EQ(out.cpu_cell[1], 0);
}

/* CPUs several cpusets claim are split between the claimants. */
TEST(contested_cpus_are_split)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 8);
	add(&in, 1, "2-7", 1);
	add(&in, 2, "2-7", 1);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_STREQ(list(&out.cell_cpus[0]), "0-1");
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[1]), 3);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[2]), 3);
	/* a busier claimant gets more of them */
	in.cells[1].util = 1;
	in.cells[2].util = 0.25;
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_TRUE(cpumask_weight(&out.cell_cpus[1]) > cpumask_weight(&out.cell_cpus[2]));
}

/* cpusets covering every CPU still leave cell 0 its minimum. */
TEST(cell0_is_never_empty)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 4);
	add(&in, 1, "0-1", 0);
	add(&in, 2, "2-3", 0);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[0]), 1);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[1]) + cpumask_weight(&out.cell_cpus[2]), 3);
	ASSERT_FALSE(out.dropped[1] || out.dropped[2]);

	/* each cpuset cell keeps one CPU, cell 0 the rest */
	in.cell0_min_cpus = 2;
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[0]), 2);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[1]), 1);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[2]), 1);
	ASSERT_EQ(violation(&in, &out), NULL);
}

/* More cells than CPUs: the later ones stay in cell 0. */
TEST(too_many_cells_drop_the_later_ones)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 3);
	for (unsigned id = 1; id <= 5; id++)
		add(&in, id, NULL, 0.5);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_FALSE(out.dropped[1] || out.dropped[2]);
	ASSERT_TRUE(out.dropped[3] && out.dropped[4] && out.dropped[5]);
	ASSERT_EQ(violation(&in, &out), NULL);

	/* one CPU per cpuset cell: the last cpuset cell makes room for cell 0 */
	init(&in, 2);
	add(&in, 1, "0", 0);
	add(&in, 2, "1", 0);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_FALSE(out.dropped[1]);
	ASSERT_TRUE(out.dropped[2]);
	ASSERT_STREQ(list(&out.cell_cpus[0]), "1");
}

TEST(cpuset_without_online_cpus_is_dropped)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 4);
	add(&in, 1, "8-9", 1);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_TRUE(out.dropped[1]);
	ASSERT_STREQ(list(&out.cell_cpus[0]), "0-3");
}

/* Cells without cpusets share the unclaimed CPUs by utilisation. */
TEST(demand_shifts_cpus)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 8);
	in.hysteresis = true;
	add(&in, 1, NULL, 1.0);	/* busy */
	add(&in, 2, NULL, 0.0);	/* idle */
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[0]), 1);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[1]), 6);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[2]), 1);

	/* the idle one gets busy, the busy one idle: CPUs move back */
	carry_over(&in, &out);
	in.cells[1].util = 0.0;
	in.cells[2].util = 1.0;
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[1]), 1);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[2]), 6);

	/* both equally busy: an even split */
	carry_over(&in, &out);
	in.cells[1].util = 1.0;
	ASSERT_EQ(plan_cells(&in, &out), 0);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[1]), 3);
	ASSERT_EQ(cpumask_weight(&out.cell_cpus[2]), 4);
}

/* Small changes in demand move nothing; each cell keeps its CPUs. */
TEST(hysteresis_keeps_cpus_still)
{
	static struct plan_input in;
	static struct plan_output out, next;

	init(&in, 8);
	in.hysteresis = true;
	add(&in, 1, NULL, 0.6);
	add(&in, 2, NULL, 0.5);
	ASSERT_EQ(plan_cells(&in, &out), 0);
	carry_over(&in, &out);
	for (int i = 0; i < 20; i++) {
		in.cells[1].util = 0.5 + (i % 3) * 0.05;
		in.cells[2].util = 0.55 - (i % 2) * 0.05;
		ASSERT_EQ(plan_cells(&in, &next), 0);
		for (unsigned c = 0; c < 3; c++)
			if (!cpumask_equal(&next.cell_cpus[c], &out.cell_cpus[c]))
				FAIL_AT("step %d: cell %u moved from %s to %s", i, c, list(&out.cell_cpus[c]),
					list(&next.cell_cpus[c]));
	}
	/* without hysteresis the same wobble does move CPUs */
	in.hysteresis = false;
	in.cells[1].util = 0.7;
	in.cells[2].util = 0.3;
	ASSERT_EQ(plan_cells(&in, &next), 0);
	ASSERT_FALSE(cpumask_equal(&next.cell_cpus[1], &out.cell_cpus[1]));
}

/* A growing cell takes CPUs in the LLC it already uses. */
TEST(new_cpus_come_from_the_same_llc)
{
	static const uint8_t llc[8] = { 0, 0, 0, 0, 1, 1, 1, 1 };
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 8);
	in.llc = llc;
	in.hysteresis = true;
	add(&in, 1, NULL, 0.1);
	in.cells[0].util = 0.1;
	in.cells[0].prev = range(0, 3);
	in.cells[1].prev = range(4, 7);
	in.cells[1].util = 1.0;
	in.cells[0].util = 0.05;
	ASSERT_EQ(plan_cells(&in, &out), 0);
	/* cell 1 grew, and what cell 0 kept is one LLC's CPUs */
	ASSERT_TRUE(cpumask_weight(&out.cell_cpus[1]) > 4);
	ASSERT_TRUE(cpumask_subset(&out.cell_cpus[0], &in.cells[0].prev));
}

TEST(bad_input)
{
	static struct plan_input in;
	static struct plan_output out;

	init(&in, 4);
	in.cells[0].id = 3;
	ASSERT_EQ(plan_cells(&in, &out), -EINVAL);
	init(&in, 4);
	add(&in, 2, NULL, 0);
	add(&in, 1, NULL, 0);	/* ids must ascend */
	ASSERT_EQ(plan_cells(&in, &out), -EINVAL);
	init(&in, 4);
	in.cell0_min_cpus = 0;
	ASSERT_EQ(plan_cells(&in, &out), -EINVAL);
	init(&in, 4);
	add(&in, PLAN_MAX_CELLS, NULL, 0);
	ASSERT_EQ(plan_cells(&in, &out), -EINVAL);
}
