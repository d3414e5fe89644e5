/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deadline-ordered shared queues: one per NUMA node (one for all with
 * --disable-numa), so tasks queue where they last ran. A CPU takes the
 * earliest deadline of all queues, but a task from another node must be
 * NODE_SLACK_NS earlier to be worth the lost cache and memory locality.
 * Without that, tasks that started on a busy node would get less CPU than
 * those on an idle one for as long as they run.
 */
#ifndef CELLFLASH_DSQ_BPF_H
#define CELLFLASH_DSQ_BPF_H

/* vtime (weighted ns of CPU time) a task must gain by changing node. */
#define NODE_SLACK_NS		(10 * NSEC_PER_MSEC)
#define NUMA_NO_NODE		(-1)

static __always_inline u64 cpu_dsq(s32 cpu)
{
	s32 i = cpu_index(cpu);

	return i >= 0 ? cpu_queue[i] : 0;
}

/*
 * The queue a CPU with queue @own should take from next, and the deadline
 * of its first task; false when all queues are empty.
 */
static __always_inline bool pick_queue(u64 own, u64 *ret_dsq, u64 *ret_vtime)
{
	struct task_struct *p = dsq_first(own);
	bool found = false;
	u32 q;

	if (p) {
		*ret_dsq = own;
		*ret_vtime = p->scx.dsq_vtime;
		found = true;
	}
	if (nr_queues < 2)
		return found;
	bpf_for(q, 0, nr_queues) {
		if (q == own)
			continue;
		p = dsq_first(q);
		if (p && (!found || time_before(p->scx.dsq_vtime + NODE_SLACK_NS, *ret_vtime))) {
			*ret_dsq = q;
			*ret_vtime = p->scx.dsq_vtime;
			found = true;
		}
	}
	return found;
}

/* Moves the first task this CPU may run from any queue but @skip. */
static __always_inline bool dsq_move_from_any(u64 skip)
{
	u32 q;

	bpf_for(q, 0, nr_queues)
		if (q != skip && dsq_move_to_local(q))
			return true;
	return false;
}

static __always_inline s32 create_queues(void)
{
	s32 err;
	u32 q;

	bpf_for(q, 0, nr_queues) {
		/* Queue q holds node q's tasks; with one queue, memory from anywhere. */
		err = scx_bpf_create_dsq(q, nr_queues > 1 ? (s32)q : NUMA_NO_NODE);
		if (err) {
			scx_bpf_error("failed to create queue %d: %d", q, err);
			return err;
		}
	}
	return 0;
}

#endif
