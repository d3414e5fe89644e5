/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflash: a deadline-based sched_ext scheduler.
 *
 * Every task has a virtual runtime (vtime) that advances with the CPU time
 * it uses, scaled down by its weight: its nice weight's part of its
 * cgroup's cpu.weight (task.bpf.h). Runnable tasks wait in shared queues
 * ordered by deadline: their vtime, but no further behind their cell's
 * vtime than the credit they earned by sleeping, which grows with how
 * often they wake up (deadline.h). Tasks
 * that wake often and run briefly - input, audio, message passing - thus run
 * before CPU hogs of the same weight, while vtime keeps the long-run split
 * fair.
 *
 * CPUs are split into cells (cells.bpf.h): a cell's CPUs run only the tasks
 * of its cgroups; without cells configured, cell 0 has every CPU. Each cell
 * has a queue per NUMA node (dsq.bpf.h); tasks whose affinity does not
 * cover their cell queue on one CPU they may use instead.
 *
 * A waking task goes straight to an idle CPU of its cell when there is one,
 * primary CPUs first (power.bpf.h); otherwise it queues, and the next CPU of
 * the cell to reschedule takes the earliest deadline, from its own node
 * unless another node's is clearly earlier. A task whose slice ends keeps
 * its CPU when nothing queued has an earlier deadline, unless a better CPU
 * is idle (a whole SMT core, a primary CPU). Per-CPU kthreads go straight
 * to their CPU: they can run nowhere else, and other work often waits for
 * them.
 *
 * Options change some of this: round-robin (no deadlines), tickless (no
 * slice ends without contention), throttling (periodic forced idle) and
 * load-driven CPU performance levels.
 *
 * The scheduler implements no CPU hotplug callbacks on purpose: the kernel
 * then restarts it on hotplug, and the daemon re-attaches with the new set
 * of CPUs.
 */
#include "kfuncs.bpf.h"
#include "intf.h"
#include "deadline.h"
#include "knobs.bpf.h"
#include "stats.bpf.h"
#include "cpu.bpf.h"
#include "exit.bpf.h"
#include "task.bpf.h"
#include "power.bpf.h"
#include "cells.bpf.h"
#include "idle.bpf.h"
#include "dsq.bpf.h"
#include "timers.bpf.h"
#include "debug-events.bpf.h"

char _license[] SEC("license") = "GPL";

/*
 * No CPU of @p's cell is idle: @p will wait in its cell's queue while on
 * the run queue of the CPU returned here, and whichever CPU takes it must
 * pull it from there. The waker's CPU, when @p may run there and it is in
 * the same domain as @p's previous one: the wakeup then stays local (no
 * IPI to queue it on a remote CPU), and when the waker sleeps next (a
 * message thread handing out work, a pipe) its CPU takes @p without
 * locking another CPU's run queue.
 */
static __always_inline s32 wait_cpu(struct task_struct *p, struct task_ctx *tctx, u32 cell,
				    s32 prev_cpu)
{
	s32 cpu = bpf_get_smp_processor_id();

	if (cpu != prev_cpu && tctx->covered && task_may_run_on(p, tctx, cell, cpu) &&
	    cpu_domain_of(cpu) == cpu_domain_of(prev_cpu))
		return cpu;
	return prev_cpu;
}

s32 BPF_STRUCT_OPS(cellflash_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	u32 cell;
	s32 cpu;

	if (!tctx || cpus_throttled)
		return prev_cpu;

	cell = task_cell(p, tctx);
	cpu = pick_idle_cpu(p, tctx, cell, prev_cpu, wake_flags);
	if (cpu < 0) {
		/* Round-robin: always straight to a CPU's queue, idle or not. */
		if (!rr_sched || !task_may_run_on(p, tctx, cell, prev_cpu))
			return wait_cpu(p, tctx, cell, prev_cpu);
		cpu = prev_cpu;
	}

	dsq_insert(p, DSQ_LOCAL, task_slice(p, tctx), 0);
	cell_stat_inc(cell, CELL_STAT_LOCAL);
	if (!tctx->covered)
		cell_stat_inc(cell, CELL_STAT_AFFINITY_VIOLATIONS);
	return cpu;
}

/* The deadline @p queues with (deadline.h), with --wakeup-throttle's penalty. */
static __always_inline u64 task_deadline_of(struct task_struct *p, struct task_ctx *tctx)
{
	u64 dl = task_deadline(p->scx.dsq_vtime, *cell_vtime_now(tctx->vtime_cell), slice_lag_ns,
			       tctx->wakeup_freq, share_weight_units(task_weight_of(p, tctx)));

	if (wakeup_throttle && is_wakeup_storm(tctx->avg_runtime) && !is_pcpu_kthread(p)) {
		dl += slice_lag_ns;
		stat_inc(nr_wakeup_throttled);
	}
	return dl;
}

/*
 * Queues @p, whose affinity does not cover its cell, on one CPU it may use:
 * where it last ran if it may still run there. The CPU's cell sets the
 * vtime it queues with.
 */
static __always_inline void enqueue_on_cpu(struct task_struct *p, struct task_ctx *tctx, u32 cell,
					   s32 prev_cpu, u64 enq_flags)
{
	s32 cpu = prev_cpu;

	if (!bpf_cpumask_test_cpu(cpu, p->cpus_ptr)) {
		cpu = bpf_cpumask_any_distribute(p->cpus_ptr);
		if (!cpu_valid(cpu))
			cpu = prev_cpu;
	}
	task_rebase_vtime(p, tctx, cpu_cell(cpu));
	dsq_insert_vtime(p, cpu_dsq(cpu), tctx->slice_ns, task_deadline_of(p, tctx), enq_flags);
	cell_stat_inc(cell, CELL_STAT_CPU_QUEUE);
	cell_stat_inc(cell, CELL_STAT_AFFINITY_VIOLATIONS);
	/*
	 * Another CPU may be idle and must be woken. Not the task's own: the
	 * kernel reschedules an idle CPU that a task is enqueued on, and a
	 * kick there, under its rq lock that we hold, is always bounced
	 * through an irq_work, an interrupt per enqueue of a pinned task.
	 */
	if (!cpus_throttled && cpu != prev_cpu)
		scx_bpf_kick_cpu(cpu, KICK_IDLE);
}

void BPF_STRUCT_OPS(cellflash_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	s32 prev_cpu = scx_bpf_task_cpu(p);
	u64 deadline, dsq;
	u32 cell;
	s32 cpu;

	/* Without its context (cannot happen after init_task) it still runs. */
	if (!tctx) {
		dsq_insert_vtime(p, cpu_dsq(prev_cpu), slice_base_ns,
				 *cell_vtime_now(cpu_cell(prev_cpu)), enq_flags);
		return;
	}

	/*
	 * Per-CPU kthreads can run nowhere else. Inserting into a CPU's local
	 * queue wakes it if idle, so no kick is needed here or below.
	 */
	if (is_pcpu_kthread(p)) {
		dsq_insert(p, DSQ_LOCAL_ON | prev_cpu, task_slice(p, tctx), enq_flags);
		stat_inc(nr_kthread_dispatches);
		return;
	}

	cell = task_cell(p, tctx);

	/*
	 * ops.select_cpu() already looked for an idle CPU for most wakeups;
	 * look now for the others (queued wakeups, expired slices, new tasks).
	 */
	if (!(enq_flags & ENQ_CPU_SELECTED) && !cpus_throttled) {
		cpu = pick_idle_cpu(p, tctx, cell, prev_cpu, 0);
		if (cpu >= 0) {
			dsq_insert(p, DSQ_LOCAL_ON | cpu, task_slice(p, tctx), enq_flags);
			cell_stat_inc(cell, CELL_STAT_LOCAL);
			if (!tctx->covered)
				cell_stat_inc(cell, CELL_STAT_AFFINITY_VIOLATIONS);
			return;
		}
	}

	/*
	 * The last task of a CPU, which ops.dispatch() let go so it could find
	 * a better CPU (there was none), or round-robin: stays where it is,
	 * unless that CPU is no longer its cell's.
	 */
	if ((((enq_flags & ENQ_LAST) && !cpus_throttled) || rr_sched) &&
	    task_may_run_on(p, tctx, cell, prev_cpu)) {
		dsq_insert(p, DSQ_LOCAL, task_slice(p, tctx), enq_flags);
		stat_inc(nr_kept_running);
		return;
	}

	if (!tctx->covered) {
		enqueue_on_cpu(p, tctx, cell, prev_cpu, enq_flags);
		return;
	}

	task_rebase_vtime(p, tctx, cell);
	deadline = task_deadline_of(p, tctx);
	dsq = cell_dsq(cell, cell_domain_for(cell, prev_cpu));
	dsq_insert_vtime(p, dsq, tctx->slice_ns, deadline, enq_flags);
	cell_stat_inc(cell, CELL_STAT_CELL_QUEUE);
	dbg("queued pid %d on queue %llx, deadline %llu", p->pid, dsq, deadline);

	/* Its cell lost its CPUs since the task looked: whoever can drains it. */
	if (!cell_has_cpus(cell)) {
		__sync_fetch_and_or(&orphan_cells, 1ULL << cell);
		scx_bpf_kick_cpu(prev_cpu, KICK_IDLE);
	}
	/* A CPU may have gone idle since ops.select_cpu() found none. */
	else if ((enq_flags & ENQ_CPU_SELECTED) && !cpus_throttled)
		kick_idle_cpu(p, tctx, cell, prev_cpu);
}

/* The vtime @prev, still running, has reached by now. */
static __always_inline u64 running_vtime(struct task_struct *prev, struct task_ctx *tctx)
{
	return prev->scx.dsq_vtime +
	       vtime_charge_share(scx_bpf_now() - tctx->last_run_at, task_weight_of(prev, tctx));
}

static __always_inline void keep_running(s32 cpu, struct task_struct *prev, struct task_ctx *tctx)
{
	struct cpu_ctx *cctx = cpu_ctx_of(cpu);

	task_set_slice(prev, task_slice(prev, tctx));
	stat_inc(nr_kept_running);
	if (cctx)
		update_cpuperf(cpu, cctx, scx_bpf_now(), cctx->running_since);
}

/*
 * @prev's slice ended: it runs on unless a queued task has an earlier
 * deadline than the vtime @prev has reached (a context switch saved), a
 * better CPU is idle (then ops.enqueue() gets it, SCX_ENQ_LAST), or this
 * CPU is no longer its cell's. Tasks of cells that lost all their CPUs go
 * first: they are few, and nobody else would run them.
 */
void BPF_STRUCT_OPS(cellflash_dispatch, s32 cpu, struct task_struct *prev)
{
	struct task_ctx *tctx = prev ? task_ctx(prev) : NULL;
	bool runnable = tctx && (prev->scx.flags & TASK_QUEUED);
	struct queue_pick pick = {};
	u32 cell = cpu_cell(cpu), dom = cpu_domain_of(cpu);
	bool steal;

	/* Throttled CPUs idle; prev goes back through ops.enqueue(). */
	if (cpus_throttled)
		return;
	if (drain_orphan_cells())
		return;

	if (runnable && !task_may_run_on(prev, tctx, task_cell(prev, tctx), cpu))
		runnable = false;
	pick_queue(cpu, cell, dom, &pick);
	if (runnable && (!pick.found || rr_sched || time_before(running_vtime(prev, tctx), pick.vtime))) {
		if (!should_move(prev, tctx, cell, cpu)) {
			keep_running(cpu, prev, tctx);
			return;
		}
		dbg("moving pid %d off CPU %d", prev->pid, cpu);
		stat_inc(nr_moved);
		runnable = false;
	}
	if (pick.found && dsq_move_to_local(pick.dsq)) {
		if (pick.steal)
			cell_stat_inc(cell, CELL_STAT_STEALS);
		return;
	}
	/*
	 * The first task was taken meanwhile, or may not run here. When every
	 * queue was empty, looking again would only cost a CPU about to idle
	 * (most dispatches: every sleep that leaves a CPU with nothing to do).
	 */
	if (pick.found && move_from_any(cpu, cell, dom, &steal)) {
		if (steal)
			cell_stat_inc(cell, CELL_STAT_STEALS);
		return;
	}
	if (runnable)
		keep_running(cpu, prev, tctx);
}

void BPF_STRUCT_OPS(cellflash_runnable, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	u64 now;

	if (!tctx || rr_sched)
		return;
	task_count_runnable(p, tctx, true);
	if (!(enq_flags & ENQ_WAKEUP))
		return;
	now = scx_bpf_now();
	tctx->wakeup_freq = wakeup_freq_update(tctx->wakeup_freq, now - tctx->last_woke_at);
	tctx->last_woke_at = now;
}

void BPF_STRUCT_OPS(cellflash_quiescent, struct task_struct *p, u64 deq_flags)
{
	struct task_ctx *tctx = task_ctx(p);

	if (tctx && tctx->counted_weight)
		task_count_runnable(p, tctx, false);
}

/*
 * ops.running() and ops.stopping() concern the CPU of @p's run queue, which
 * is not the CPU they run on when the kernel changes a task running
 * elsewhere (affinity, nice, cgroup: put_prev/set_next_task under that
 * CPU's rq lock); kfuncs such as scx_bpf_cpuperf_set() then accept only
 * that CPU.
 */
static __always_inline s32 running_cpu(struct task_struct *p, struct cpu_ctx **cctx,
				       struct cpu_stats **stats)
{
	s32 cpu = scx_bpf_task_cpu(p);

	*cctx = cpu_ctx_of(cpu);
	*stats = cpu_stats_of(cpu);
	return cpu;
}

void BPF_STRUCT_OPS(cellflash_running, struct task_struct *p)
{
	struct task_ctx *tctx = task_ctx(p);
	struct cpu_stats *stats;
	struct cpu_ctx *cctx;
	u64 now = scx_bpf_now(), *vtime_now;
	s32 cpu = running_cpu(p, &cctx, &stats);

	if (stats)
		stats->nr_running = 1;
	if (cctx) {
		update_cpuperf(cpu, cctx, now, 0);
		cctx->running_since = now;
	}
	if (!tctx)
		return;
	tctx->last_run_at = now;
	if (rr_sched)
		return;
	/* From now on it is charged in this CPU's cell's vtime. */
	task_rebase_vtime(p, tctx, cctx ? cctx->cell : 0);
	vtime_now = cell_vtime_now(tctx->vtime_cell);
	if (time_before(*vtime_now, p->scx.dsq_vtime))
		*vtime_now = p->scx.dsq_vtime;
}

void BPF_STRUCT_OPS(cellflash_stopping, struct task_struct *p, bool runnable)
{
	struct task_ctx *tctx = task_ctx(p);
	struct cpu_stats *stats;
	struct cpu_ctx *cctx;
	u64 now = scx_bpf_now(), used;

	running_cpu(p, &cctx, &stats);
	if (stats)
		stats->nr_running = 0;
	if (cctx)
		cctx->busy_ns += now - cctx->running_since;
	if (!tctx || rr_sched)
		return;
	used = now - tctx->last_run_at;
	tctx->avg_runtime = tctx->avg_runtime ? ewma(tctx->avg_runtime, used) : used;
	task_refresh_share(p, tctx);
	task_set_vtime(p, p->scx.dsq_vtime + vtime_charge_share(used, task_weight_of(p, tctx)));
}

void BPF_STRUCT_OPS(cellflash_enable, struct task_struct *p)
{
	struct task_ctx *tctx = task_ctx(p);

	task_set_vtime(p, *cell_vtime_now(0));
	if (tctx)
		tctx->vtime_cell = 0;
}

void BPF_STRUCT_OPS(cellflash_set_weight, struct task_struct *p, u32 weight)
{
	struct task_ctx *tctx = task_ctx(p);

	if (tctx)
		task_update_weight(tctx, weight);
}

/* Its affinity changed: whether it covers its cell must be looked at again. */
void BPF_STRUCT_OPS(cellflash_set_cpumask, struct task_struct *p, const struct cpumask *cpumask)
{
	struct task_ctx *tctx = task_ctx(p);

	if (tctx)
		tctx->cell_seq = CELL_SEQ_STALE;
}

s32 BPF_STRUCT_OPS(cellflash_init_task, struct task_struct *p, struct scx_init_task_args *args)
{
	struct task_ctx *tctx;

	tctx = bpf_task_storage_get(&task_ctxs, p, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!tctx)
		return -ENOMEM;
	tctx->cell_seq = CELL_SEQ_STALE;
	task_set_cgroup(p, tctx, args->cgroup);
	debug_event(DEBUG_EVENT_INIT_TASK, tctx->cgroup_id, p->pid);
	return 0;
}

s32 BPF_STRUCT_OPS(cellflash_cgroup_init, struct cgroup *cgrp, struct scx_cgroup_init_args *args)
{
	struct cgroup_ctx *cgc;

	debug_event(DEBUG_EVENT_CGROUP_INIT, cgrp->kn->id, 0);
	cgc = bpf_cgrp_storage_get(&cgroup_ctxs, cgrp, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!cgc)
		return -ENOMEM;
	cgc->weight = args->weight;
	return 0;
}

void BPF_STRUCT_OPS(cellflash_cgroup_exit, struct cgroup *cgrp)
{
	debug_event(DEBUG_EVENT_CGROUP_EXIT, cgrp->kn->id, 0);
}

void BPF_STRUCT_OPS(cellflash_cgroup_set_weight, struct cgroup *cgrp, u32 weight)
{
	struct cgroup_ctx *cgc = bpf_cgrp_storage_get(&cgroup_ctxs, cgrp, NULL, 0);

	if (!cgc)
		return;
	cgc->weight = weight;
	__sync_fetch_and_add(&cgroup_weight_seq, 1);
}

void BPF_STRUCT_OPS(cellflash_cgroup_move, struct task_struct *p, struct cgroup *from,
		    struct cgroup *to)
{
	struct task_ctx *tctx = task_ctx(p);

	if (tctx)
		task_set_cgroup(p, tctx, to);
}

/* The cells and the CPUs' view of them, for the kernel's debug dump. */
void BPF_STRUCT_OPS(cellflash_dump, struct scx_dump_ctx *dctx)
{
	u32 cell, cpu, nr_cpus = scx_bpf_nr_cpu_ids();

	scx_bpf_dump("cells: seq %llu, orphaned %llx", cell_seq, orphan_cells);
	bpf_for(cell, 0, CELLFLASH_MAX_CELLS) {
		if (!cell_nr_cpus[cell] && !cell_has_queued(cell))
			continue;
		scx_bpf_dump("cell %u: %u CPUs, domains %x, vtime %llu, queued %d", cell,
			     cell_nr_cpus[cell], cell_domains[cell], *cell_vtime_now(cell),
			     scx_bpf_dsq_nr_queued(cell_dsq(cell, 0)));
	}
	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		if (cpu >= nr_cpus)
			break;
		scx_bpf_dump("cpu %u: cell %u, domain %u, queued %d", cpu, cpu_cell(cpu),
			     cpu_domain_of(cpu), scx_bpf_dsq_nr_queued(cpu_dsq(cpu)));
	}
	dump_debug_events();
}

s32 BPF_STRUCT_OPS_SLEEPABLE(cellflash_init)
{
	const struct cpumask *online = scx_bpf_get_online_cpumask();
	s32 err;

	nr_online_cpus = bpf_cpumask_weight(online);
	scx_bpf_put_cpumask(online);

	err = create_queues();
	if (err)
		return err;
	apply_cpuperf_request();
	err = apply_cell_request();
	if (err)
		return err;
	publish_cell_seq();
	__sync_fetch_and_add(&power_seq, 1);
	return start_timers();
}

void BPF_STRUCT_OPS(cellflash_exit, struct scx_exit_info *ei)
{
	exit_record(ei);
}

/* Run by the daemon after it wrote power_request: a live domain change. */
SEC("syscall")
int apply_power(void *ctx)
{
	s32 err;

	apply_cpuperf_request();
	err = publish_cell_masks();
	if (!err)
		__sync_fetch_and_add(&power_seq, 1);
	dbg("power applied: cpuperf %d, partial primary %d", cpuperf_level, primary_partial);
	return err;
}

/* Run by the daemon after it wrote cell_request and cell_owners. */
SEC("syscall")
int apply_cells(void *ctx)
{
	s32 err = apply_cell_request();

	if (err)
		return err;
	mark_orphan_cells();
	publish_cell_seq();
	return 0;
}

SEC(".struct_ops.link")
struct sched_ext_ops cellflash_ops = {
	.select_cpu		= (void *)cellflash_select_cpu,
	.enqueue		= (void *)cellflash_enqueue,
	.dispatch		= (void *)cellflash_dispatch,
	.runnable		= (void *)cellflash_runnable,
	.quiescent		= (void *)cellflash_quiescent,
	.running		= (void *)cellflash_running,
	.stopping		= (void *)cellflash_stopping,
	.enable			= (void *)cellflash_enable,
	.set_weight		= (void *)cellflash_set_weight,
	.set_cpumask		= (void *)cellflash_set_cpumask,
	.init_task		= (void *)cellflash_init_task,
	.cgroup_init		= (void *)cellflash_cgroup_init,
	.cgroup_exit		= (void *)cellflash_cgroup_exit,
	.cgroup_set_weight	= (void *)cellflash_cgroup_set_weight,
	.cgroup_move		= (void *)cellflash_cgroup_move,
	.dump			= (void *)cellflash_dump,
	.init			= (void *)cellflash_init,
	.exit			= (void *)cellflash_exit,
	.timeout_ms		= 5000,
	.name			= CELLFLASH_OPS_NAME,
};
