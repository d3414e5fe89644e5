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
 * A waking task goes straight to an idle CPU when there is one; otherwise it
 * queues, and the first CPU to free up takes the earliest deadline. A task
 * whose slice ends keeps its CPU when nothing queued has an earlier deadline.
 * Per-CPU kthreads go straight to their CPU: they can run nowhere else, and
 * other work often waits for them.
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
#include "exit.bpf.h"
#include "task.bpf.h"
#include "idle.bpf.h"
#include "dsq.bpf.h"

char _license[] SEC("license") = "GPL";

/* The largest vtime of any task that started running: "now" in vtime. */
static u64 vtime_now;

static __always_inline u64 task_slice(struct task_struct *p, struct task_ctx *tctx)
{
	return task_slice_ns(slice_base_ns, task_weight_of(p, tctx));
}

s32 BPF_STRUCT_OPS(cellflash_select_cpu, struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	s32 cpu;

	if (!tctx)
		return prev_cpu;

	cpu = pick_idle_cpu(p, prev_cpu, wake_flags);
	if (cpu < 0)
		return prev_cpu;

	dsq_insert(p, DSQ_LOCAL, task_slice(p, tctx), 0);
	stat_inc(nr_direct_dispatches);
	return cpu;
}

void BPF_STRUCT_OPS(cellflash_enqueue, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tctx = task_ctx(p);
	s32 prev_cpu = scx_bpf_task_cpu(p);
	u64 weight, deadline;
	s32 cpu;

	if (!tctx)
		return;

	if (is_pcpu_kthread(p)) {
		dsq_insert(p, DSQ_LOCAL_ON | prev_cpu, task_slice(p, tctx), enq_flags);
		stat_inc(nr_kthread_dispatches);
		if (!scx_bpf_task_running(p))
			scx_bpf_kick_cpu(prev_cpu, KICK_IDLE);
		return;
	}

	/*
	 * ops.select_cpu() already looked for an idle CPU for most wakeups;
	 * look now for the others (queued wakeups, expired slices, new tasks).
	 */
	if (!(enq_flags & ENQ_CPU_SELECTED)) {
		cpu = pick_idle_cpu(p, prev_cpu, 0);
		if (cpu >= 0) {
			dsq_insert(p, DSQ_LOCAL_ON | cpu, task_slice(p, tctx), enq_flags);
			stat_inc(nr_direct_dispatches);
			scx_bpf_kick_cpu(cpu, KICK_IDLE);
			return;
		}
	}

	weight = task_weight_of(p, tctx);
	deadline = task_deadline(p->scx.dsq_vtime, vtime_now, slice_lag_ns,
				 tctx->wakeup_freq, weight);
	dsq_insert_vtime(p, node_dsq(prev_cpu), task_slice_ns(slice_base_ns, weight),
				 deadline, enq_flags);
	stat_inc(nr_shared_dispatches);
	kick_idle_cpu(p);
}

/*
 * Should @prev, whose slice ended, run on? Yes unless a queued task has an
 * earlier deadline than the vtime @prev has reached by now.
 */
static __always_inline bool keep_running(struct task_struct *prev, struct task_ctx *tctx, u64 dsq)
{
	struct task_struct *first;
	u64 vtime;

	if (!(prev->scx.flags & TASK_QUEUED))
		return false;
	first = dsq_first(dsq);
	if (!first)
		return true;
	vtime = prev->scx.dsq_vtime +
		vtime_charge(scx_bpf_now() - tctx->last_run_at, task_weight_of(prev, tctx));
	return time_before(vtime, first->scx.dsq_vtime);
}

void BPF_STRUCT_OPS(cellflash_dispatch, s32 cpu, struct task_struct *prev)
{
	struct task_ctx *tctx = prev ? task_ctx(prev) : NULL;
	u64 dsq = node_dsq(cpu);

	if (tctx && keep_running(prev, tctx, dsq)) {
		task_set_slice(prev, task_slice(prev, tctx));
		return;
	}
	if (dsq_move_to_local(dsq))
		return;
	/* Nothing this CPU can run is queued: let @prev go on. */
	if (tctx && (prev->scx.flags & TASK_QUEUED))
		task_set_slice(prev, task_slice(prev, tctx));
}

void BPF_STRUCT_OPS(cellflash_runnable, struct task_struct *p, u64 enq_flags)
{
	struct task_ctx *tctx;
	u64 now;

	if (!(enq_flags & ENQ_WAKEUP))
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

	stat_set(nr_running, 1);
	if (!tctx)
		return;
	tctx->last_run_at = scx_bpf_now();
	if (time_before(vtime_now, p->scx.dsq_vtime))
		vtime_now = p->scx.dsq_vtime;
}

void BPF_STRUCT_OPS(cellflash_stopping, struct task_struct *p, bool runnable)
{
	struct task_ctx *tctx = task_ctx(p);
	u64 used;

	stat_set(nr_running, 0);
	if (!tctx)
		return;
	used = scx_bpf_now() - tctx->last_run_at;
	task_set_vtime(p, p->scx.dsq_vtime + vtime_charge(used, task_weight_of(p, tctx)));
}

void BPF_STRUCT_OPS(cellflash_enable, struct task_struct *p)
{
	task_set_vtime(p, vtime_now);
}

s32 BPF_STRUCT_OPS(cellflash_init_task, struct task_struct *p, struct scx_init_task_args *args)
{
	struct task_ctx *tctx;

	tctx = bpf_task_storage_get(&task_ctxs, p, NULL, BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!tctx)
		return -ENOMEM;
	task_set_cgroup(tctx, args->cgroup);
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
		task_set_cgroup(tctx, to);
}

s32 BPF_STRUCT_OPS_SLEEPABLE(cellflash_init)
{
	const struct cpumask *online = scx_bpf_get_online_cpumask();

	nr_online_cpus = bpf_cpumask_weight(online);
	scx_bpf_put_cpumask(online);

	return create_node_dsqs();
}

void BPF_STRUCT_OPS(cellflash_exit, struct scx_exit_info *ei)
{
	exit_record(ei);
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
	.init_task		= (void *)cellflash_init_task,
	.cgroup_init		= (void *)cellflash_cgroup_init,
	.cgroup_set_weight	= (void *)cellflash_cgroup_set_weight,
	.cgroup_move		= (void *)cellflash_cgroup_move,
	.init			= (void *)cellflash_init,
	.exit			= (void *)cellflash_exit,
	.timeout_ms		= 5000,
	.name			= CELLFLASH_OPS_NAME,
};
