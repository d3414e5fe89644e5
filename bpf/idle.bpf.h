/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Idle CPU selection, through the kernel's built-in idle tracking: it
 * prefers a whole idle SMT core (the previous CPU's, then one in the same
 * LLC, node, system), then the previous CPU, then any idle CPU, and claims
 * the CPU it returns.
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
static __always_inline s32 pick_idle_cpu(struct task_struct *p, s32 prev_cpu, u64 wake_flags)
{
	return select_cpu_and(p, prev_cpu, wake_flags & ~WAKE_SYNC, p->cpus_ptr, 0);
}

/*
 * Wake an idle CPU that may run @p, which was just queued: otherwise the
 * task waits for a busy CPU to finish its slice while another one idles.
 */
static __always_inline void kick_idle_cpu(const struct task_struct *p)
{
	s32 cpu = scx_bpf_pick_idle_cpu(p->cpus_ptr, 0);

	if (cpu >= 0)
		scx_bpf_kick_cpu(cpu, KICK_IDLE);
}

#endif
