/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deadline-ordered shared queues: one per NUMA node, so tasks queue where
 * they last ran. A CPU takes the earliest deadline of all queues, but a task
 * from another node must be NODE_SLACK_NS earlier to be worth the lost
 * cache and memory locality. Without that, tasks that started on a busy
 * node would get less CPU than those on an idle one for as long as they run.
 */
#ifndef CELLFLASH_DSQ_BPF_H
#define CELLFLASH_DSQ_BPF_H

/* vtime (weighted ns of CPU time) a task must gain by changing node. */
#define NODE_SLACK_NS		(10 * NSEC_PER_MSEC)

static u32 nr_nodes;

static __always_inline u64 node_dsq(s32 cpu)
{
	return (u64)scx_bpf_cpu_node(cpu);
}

/*
 * The queue a CPU of node @own should take from next, and the deadline of
 * its first task; false when all queues are empty.
 */
static __always_inline bool pick_queue(u64 own, u64 *ret_dsq, u64 *ret_vtime)
{
	struct task_struct *p = dsq_first(own);
	bool found = false;
	u32 node;

	if (p) {
		*ret_dsq = own;
		*ret_vtime = p->scx.dsq_vtime;
		found = true;
	}
	if (nr_nodes < 2)
		return found;
	bpf_for(node, 0, nr_nodes) {
		if (node == own)
			continue;
		p = dsq_first(node);
		if (p && (!found || time_before(p->scx.dsq_vtime + NODE_SLACK_NS, *ret_vtime))) {
			*ret_dsq = node;
			*ret_vtime = p->scx.dsq_vtime;
			found = true;
		}
	}
	return found;
}

/* Moves the first task this CPU may run from any queue but @skip. */
static __always_inline bool dsq_move_from_any(u64 skip)
{
	u32 node;

	bpf_for(node, 0, nr_nodes)
		if (node != skip && dsq_move_to_local(node))
			return true;
	return false;
}

static __always_inline s32 create_node_dsqs(void)
{
	s32 err;
	u32 node;

	nr_nodes = scx_bpf_nr_node_ids();
	bpf_for(node, 0, nr_nodes) {
		err = scx_bpf_create_dsq(node, node);
		if (err) {
			scx_bpf_error("failed to create the queue of node %d: %d", node, err);
			return err;
		}
	}
	return 0;
}

#endif
