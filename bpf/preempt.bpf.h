/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wakeup preemption. A woken task that finds no idle CPU queues by
 * deadline; without more it would wait until a busy CPU's slice ends,
 * which sched_ext notices only at the tick (4 ms at HZ=250, whatever the
 * slice). So each CPU notes what its task started at (cpu_ctx), and a
 * woken task that should_preempt() (deadline.h) that task kicks its CPU
 * with SCX_KICK_PREEMPT: the kernel ends the running slice and
 * ops.dispatch() there takes the earliest deadline, or renews the running
 * task if it turns out to be earlier after all.
 *
 * Two candidates keep the cost constant however large the cell: the CPU
 * the task last ran on and one CPU of its cell, round-robin. A kicked CPU
 * is marked until it reschedules, so that a burst of wakeups spreads out.
 */
#ifndef CELLFLASH_PREEMPT_BPF_H
#define CELLFLASH_PREEMPT_BPF_H

/* Called when @p starts running on @cctx's CPU (ops.running). */
static __always_inline void preempt_track_running(struct cpu_ctx *cctx, struct task_struct *p,
						  struct task_ctx *tctx, u64 now)
{
	cctx->run_vtime = p->scx.dsq_vtime;
	cctx->run_weight = task_weight_of(p, tctx);
	/* --tickless slices are infinite: past a base slice, it is as overdue. */
	cctx->run_slice = tickless ? slice_base_ns : tctx->slice_ns;
	cctx->slice_started_at = now;
	cctx->preempt_pending = false;
	cctx->run_tracked = true;
}

/*
 * The later of @pick and @cpu's task, if @p, queued with @deadline, should
 * preempt it. Read without a lock: a stale view costs one needless kick or
 * one missed, never correctness, as ops.dispatch() decides again.
 */
static __always_inline s32 preempt_consider(s32 pick, u64 *pick_vtime, struct task_struct *p,
					    struct task_ctx *tctx, u32 cell, s32 cpu, u64 deadline,
					    u64 now)
{
	struct cpu_ctx *cctx = cpu_ctx_of(cpu);
	u64 vtime;

	if (!cctx || cpu == pick || !cctx->run_tracked || cctx->preempt_pending)
		return pick;
	vtime = cctx->run_vtime + vtime_charge_share(now - cctx->running_since, cctx->run_weight);
	if (!should_preempt(deadline, vtime, now - cctx->slice_started_at, cctx->run_slice,
			    slice_lag_ns))
		return pick;
	if (pick >= 0 && !time_before(*pick_vtime, vtime))
		return pick;
	if (!task_may_run_on(p, tctx, cell, cpu))
		return pick;
	*pick_vtime = vtime;
	return cpu;
}

static __always_inline void preempt_kick(s32 cpu)
{
	struct cpu_ctx *cctx = cpu_ctx_of(cpu);

	if (!cctx)
		return;
	cctx->preempt_pending = true;
	scx_bpf_kick_cpu(cpu, KICK_PREEMPT);
	stat_inc(nr_preempt_kicks);
	dbg("preempting CPU %d", cpu);
}

/* @p woke up and was queued with @deadline on its cell's queue; no CPU was idle. */
static __always_inline void preempt_for_cell(struct task_struct *p, struct task_ctx *tctx, u32 cell,
					     s32 prev_cpu, u64 deadline)
{
	struct cell_cpumasks *masks = cell_masks(cell);
	u64 now = scx_bpf_now(), vtime = 0;
	s32 pick, cpu;

	pick = preempt_consider(-1, &vtime, p, tctx, cell, prev_cpu, deadline, now);
	if (masks && masks->cpus) {
		cpu = bpf_cpumask_any_distribute((const struct cpumask *)masks->cpus);
		if (cpu_valid(cpu))
			pick = preempt_consider(pick, &vtime, p, tctx, cell, cpu, deadline, now);
	}
	if (pick >= 0)
		preempt_kick(pick);
}

/* @p woke up and was queued with @deadline on @cpu's own queue. */
static __always_inline void preempt_on_cpu(struct task_struct *p, struct task_ctx *tctx, s32 cpu,
					   u64 deadline)
{
	u64 vtime = 0;

	if (preempt_consider(-1, &vtime, p, tctx, cpu_cell(cpu), cpu, deadline, scx_bpf_now()) >= 0)
		preempt_kick(cpu);
}

#endif
