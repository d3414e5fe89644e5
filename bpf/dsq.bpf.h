/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deadline-ordered shared queues: one per NUMA node, so tasks queue where
 * they last ran and CPUs take work from their own node.
 */
#ifndef CELLFLASH_DSQ_BPF_H
#define CELLFLASH_DSQ_BPF_H

static __always_inline u64 node_dsq(s32 cpu)
{
	return (u64)scx_bpf_cpu_node(cpu);
}

static __always_inline s32 create_node_dsqs(void)
{
	u32 nr_nodes = scx_bpf_nr_node_ids();
	s32 err;
	u32 node;

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
