/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Idle CPU selection, through the kernel's built-in idle tracking: it
 * prefers a whole idle SMT core (the previous CPU's, then one in the same
 * LLC, node, system), then the previous CPU, then any idle CPU, and claims
 * the CPU it returns. A task looks in its cell, primary CPUs first; one
 * whose affinity does not cover its cell then looks at every CPU it may use.
 */
#ifndef CELLFLASH_IDLE_BPF_H
#define CELLFLASH_IDLE_BPF_H

/*
 * An idle CPU @p may run on, claimed for it, or a negative errno.
 *
 * Sync wakeups are not trusted: with SCX_WAKE_SYNC the built-in policy may
 * return the waker's CPU while the waker still runs there, and a task sent
 * to a busy CPU waits behind it instead of running on an idle one.
 */
static __always_inline s32 pick_idle_cpu(struct task_struct *p, struct task_ctx *tctx, u32 cell,
					 s32 prev_cpu, u64 wake_flags)
{
	struct cell_cpumasks *masks;
	u64 flags = wake_flags & ~WAKE_SYNC;
	const struct cpumask *cpus;
	s32 cpu;

	/*
	 * Pinned to one CPU (the kernel then skips ops.select_cpu(): this is
	 * every enqueue of a pinned task): whether that CPU is idle is all
	 * there is to ask, not three searches. Not while an affinity change
	 * still has it on a CPU it may no longer use.
	 */
	if (p->nr_cpus_allowed == 1 && bpf_cpumask_test_cpu(prev_cpu, p->cpus_ptr))
		return scx_bpf_test_and_clear_cpu_idle(prev_cpu) ? prev_cpu : -EBUSY;

	masks = cell_masks(cell);
	if (masks) {
		if (cell_primary_partial[cell_index(cell)]) {
			cpus = (const struct cpumask *)masks->primary;
			if (cpus) {
				cpu = select_cpu_and(p, prev_cpu, flags, cpus, 0);
				if (cpu >= 0)
					return cpu;
			}
		}
		cpus = (const struct cpumask *)masks->cpus;
		if (cpus) {
			cpu = select_cpu_and(p, prev_cpu, flags, cpus, 0);
			if (cpu >= 0 || tctx->covered)
				return cpu;
		}
	}
	return select_cpu_and(p, prev_cpu, flags, p->cpus_ptr, 0);
}

/*
 * Wake an idle CPU that may run @p, which was just queued: otherwise the
 * task waits for a busy CPU to finish its slice while another one idles.
 */
static __always_inline void kick_idle_cpu(struct task_struct *p, struct task_ctx *tctx, u32 cell,
					  s32 prev_cpu)
{
	s32 cpu = pick_idle_cpu(p, tctx, cell, prev_cpu, 0);

	if (cpu >= 0)
		scx_bpf_kick_cpu(cpu, KICK_IDLE);
}

/*
 * Should @p, running on @cpu in its cell, move rather than renew its slice
 * here? Yes when its SMT sibling is busy while a whole core of the cell is
 * idle, or when @cpu is not primary while a primary CPU of the cell is
 * idle. ops.enqueue() (with SCX_ENQ_LAST) then picks the better CPU. Tasks
 * that may not use all of their cell stay on the CPU they have.
 */
static __always_inline bool should_move(struct task_struct *p, struct task_ctx *tctx, u32 cell,
					s32 cpu)
{
	struct cell_cpumasks *masks = cell_masks(cell);
	const struct cpumask *idle, *cpus;
	bool move = false;
	s32 sibling;

	if (p->nr_cpus_allowed == 1 || !tctx->covered || !masks)
		return false;
	sibling = cpu_sibling_of(cpu);
	cpus = (const struct cpumask *)masks->cpus;
	if (smt_enabled && sibling >= 0 && cpus) {
		idle = scx_bpf_get_idle_cpumask();
		if (!bpf_cpumask_test_cpu(sibling, idle)) {
			const struct cpumask *idle_cores = scx_bpf_get_idle_smtmask();

			move = bpf_cpumask_intersects(idle_cores, cpus);
			scx_bpf_put_idle_cpumask(idle_cores);
		}
		scx_bpf_put_idle_cpumask(idle);
		if (move)
			return true;
	}
	if (cell_primary_partial[cell_index(cell)]) {
		cpus = (const struct cpumask *)masks->primary;
		if (cpus && !bpf_cpumask_test_cpu(cpu, cpus)) {
			idle = scx_bpf_get_idle_cpumask();
			move = bpf_cpumask_intersects(cpus, idle);
			scx_bpf_put_idle_cpumask(idle);
		}
	}
	return move;
}

#endif
