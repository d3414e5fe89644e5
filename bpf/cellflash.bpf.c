/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflash: a deadline-based sched_ext scheduler.
 *
 * Every task has a virtual runtime (vtime) that advances with the CPU time
 * it uses, scaled down by its weight (nice and cgroup cpu.weight). Runnable
 * tasks wait in a shared queue per NUMA node, ordered by deadline: their
 * vtime, but no further behind the global vtime than the credit they earned
 * by sleeping, which grows with how often they wake up (deadline.h). Tasks
 * that wake often and run briefly - input, audio, message passing - thus run
 * before CPU hogs of the same weight, while vtime keeps the long-run split
 * fair.
 *
 * A waking task goes straight to an idle CPU when there is one, primary CPUs
 * first (power.bpf.h); otherwise it queues, and the next CPU to reschedule
 * takes the earliest deadline, from its own node unless another node's is
 * clearly earlier. A task whose slice ends keeps its CPU when nothing queued
 * has an earlier deadline, unless a better CPU is idle (a whole SMT core, a
 * primary CPU). Per-CPU kthreads go straight to their CPU: they can run
 * nowhere else, and other work often waits for them.
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
#include "idle.bpf.h"
#include "dsq.bpf.h"
#include "timers.bpf.h"

char _license[] SEC("license") = "GPL";

/*
 * The largest vtime of any task that started running: "now" in vtime.
 * Written at every context switch: alone on its cache line.
 */
static u64 vtime_now __attribute__((aligned(64)));

s32 BPF_STRUCT_OPS(cellflash_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	s32 cpu;

	if (!tctx || cpus_throttled)
		return prev_cpu;

	cpu = pick_idle_cpu(p, prev_cpu, wake_flags);
	/* Round-robin: always straight to a CPU's queue, idle or not. */
	if (cpu < 0 && !rr_sched)
		return prev_cpu;
	if (cpu < 0)
		cpu = prev_cpu;

	dsq_insert(p, DSQ_LOCAL, task_slice(p, tctx), 0);
	stat_inc(nr_direct_dispatches);
	return cpu;
}

/* The deadline @p queues with (deadline.h), with --wakeup-throttle's penalty. */
static __always_inline u64 task_deadline_of(struct task_struct *p, struct task_ctx *tctx)
{
	u64 dl = task_deadline(p->scx.dsq_vtime, vtime_now, slice_lag_ns, tctx->wakeup_freq,
			       task_weight_of(p, tctx));

	if (wakeup_throttle && is_wakeup_storm(tctx->avg_runtime) && !is_pcpu_kthread(p)) {
		dl += slice_lag_ns;
		stat_inc(nr_wakeup_throttled);
	}
	return dl;
}

void BPF_STRUCT_OPS(cellflash_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	s32 prev_cpu = scx_bpf_task_cpu(p);
	u64 deadline;
	s32 cpu;

	/* Without its context (cannot happen after init_task) it still runs. */
	if (!tctx) {
		dsq_insert_vtime(p, cpu_dsq(prev_cpu), slice_base_ns, vtime_now, enq_flags);
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

	/*
	 * ops.select_cpu() already looked for an idle CPU for most wakeups;
	 * look now for the others (queued wakeups, expired slices, new tasks).
	 */
	if (!(enq_flags & ENQ_CPU_SELECTED) && !cpus_throttled) {
		cpu = pick_idle_cpu(p, prev_cpu, 0);
		if (cpu >= 0) {
			dsq_insert(p, DSQ_LOCAL_ON | cpu, task_slice(p, tctx), enq_flags);
			stat_inc(nr_direct_dispatches);
			return;
		}
	}

	/*
	 * The last task of a CPU, which ops.dispatch() let go so it could find
	 * a better CPU (there was none), or round-robin: stays where it is.
	 */
	if (((enq_flags & ENQ_LAST) && !cpus_throttled) || rr_sched) {
		dsq_insert(p, DSQ_LOCAL, task_slice(p, tctx), enq_flags);
		stat_inc(nr_kept_running);
		return;
	}

	deadline = task_deadline_of(p, tctx);
	dsq_insert_vtime(p, cpu_dsq(prev_cpu), tctx->slice_ns, deadline, enq_flags);
	stat_inc(nr_shared_dispatches);
	dbg("queued pid %d on queue %llu, deadline %llu", p->pid, cpu_dsq(prev_cpu), deadline);

	/* A CPU may have gone idle since ops.select_cpu() found none. */
	if ((enq_flags & ENQ_CPU_SELECTED) && !cpus_throttled)
		kick_idle_cpu(p, prev_cpu);
}

/* The vtime @prev, still running, has reached by now. */
static __always_inline u64 running_vtime(struct task_struct *prev, struct task_ctx *tctx)
{
	return prev->scx.dsq_vtime +
	       vtime_charge(scx_bpf_now() - tctx->last_run_at, task_weight_of(prev, tctx));
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
 * deadline than the vtime @prev has reached (a context switch saved), or a
 * better CPU is idle (then ops.enqueue() gets it, SCX_ENQ_LAST).
 */
void BPF_STRUCT_OPS(cellflash_dispatch, s32 cpu, struct task_struct *prev)
{
	struct task_ctx *tctx = prev ? task_ctx(prev) : NULL;
	bool runnable = tctx && (prev->scx.flags & TASK_QUEUED);
	u64 own = cpu_dsq(cpu), dsq, vtime;
	bool queued;

	/* Throttled CPUs idle; prev goes back through ops.enqueue(). */
	if (cpus_throttled)
		return;

	queued = pick_queue(own, &dsq, &vtime);
	if (runnable && (!queued || rr_sched || time_before(running_vtime(prev, tctx), vtime))) {
		if (!should_move(prev, cpu)) {
			keep_running(cpu, prev, tctx);
			return;
		}
		dbg("moving pid %d off CPU %d", prev->pid, cpu);
		stat_inc(nr_moved);
		runnable = false;
	}
	if (queued && dsq_move_to_local(dsq))
		return;
	/* The first task was taken meanwhile, or may not run here. */
	if (dsq_move_to_local(own) || dsq_move_from_any(own))
		return;
	if (runnable)
		keep_running(cpu, prev, tctx);
}

void BPF_STRUCT_OPS(cellflash_runnable, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tctx;
	u64 now;

	if (rr_sched || !(enq_flags & ENQ_WAKEUP))
		return;
	tctx = task_ctx(p);
	if (!tctx)
		return;
	now = scx_bpf_now();
	tctx->wakeup_freq = wakeup_freq_update(tctx->wakeup_freq, now - tctx->last_woke_at);
	tctx->last_woke_at = now;
}

void BPF_STRUCT_OPS(cellflash_running, struct task_struct *p)
{
	struct task_ctx *tctx = task_ctx(p);
	struct cpu_ctx *cctx = this_cpu_ctx();
	u64 now = scx_bpf_now();

	stat_set(nr_running, 1);
	if (cctx) {
		update_cpuperf(bpf_get_smp_processor_id(), cctx, now, 0);
		cctx->running_since = now;
	}
	if (!tctx)
		return;
	tctx->last_run_at = now;
	if (!rr_sched && time_before(vtime_now, p->scx.dsq_vtime))
		vtime_now = p->scx.dsq_vtime;
}

void BPF_STRUCT_OPS(cellflash_stopping, struct task_struct *p, bool runnable)
{
	struct task_ctx *tctx = task_ctx(p);
	struct cpu_ctx *cctx = this_cpu_ctx();
	u64 now = scx_bpf_now(), used;

	stat_set(nr_running, 0);
	if (cctx)
		cctx->busy_ns += now - cctx->running_since;
	if (!tctx || rr_sched)
		return;
	used = now - tctx->last_run_at;
	tctx->avg_runtime = tctx->avg_runtime ? ewma(tctx->avg_runtime, used) : used;
	task_set_vtime(p, p->scx.dsq_vtime + vtime_charge(used, task_weight_of(p, tctx)));
}

void BPF_STRUCT_OPS(cellflash_enable, struct task_struct *p)
{
	task_set_vtime(p, vtime_now);
}

void BPF_STRUCT_OPS(cellflash_set_weight, struct task_struct *p, u32 weight)
{
	struct task_ctx *tctx = task_ctx(p);

	if (tctx)
		task_update_weight(tctx, weight);
}

s32 BPF_STRUCT_OPS(cellflash_init_task, struct task_struct *p, struct scx_init_task_args *args)
{
	struct task_ctx *tctx;

	tctx = bpf_task_storage_get(&task_ctxs, p, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!tctx)
		return -ENOMEM;
	task_set_cgroup(p, tctx, args->cgroup);
	return 0;
}

s32 BPF_STRUCT_OPS(cellflash_cgroup_init, struct cgroup *cgrp, struct scx_cgroup_init_args *args)
{
	struct cgroup_ctx *cgc;

	cgc = bpf_cgrp_storage_get(&cgroup_ctxs, cgrp, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!cgc)
		return -ENOMEM;
	cgc->weight = args->weight;
	return 0;
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

s32 BPF_STRUCT_OPS_SLEEPABLE(cellflash_init)
{
	const struct cpumask *online = scx_bpf_get_online_cpumask();
	s32 err;

	nr_online_cpus = bpf_cpumask_weight(online);
	scx_bpf_put_cpumask(online);

	err = create_queues();
	if (!err)
		err = apply_power_request();
	if (!err)
		err = start_timers();
	return err;
}

void BPF_STRUCT_OPS(cellflash_exit, struct scx_exit_info *ei)
{
	exit_record(ei);
}

/* Run by the daemon after it wrote power_request: a live domain change. */
SEC("syscall")
int apply_power(void *ctx)
{
	return apply_power_request();
}

SEC(".struct_ops.link")
struct sched_ext_ops cellflash_ops = {
	.select_cpu		= (void *)cellflash_select_cpu,
	.enqueue		= (void *)cellflash_enqueue,
	.dispatch		= (void *)cellflash_dispatch,
	.runnable		= (void *)cellflash_runnable,
	.running		= (void *)cellflash_running,
	.stopping		= (void *)cellflash_stopping,
	.enable			= (void *)cellflash_enable,
	.set_weight		= (void *)cellflash_set_weight,
	.init_task		= (void *)cellflash_init_task,
	.cgroup_init		= (void *)cellflash_cgroup_init,
	.cgroup_set_weight	= (void *)cellflash_cgroup_set_weight,
	.cgroup_move		= (void *)cellflash_cgroup_move,
	.init			= (void *)cellflash_init,
	.exit			= (void *)cellflash_exit,
	.timeout_ms		= 5000,
	.name			= CELLFLASH_OPS_NAME,
};
