/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cells: sets of CPUs that run only the tasks of their cgroups. The daemon
 * decides which cgroup owns which cell (the cell_owners map) and which CPUs
 * each cell gets (cell_request), then runs apply_cells(), which publishes
 * the CPU masks and bumps cell_seq.
 *
 * A task finds its cell lazily: it keeps the cell it resolved along with
 * the configuration and cgroup it resolved it for, and walks up its cgroup's
 * ancestors to the nearest owner only when either changed. The cgroup is
 * the task's own in the unified hierarchy, read from the task: it does not
 * depend on the cpu controller or on ops.cgroup_*() callbacks, and a cgroup
 * that is already gone simply has no owner (cell 0).
 *
 * Each cell has its own vtime, so deadlines only compare within a cell. A
 * task that changes cell keeps its lag relative to the new cell's vtime,
 * bounded by slice_lag either way, so it can never come back unboundedly
 * ahead or behind.
 */
#ifndef CELLFLASH_CELLS_BPF_H
#define CELLFLASH_CELLS_BPF_H

/* Owners are looked for this many levels up from a task's cgroup. */
#define CELL_MAX_DEPTH		32
#define CELL_SEQ_STALE		(~0ULL)

struct cell_request cell_request;

/* cgroup id -> cell, for the cgroups that own a cell; written by the daemon. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, CELLFLASH_MAX_CELLS);
	__type(key, u64);
	__type(value, u32);
} cell_owners SEC(".maps");

/* Replaced whole by publish_cell_masks(): readers never see a half-built mask. */
struct cell_cpumasks {
	struct bpf_cpumask __kptr *cpus;
	struct bpf_cpumask __kptr *primary;	/* the primary domain's CPUs among them */
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CELLFLASH_MAX_CELLS);
	__type(key, u32);
	__type(value, struct cell_cpumasks);
} cell_cpumasks SEC(".maps");

/* Bumped by every apply_cells(); read by every task's cell lookup. */
u64 cell_seq __attribute__((aligned(64)));
/* Some cell besides cell 0 exists: only then do tasks look at their cgroup. */
bool cells_active;

u32 cell_nr_cpus[CELLFLASH_MAX_CELLS];
u32 cell_domains[CELLFLASH_MAX_CELLS];		/* bitmap: domains it has CPUs in */
bool cell_primary_partial[CELLFLASH_MAX_CELLS];	/* some, not all of its CPUs are primary */
/* Some cell's primary domain is partial; for the daemon and tests. */
bool primary_partial;
/* Cells without CPUs whose queues may still hold tasks: CPUs drain them. */
u64 orphan_cells __attribute__((aligned(64)));

/* Each cell's "now" in vtime: the largest vtime of a task that started running. */
struct cell_vtime {
	u64 now;
} __attribute__((aligned(64)));

static struct cell_vtime cell_vtimes[CELLFLASH_MAX_CELLS];

/* @cell as an index the verifier can bound (see cpu_domain_of()). */
static __always_inline u32 cell_index(u32 cell)
{
	u64 i = cell;

	barrier_var(i);
	return i & (CELLFLASH_MAX_CELLS - 1);
}

static __always_inline bool cell_has_cpus(u32 cell)
{
	return cell_nr_cpus[cell_index(cell)];
}

static __always_inline u64 *cell_vtime_now(u32 cell)
{
	return &cell_vtimes[cell_index(cell)].now;
}

static __always_inline struct cell_cpumasks *cell_masks(u32 cell)
{
	u32 key = cell_index(cell);

	return bpf_map_lookup_elem(&cell_cpumasks, &key);
}

/* The owner cell nearest up from @cgrp (included), or 0. */
static __always_inline u32 cgroup_cell(struct cgroup *cgrp)
{
	s32 level = cgrp->level, i;
	u32 cell = 0, *owner;
	u64 id;

	bpf_for(i, 0, CELL_MAX_DEPTH) {
		struct cgroup *ancestor;

		if (level - i < 1)
			break;
		ancestor = bpf_cgroup_ancestor(cgrp, level - i);
		if (!ancestor)
			break;
		id = ancestor->kn->id;
		bpf_cgroup_release(ancestor);
		owner = bpf_map_lookup_elem(&cell_owners, &id);
		if (owner) {
			cell = *owner;
			break;
		}
	}
	return cell;
}

/*
 * --reject-multicpu-pinning: a task in a cell that may run on several CPUs,
 * but not all of the cell's, stops the scheduler. A cpuset edit changes
 * affinities before the daemon has moved the cell's CPUs, so only a
 * violation that outlived two configurations counts.
 */
static __always_inline void check_pinning(struct task_struct *p, struct task_ctx *tctx, u64 seq)
{
	if (!tctx->cell || tctx->covered || p->nr_cpus_allowed < 2) {
		tctx->pin_violation_seq = 0;
		return;
	}
	if (!tctx->pin_violation_seq)
		tctx->pin_violation_seq = seq;
	else if (seq - tctx->pin_violation_seq >= 2)
		scx_bpf_error("pid %d may run on %d CPUs that do not cover its cell %u (--reject-multicpu-pinning)",
			      p->pid, p->nr_cpus_allowed, tctx->cell);
}

/* @p's cell, resolved again only when the configuration or its cgroup changed. */
static __always_inline u32 task_cell(struct task_struct *p, struct task_ctx *tctx)
{
	u64 seq = *(volatile u64 *)&cell_seq, cgid = 0;
	const struct cpumask *cpus = NULL;
	struct cell_cpumasks *masks;
	struct cgroup *cgrp = NULL;
	u32 cell = 0;

	if (cells_active) {
		cgrp = p->cgroups->dfl_cgrp;
		if (cgrp)
			cgid = cgrp->kn->id;
	}
	if (tctx->cell_seq == seq && tctx->cell_cgroup_id == cgid)
		return tctx->cell;

	/* Read the sequence before the owners: a change cannot be missed. */
	barrier();
	if (cgrp)
		cell = cell_index(cgroup_cell(cgrp));
	/* Stale or dropped: its cgroups run in cell 0. */
	if (!cell_has_cpus(cell))
		cell = 0;
	masks = cell_masks(cell);
	if (masks)
		cpus = (const struct cpumask *)masks->cpus;
	tctx->covered = !cpus || bpf_cpumask_subset(cpus, p->cpus_ptr);
	tctx->cell = cell;
	tctx->cell_cgroup_id = cgid;
	tctx->cell_seq = seq;
	if (reject_multicpu_pinning)
		check_pinning(p, tctx, seq);
	return cell;
}

/* May @p, in @cell, run on @cpu? */
static __always_inline bool task_may_run_on(struct task_struct *p, struct task_ctx *tctx, u32 cell,
					    s32 cpu)
{
	return tctx->covered ? cpu_cell(cpu) == cell : bpf_cpumask_test_cpu(cpu, p->cpus_ptr);
}

/* Re-expresses @p's vtime in @cell's, keeping its lag within slice_lag. */
static __always_inline void task_rebase_vtime(struct task_struct *p, struct task_ctx *tctx, u32 cell)
{
	s64 lag, bound = (s64)slice_lag_ns;

	cell = cell_index(cell);
	if (tctx->vtime_cell == cell)
		return;
	lag = (s64)(p->scx.dsq_vtime - *cell_vtime_now(tctx->vtime_cell));
	lag = lag < -bound ? -bound : lag > bound ? bound : lag;
	task_set_vtime(p, *cell_vtime_now(cell) + lag);
	tctx->vtime_cell = cell;
}

/* The domain queue of @cell for a task last on @cpu: @cpu's, if the cell has CPUs there. */
static __always_inline u32 cell_domain_for(u32 cell, s32 cpu)
{
	u32 dom = cpu_domain_of(cpu), doms = cell_domains[cell_index(cell)], d;

	if (nr_domains < 2 || (doms & (1U << dom)) || !doms)
		return dom;
	bpf_for(d, 0, CELLFLASH_MAX_DOMAINS)
		if (doms & (1U << d))
			return d;
	return dom;
}

/*
 * Rebuilds every cell's CPU masks from cell_request and the primary domain
 * in power_request. Accumulators live in globals, not registers, so the
 * verifier sees the same state on every iteration.
 */
static __always_inline s32 publish_cell_masks(void)
{
	u32 nr_cpus = scx_bpf_nr_cpu_ids(), cell, cpu;
	const struct cpumask *online;
	bool any_partial = false;
	s32 err = 0;

	online = scx_bpf_get_online_cpumask();
	bpf_for(cell, 0, CELLFLASH_MAX_CELLS) {
		struct bpf_cpumask *cpus, *primary, *old;
		struct cell_cpumasks *masks = cell_masks(cell);
		u32 nr, nr_primary;

		if (!masks) {
			err = -ENOENT;
			break;
		}
		cpus = bpf_cpumask_create();
		if (!cpus) {
			err = -ENOMEM;
			break;
		}
		primary = bpf_cpumask_create();
		if (!primary) {
			bpf_cpumask_release(cpus);
			err = -ENOMEM;
			break;
		}
		cell_domains[cell] = 0;
		bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
			if (cpu >= nr_cpus)
				break;
			if (cell_request.cpu_cell[cpu] != cell || !bpf_cpumask_test_cpu(cpu, online))
				continue;
			bpf_cpumask_set_cpu(cpu, cpus);
			cell_domains[cell] |= 1U << cpu_domain_of(cpu);
			if (power_request.primary[cpu / 64] & (1ULL << (cpu % 64)))
				bpf_cpumask_set_cpu(cpu, primary);
		}
		nr = bpf_cpumask_weight((const struct cpumask *)cpus);
		nr_primary = bpf_cpumask_weight((const struct cpumask *)primary);

		old = bpf_kptr_xchg(&masks->cpus, cpus);
		if (old)
			bpf_cpumask_release(old);
		old = bpf_kptr_xchg(&masks->primary, primary);
		if (old)
			bpf_cpumask_release(old);

		cell_nr_cpus[cell] = nr;
		cell_primary_partial[cell] = nr_primary && nr_primary < nr;
		if (nr_primary && nr_primary < nr)
			any_partial = true;
	}
	scx_bpf_put_cpumask(online);
	primary_partial = any_partial;
	return err;
}

/*
 * Applies cell_request: each CPU's cell and the cells' masks. The caller
 * then bumps cell_seq (publish_cell_seq()), so every task looks its cell up
 * again.
 */
static __always_inline s32 apply_cell_request(void)
{
	u32 nr_cpus = scx_bpf_nr_cpu_ids(), cpu;

	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		struct cpu_ctx *cctx = cpu_ctx_of(cpu);
		u32 cell = cell_request.cpu_cell[cpu] & (CELLFLASH_MAX_CELLS - 1);

		if (cpu >= nr_cpus)
			break;
		if (cctx && cctx->cell != cell) {
			cctx->cell = cell;
			cctx->cell_changed = true;
		}
	}
	cells_active = cell_request.nr_cells > 1;
	return publish_cell_masks();
}

/*
 * Makes the new configuration current. CPUs that changed cell reschedule
 * at once: what they run may belong to another cell now, and a slice can be
 * long (or infinite with --tickless).
 */
static __always_inline void publish_cell_seq(void)
{
	u32 nr_cpus = scx_bpf_nr_cpu_ids(), cpu;

	__sync_fetch_and_add(&cell_seq, 1);
	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		struct cpu_ctx *cctx = cpu_ctx_of(cpu);

		if (cpu >= nr_cpus)
			break;
		if (cctx && cctx->cell_changed) {
			cctx->cell_changed = false;
			scx_bpf_kick_cpu(cpu, KICK_PREEMPT);
		}
	}
	dbg("cells applied: %u cells, seq %llu", cell_request.nr_cells, cell_seq);
}

#endif
