/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <string.h>

#include "planner.h"
#include "util.h"

/*
 * A cell short of its share by this much of a CPU takes one from a cell
 * that has more than its share; anything less is rounding noise.
 */
#define HYSTERESIS_DEFICIT	0.75
#define HYSTERESIS_SURPLUS	0.25

struct plan {
	const struct plan_input *in;
	struct plan_output *out;
	struct cpumask claim[PLAN_MAX_CELLS];	/* pinned cells: cpuset ∩ online */
	struct cpumask claimed, unclaimed;	/* by any kept pinned cell, by none */
	struct cpumask free;			/* not given out yet */
	unsigned count[PLAN_MAX_CELLS];
};

static void give(struct plan *p, unsigned i, unsigned cpu)
{
	cpumask_set(&p->out->cell_cpus[i], cpu);
	cpumask_clear_cpu(&p->free, cpu);
	p->count[i]++;
}

static unsigned first(const struct cpumask *m)
{
	return cpumask_next(m, 0);
}

/*
 * The best CPU of @cand (not empty) for cell @i: one it has now, else one
 * in the LLC it uses most (of the CPUs given to it so far, else of its
 * current ones), else the lowest.
 */
static unsigned pick_cpu(const struct plan *p, unsigned i, const struct cpumask *cand)
{
	const struct plan_input *in = p->in;
	const struct cpumask *mine;
	unsigned cpu, llc_count[256] = {}, best = 0;
	struct cpumask both;
	int best_llc = -1;

	cpumask_and(&both, cand, &in->cells[i].prev);
	if (!cpumask_empty(&both))
		return first(&both);
	if (!in->llc)
		return first(cand);

	mine = cpumask_empty(&p->out->cell_cpus[i]) ? &in->cells[i].prev : &p->out->cell_cpus[i];
	cpumask_for_each(cpu, mine)
		llc_count[in->llc[cpu]]++;
	cpumask_for_each(cpu, cand)
		if (llc_count[in->llc[cpu]] > best) {
			best = llc_count[in->llc[cpu]];
			best_llc = in->llc[cpu];
		}
	if (best_llc < 0)
		return first(cand);
	cpumask_for_each(cpu, cand)
		if (in->llc[cpu] == best_llc)
			return cpu;
	return first(cand);
}

static unsigned nr_claimants(const struct plan *p, unsigned cpu)
{
	unsigned n = 0;

	for (unsigned i = 1; i < p->in->nr_cells; i++)
		if (!p->out->dropped[i] && p->in->cells[i].pinned && cpumask_test(&p->claim[i], cpu))
			n++;
	return n;
}

static double weight_of(const struct plan_cell *c)
{
	return c->util > 0 ? (c->util < 1 ? c->util : 1) : 0;
}

/* Recomputes what the kept pinned cells claim. */
static void update_claims(struct plan *p)
{
	const struct plan_input *in = p->in;

	p->claimed = (struct cpumask) {};
	for (unsigned i = 1; i < in->nr_cells; i++)
		if (in->cells[i].pinned && !p->out->dropped[i])
			cpumask_or(&p->claimed, &p->claimed, &p->claim[i]);
	for (size_t w = 0; w < ELEMENTSOF(p->unclaimed.bits); w++)
		p->unclaimed.bits[w] = in->cpus.bits[w] & ~p->claimed.bits[w];
}

/*
 * Gives every kept cell its first CPUs: cell 0 its minimum, each pinned
 * cell one of its cpuset, each other cell one no cpuset claims. Returns the
 * index of a cell to drop when that is impossible, 0 when done.
 */
static unsigned seed_cells(struct plan *p)
{
	const struct plan_input *in = p->in;
	struct cpumask cand;
	unsigned cpu;

	for (unsigned i = 0; i < in->nr_cells; i++) {
		p->out->cell_cpus[i] = (struct cpumask) {};
		p->count[i] = 0;
	}
	p->free = in->cpus;

	/* Cell 0, from the CPUs no cpuset claims first. */
	while (p->count[0] < in->cell0_min_cpus) {
		cpumask_and(&cand, &p->free, &p->unclaimed);
		if (cpumask_empty(&cand))
			break;
		give(p, 0, pick_cpu(p, 0, &cand));
	}

	/* One CPU per pinned cell, one only it claims if possible. */
	for (unsigned i = 1; i < in->nr_cells; i++) {
		struct cpumask exclusive = {};

		if (!in->cells[i].pinned || p->out->dropped[i])
			continue;
		cpumask_and(&cand, &p->free, &p->claim[i]);
		if (cpumask_empty(&cand))
			return i;
		cpumask_for_each(cpu, &cand)
			if (nr_claimants(p, cpu) == 1)
				cpumask_set(&exclusive, cpu);
		give(p, i, pick_cpu(p, i, cpumask_empty(&exclusive) ? &cand : &exclusive));
	}

	/*
	 * Cell 0 still short: from CPUs several cpusets claim, then from the
	 * pinned cell with the most claimed CPUs left (seeds stay put).
	 */
	while (p->count[0] < in->cell0_min_cpus) {
		struct cpumask contested = {};
		unsigned donor = 0, most = 0;

		cpumask_and(&cand, &p->free, &p->claimed);
		if (cpumask_empty(&cand))
			break;
		cpumask_for_each(cpu, &cand)
			if (nr_claimants(p, cpu) > 1)
				cpumask_set(&contested, cpu);
		if (cpumask_empty(&contested)) {
			for (unsigned i = 1; i < in->nr_cells; i++) {
				struct cpumask left;
				unsigned n;

				if (!in->cells[i].pinned || p->out->dropped[i])
					continue;
				cpumask_and(&left, &cand, &p->claim[i]);
				n = cpumask_weight(&left);
				if (n > most) {
					most = n;
					donor = i;
				}
			}
			cpumask_and(&contested, &cand, &p->claim[donor]);
		}
		give(p, 0, pick_cpu(p, 0, &contested));
	}
	if (p->count[0] < in->cell0_min_cpus) {
		/* Drop the last kept cell, if any, to make room for cell 0. */
		for (unsigned i = in->nr_cells; i-- > 1;)
			if (!p->out->dropped[i])
				return i;
	}

	/* One CPU per cell without a cpuset, from the unclaimed ones. */
	for (unsigned i = 1; i < in->nr_cells; i++) {
		if (in->cells[i].pinned || p->out->dropped[i])
			continue;
		cpumask_and(&cand, &p->free, &p->unclaimed);
		if (cpumask_empty(&cand))
			return i;
		give(p, i, pick_cpu(p, i, &cand));
	}
	return 0;
}

/*
 * The CPUs several cpusets claim, and those only one claims, go to their
 * claimants: each to the claimant furthest below its weighted share
 * (ties: the one that has it now, then the lower id).
 */
static void share_claimed(struct plan *p)
{
	const struct plan_input *in = p->in;
	struct cpumask cand;
	unsigned cpu;

	cpumask_and(&cand, &p->free, &p->claimed);
	cpumask_for_each(cpu, &cand) {
		int best = -1;
		double best_score = 0;

		for (unsigned i = 1; i < in->nr_cells; i++) {
			double score;

			if (!in->cells[i].pinned || p->out->dropped[i] || !cpumask_test(&p->claim[i], cpu))
				continue;
			/* Equal weights among claimants with no use yet. */
			score = (p->count[i] + 1) / (weight_of(&in->cells[i]) + 0.01);
			if (cpumask_test(&in->cells[i].prev, cpu))
				score -= 1e-6;
			if (best < 0 || score < best_score) {
				best = (int)i;
				best_score = score;
			}
		}
		if (best >= 0)
			give(p, (unsigned)best, cpu);
	}
}

/*
 * How many CPUs each cell without a cpuset ends up with: its seeds, plus
 * the unclaimed CPUs left, by weight (largest remainder), or by moving one
 * CPU at a time from the current split when hysteresis applies.
 */
static void unpinned_targets(struct plan *p, unsigned target[])
{
	const struct plan_input *in = p->in;
	double ideal[PLAN_MAX_CELLS] = {}, weight = 0, frac[PLAN_MAX_CELLS];
	unsigned total = 0, extra, given = 0, prev_total = 0;
	struct cpumask pool;
	bool use_prev = in->hysteresis;

	cpumask_and(&pool, &p->free, &p->unclaimed);
	extra = cpumask_weight(&pool);
	for (unsigned i = 0; i < in->nr_cells; i++) {
		if (in->cells[i].pinned || p->out->dropped[i])
			continue;
		total += p->count[i];
		weight += weight_of(&in->cells[i]);
	}
	total += extra;

	for (unsigned i = 0; i < in->nr_cells; i++) {
		unsigned n;
		struct cpumask had;

		if (in->cells[i].pinned || p->out->dropped[i])
			continue;
		ideal[i] = p->count[i] + (weight > 0 ? extra * weight_of(&in->cells[i]) / weight : 0);
		target[i] = (unsigned)ideal[i];	/* ideal >= 0: the floor */
		frac[i] = ideal[i] - target[i];
		given += target[i];
		cpumask_and(&had, &in->cells[i].prev, &in->cpus);
		n = cpumask_weight(&had);
		prev_total += n;
		if (n < p->count[i])
			use_prev = false;
	}
	if (weight <= 0) {
		/* No use anywhere: equal shares of the extra CPUs, by id. */
		given = total - extra;
		for (unsigned i = 0; i < in->nr_cells; i++)
			if (!in->cells[i].pinned && !p->out->dropped[i]) {
				target[i] = p->count[i];
				frac[i] = 1;
			}
	}
	/* Largest remainder: the leftover CPUs by fraction, ties by id. */
	while (given < total) {
		int best = -1;

		for (unsigned i = 0; i < in->nr_cells; i++)
			if (!in->cells[i].pinned && !p->out->dropped[i] &&
			    (best < 0 || frac[i] > frac[best]))
				best = (int)i;
		target[best]++;
		frac[best] -= 1;
		given++;
	}

	if (!use_prev || prev_total != total)
		return;

	/* Hysteresis: start from the current counts, move only clear gains. */
	for (unsigned i = 0; i < in->nr_cells; i++) {
		struct cpumask had;

		if (in->cells[i].pinned || p->out->dropped[i])
			continue;
		cpumask_and(&had, &in->cells[i].prev, &in->cpus);
		target[i] = cpumask_weight(&had);
	}
	for (unsigned moves = 0; moves < CPUMASK_MAX_CPUS; moves++) {
		int short_of = -1, over = -1;

		for (unsigned i = 0; i < in->nr_cells; i++) {
			if (in->cells[i].pinned || p->out->dropped[i])
				continue;
			if (short_of < 0 || ideal[i] - target[i] > ideal[short_of] - target[short_of])
				short_of = (int)i;
			if (target[i] > p->count[i] &&
			    (over < 0 || target[i] - ideal[i] > target[over] - ideal[over]))
				over = (int)i;
		}
		if (short_of < 0 || over < 0 || short_of == over ||
		    ideal[short_of] - target[short_of] < HYSTERESIS_DEFICIT ||
		    target[over] - ideal[over] < HYSTERESIS_SURPLUS)
			break;
		target[short_of]++;
		target[over]--;
	}
}

static void share_unclaimed(struct plan *p)
{
	const struct plan_input *in = p->in;
	unsigned target[PLAN_MAX_CELLS] = {};
	struct cpumask pool, keep;
	unsigned cpu;

	unpinned_targets(p, target);
	/* First each cell's own CPUs, then new ones near them. */
	for (unsigned i = 0; i < in->nr_cells; i++) {
		if (in->cells[i].pinned || p->out->dropped[i])
			continue;
		cpumask_and(&pool, &p->free, &p->unclaimed);
		cpumask_and(&keep, &pool, &in->cells[i].prev);
		cpumask_for_each(cpu, &keep) {
			if (p->count[i] >= target[i])
				break;
			give(p, i, cpu);
		}
	}
	for (unsigned i = 0; i < in->nr_cells; i++) {
		if (in->cells[i].pinned || p->out->dropped[i])
			continue;
		while (p->count[i] < target[i]) {
			cpumask_and(&pool, &p->free, &p->unclaimed);
			if (cpumask_empty(&pool))
				break;
			give(p, i, pick_cpu(p, i, &pool));
		}
	}
}

static int check_input(const struct plan_input *in)
{
	if (in->nr_cells < 1 || in->nr_cells > PLAN_MAX_CELLS || in->cells[0].id != 0 ||
	    in->cells[0].pinned || in->cell0_min_cpus < 1 || cpumask_empty(&in->cpus))
		return -EINVAL;
	for (unsigned i = 1; i < in->nr_cells; i++)
		if (in->cells[i].id <= in->cells[i - 1].id || in->cells[i].id >= PLAN_MAX_CELLS)
			return -EINVAL;
	return 0;
}

int plan_cells(const struct plan_input *in, struct plan_output *out)
{
	struct plan p = { .in = in, .out = out };
	unsigned drop, cpu;
	int r;

	r = check_input(in);
	if (r < 0)
		return r;
	memset(out, 0, sizeof(*out));
	for (unsigned i = 1; i < in->nr_cells; i++)
		if (in->cells[i].pinned) {
			cpumask_and(&p.claim[i], &in->cells[i].cpuset, &in->cpus);
			if (cpumask_empty(&p.claim[i]))
				out->dropped[i] = true;	/* its cpuset has no online CPU */
		}

	/* Drop cells, the last first, until every kept one can have a CPU. */
	for (;;) {
		update_claims(&p);
		drop = seed_cells(&p);
		if (!drop)
			break;
		out->dropped[drop] = true;
	}
	share_claimed(&p);
	share_unclaimed(&p);

	/* Whatever is left (all cells capped) goes to cell 0. */
	cpumask_for_each(cpu, &p.free)
		give(&p, 0, cpu);
	for (unsigned i = 0; i < in->nr_cells; i++) {
		if (out->dropped[i])
			out->cell_cpus[i] = (struct cpumask) {};
		cpumask_for_each(cpu, &out->cell_cpus[i])
			out->cpu_cell[cpu] = (uint8_t)in->cells[i].id;
	}
	return 0;
}
