/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * --debug-events: a ring of the last DEBUG_EVENTS_LEN cgroup and task
 * initialisations and cgroup exits, printed in the scheduler's debug dump
 * (on an error exit, or with SysRq-D) and readable with
 * "bpftool map dump name debug_events" (slot debug_events_next % LEN is the
 * oldest once the ring has wrapped).
 */
#ifndef CELLFLASH_DEBUG_EVENTS_BPF_H
#define CELLFLASH_DEBUG_EVENTS_BPF_H

/* The most recent events the dump shows: a dump has a few KiB to spare. */
#define DEBUG_EVENTS_DUMPED	64

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, DEBUG_EVENTS_LEN);
	__type(key, u32);
	__type(value, struct debug_event);
} debug_events SEC(".maps");

/* Events recorded so far; the next one goes to this slot modulo the length. */
u64 debug_events_next;

static __always_inline void debug_event(u32 type, u64 cgroup_id, s32 pid)
{
	struct debug_event *ev;
	u32 slot;

	if (!debug_events_enabled)
		return;
	slot = __sync_fetch_and_add(&debug_events_next, 1) & (DEBUG_EVENTS_LEN - 1);
	ev = bpf_map_lookup_elem(&debug_events, &slot);
	if (!ev)
		return;
	ev->at_ns = scx_bpf_now();
	ev->cgroup_id = cgroup_id;
	ev->type = type;
	ev->pid = pid;
}

static __always_inline void dump_debug_events(void)
{
	u64 next = debug_events_next;
	u32 i;

	if (!debug_events_enabled)
		return;
	scx_bpf_dump("debug events: %llu recorded, the last %d:", next, DEBUG_EVENTS_DUMPED);
	bpf_for(i, 0, DEBUG_EVENTS_DUMPED) {
		u32 slot = (u32)(next - DEBUG_EVENTS_DUMPED + i) & (DEBUG_EVENTS_LEN - 1);
		struct debug_event *ev;

		if (next < DEBUG_EVENTS_DUMPED - i)
			continue;
		ev = bpf_map_lookup_elem(&debug_events, &slot);
		if (!ev)
			continue;
		if (ev->type == DEBUG_EVENT_CGROUP_INIT)
			scx_bpf_dump("  %llu cgroup_init cgroup %llu", ev->at_ns, ev->cgroup_id);
		else if (ev->type == DEBUG_EVENT_INIT_TASK)
			scx_bpf_dump("  %llu init_task cgroup %llu pid %d", ev->at_ns, ev->cgroup_id, ev->pid);
		else if (ev->type == DEBUG_EVENT_CGROUP_EXIT)
			scx_bpf_dump("  %llu cgroup_exit cgroup %llu", ev->at_ns, ev->cgroup_id);
	}
}

#endif
