/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deadline-ordered queues. Every cell has one per domain (NUMA node; LLC
 * with --enable-llc-awareness; one for all with --disable-numa), so tasks
 * queue where they last ran, and every CPU has one for the tasks whose
 * affinity does not cover their cell. A CPU takes the earliest deadline of
 * its cell's queue in its domain and its own queue.
 *
 * Other domains of the cell: across NUMA nodes a task must be NODE_SLACK_NS
 * earlier to be worth the lost cache and memory locality (without that,
 * tasks that started on a busy node would get less CPU than those on an
 * idle one for as long as they run). Across LLCs, with LLC awareness, a CPU
 * takes from another LLC only with --enable-work-stealing and nothing of
 * its own to run. Queues of a domain where the cell has no CPUs left, and
 * of cells with no CPUs left, are drained by whoever can.
 */
#ifndef CELLFLASH_DSQ_BPF_H
#define CELLFLASH_DSQ_BPF_H

/* vtime (weighted ns of CPU time) a task must gain by changing node. */
#define NODE_SLACK_NS		(10 * NSEC_PER_MSEC)
#define NUMA_NO_NODE		(-1)

#define DSQ_CELL_BASE		(1ULL << 32)
#define DSQ_CPU_BASE		(2ULL << 32)

static __always_inline u64 cell_dsq(u32 cell, u32 dom)
{
	return DSQ_CELL_BASE | ((u64)cell_index(cell) << 8) | (dom & (CELLFLASH_MAX_DOMAINS - 1));
}

static __always_inline u64 cpu_dsq(s32 cpu)
{
	return DSQ_CPU_BASE | ((u32)cpu & (CELLFLASH_MAX_CPUS - 1));
}

/* The queue a CPU should take from next and the deadline of its first task. */
struct queue_pick {
	u64 dsq;
	u64 vtime;
	bool found;
	bool steal;	/* from another domain's queue that has CPUs of its own */
};

/*
 * May a CPU of @cell in domain @dom take from the cell's queue of domain
 * @d? Sets the deadline advantage the task needs, and whether it is a steal.
 */
static __always_inline bool domain_eligible(u32 cell, u32 dom, u32 d, bool have_local,
					    u64 *slack, bool *steal)
{
	if (!(cell_domains[cell_index(cell)] & (1U << d))) {
		*slack = 0;
		*steal = false;
		return true;
	}
	*steal = true;
	if (!llc_aware) {
		*slack = NODE_SLACK_NS;
		return true;
	}
	*slack = 0;
	return work_stealing && !have_local;
}

/* Takes @vtime's queue @dsq if its task is earlier (by @slack) than the pick so far. */
static __always_inline void consider_vtime(struct queue_pick *pick, u64 dsq, u64 vtime, u64 slack,
					   bool steal)
{
	if (!pick->found || time_before(vtime + slack, pick->vtime)) {
		pick->dsq = dsq;
		pick->vtime = vtime;
		pick->found = true;
		pick->steal = steal;
	}
}

static __always_inline void consider(struct queue_pick *pick, u64 dsq, u64 slack, bool steal)
{
	struct task_struct *p = dsq_first(dsq);

	if (p)
		consider_vtime(pick, dsq, p->scx.dsq_vtime, slack, steal);
}

/*
 * A CPU's own queue holds deadlines in the clock of the cell the CPU had
 * when they were queued. After the CPU changed cells they would compare
 * with another cell's clock, and one far ahead could wait behind the new
 * cell's tasks for good: no head counts later than a slice lag ahead.
 */
static __always_inline void consider_cpu_queue(struct queue_pick *pick, s32 cpu, u32 cell)
{
	struct task_struct *p = dsq_first(cpu_dsq(cpu));
	u64 latest;

	if (!p)
		return;
	latest = *cell_vtime_now(cell) + slice_lag_ns;
	consider_vtime(pick, cpu_dsq(cpu), time_before(p->scx.dsq_vtime, latest) ? p->scx.dsq_vtime : latest,
		       0, false);
}

/* What @cpu, of @cell and in domain @dom, should run next. */
static __always_inline void pick_queue(s32 cpu, u32 cell, u32 dom, struct queue_pick *pick)
{
	bool have_local, steal;
	u64 slack;
	u32 d;

	consider(pick, cell_dsq(cell, dom), 0, false);
	consider_cpu_queue(pick, cpu, cell);
	if (nr_domains < 2)
		return;
	have_local = pick->found;
	bpf_for(d, 0, CELLFLASH_MAX_DOMAINS) {
		if (d >= nr_domains)
			break;
		if (d != dom && domain_eligible(cell, dom, d, have_local, &slack, &steal))
			consider(pick, cell_dsq(cell, d), slack, steal);
	}
}

/*
 * Moves the first task this CPU may run from any queue it may take from,
 * ignoring deadlines: the one picked was taken meanwhile, or holds only
 * tasks that may not run here. @ret_steal says where it came from.
 */
static __always_inline bool move_from_any(s32 cpu, u32 cell, u32 dom, bool *ret_steal)
{
	bool steal;
	u64 slack;
	u32 d;

	*ret_steal = false;
	if (dsq_move_to_local(cell_dsq(cell, dom)) || dsq_move_to_local(cpu_dsq(cpu)))
		return true;
	bpf_for(d, 0, CELLFLASH_MAX_DOMAINS) {
		if (d >= nr_domains)
			break;
		if (d != dom && domain_eligible(cell, dom, d, false, &slack, &steal) &&
		    dsq_move_to_local(cell_dsq(cell, d))) {
			*ret_steal = steal;
			return true;
		}
	}
	return false;
}

static __always_inline bool cell_has_queued(u32 cell)
{
	u32 d;

	bpf_for(d, 0, CELLFLASH_MAX_DOMAINS) {
		if (d >= nr_domains)
			break;
		if (scx_bpf_dsq_nr_queued(cell_dsq(cell, d)) > 0)
			return true;
	}
	return false;
}

/* Queued tasks of @cell that no CPU takes as its own: in domains where the cell has no CPU. */
static __always_inline bool cell_has_stranded(u32 cell)
{
	u32 domains = cell_domains[cell_index(cell)], d;

	bpf_for(d, 0, CELLFLASH_MAX_DOMAINS) {
		if (d >= nr_domains)
			break;
		if (!(domains & (1U << d)) && scx_bpf_dsq_nr_queued(cell_dsq(cell, d)) > 0)
			return true;
	}
	return false;
}

/* Recomputes which cells have no CPUs but queued tasks (after apply_cells()). */
static __always_inline void mark_orphan_cells(void)
{
	u32 cell;

	bpf_for(cell, 0, CELLFLASH_MAX_CELLS)
		if (!cell_has_cpus(cell) && cell_has_queued(cell))
			__sync_fetch_and_or(&orphan_cells, 1ULL << cell);
		else
			__sync_fetch_and_and(&orphan_cells, ~(1ULL << cell));
}

/* Runs a task of a cell that has no CPUs any more, if any may run here. */
static __always_inline bool drain_orphan_cells(void)
{
	u64 orphans = orphan_cells;
	u32 cell, d;

	if (!orphans)
		return false;
	bpf_for(cell, 0, CELLFLASH_MAX_CELLS) {
		if (!(orphans & (1ULL << cell)))
			continue;
		bpf_for(d, 0, CELLFLASH_MAX_DOMAINS) {
			if (d >= nr_domains)
				break;
			if (dsq_move_to_local(cell_dsq(cell, d)))
				return true;
		}
		if (!cell_has_queued(cell))
			__sync_fetch_and_and(&orphan_cells, ~(1ULL << cell));
	}
	return false;
}

static __always_inline s32 create_queue(u64 dsq, s32 node)
{
	s32 err = scx_bpf_create_dsq(dsq, node);

	if (err)
		scx_bpf_error("failed to create queue 0x%llx: %d", dsq, err);
	return err;
}

/* Every cell's queues, and every CPU's. */
static __always_inline s32 create_queues(void)
{
	u32 nr_cpus = scx_bpf_nr_cpu_ids(), cell, d, cpu;
	s32 err;

	bpf_for(cell, 0, CELLFLASH_MAX_CELLS) {
		bpf_for(d, 0, CELLFLASH_MAX_DOMAINS) {
			if (d >= nr_domains)
				break;
			/* A node's queue lives on that node; one for all, anywhere. */
			err = create_queue(cell_dsq(cell, d),
					   !llc_aware && nr_domains > 1 ? (s32)d : NUMA_NO_NODE);
			if (err)
				return err;
		}
	}
	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		if (cpu >= nr_cpus)
			break;
		err = create_queue(cpu_dsq(cpu), scx_bpf_cpu_node(cpu));
		if (err)
			return err;
	}
	return 0;
}

#endif
