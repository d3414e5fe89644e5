/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Types shared by the BPF scheduler and cellflashd. Plain __u64-style types
 * only: the BPF side gets them from vmlinux.h, the daemon from <linux/types.h>.
 */
#ifndef CELLFLASH_INTF_H
#define CELLFLASH_INTF_H

#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define CELLFLASH_OPS_NAME	"cellflash"
#define CELLFLASH_MAX_CPUS	512	/* a power of two: indexes are masked with it */
#define CELLFLASH_MAX_CELLS	64	/* cell 0 included; a power of two too */
#define CELLFLASH_MAX_DOMAINS	16	/* NUMA nodes, or LLCs with --enable-llc-awareness */
#define DEBUG_EVENTS_LEN	4096	/* --debug-events: a power of two */

#define EXIT_REASON_LEN		128
#define EXIT_MSG_LEN		1024

/*
 * Why the scheduler stopped, as the kernel told ops.exit(). @kind is 0 while
 * the scheduler runs and is written last, so a non-zero @kind means the rest
 * is complete.
 */
struct exit_info {
	__s32 kind;		/* enum scx_exit_kind */
	__s32 pad;
	__s64 exit_code;	/* user code | SCX_ECODE_RSN_* | SCX_ECODE_ACT_* */
	char reason[EXIT_REASON_LEN];
	char msg[EXIT_MSG_LEN];
};

/* Ring buffer record that wakes the daemon as soon as ops.exit() ran. */
struct exit_event {
	__s32 kind;
	__s32 pad;
	__s64 exit_code;
};

/*
 * Per-CPU counters, written only by their own CPU (no atomics, no shared
 * cache lines) and summed by the daemon.
 */
struct cpu_stats {
	__u64 nr_running;		/* 1 while an ext task runs here */
	__u64 nr_kthread_dispatches;	/* per-CPU kthreads sent to their CPU */
	__u64 nr_kept_running;		/* slices renewed: nothing better waited */
	__u64 nr_moved;			/* tasks sent to a better idle CPU (core, primary) */
	__u64 nr_wakeup_throttled;	/* deadlines pushed by --wakeup-throttle */
	__u64 cpuperf_target;		/* performance level last set, 0..1024 */
} __attribute__((aligned(64)));

/*
 * The daemon's requests for the primary domain and the CPU performance
 * level, applied together by the apply_power program (and ops.init).
 */
struct power_request {
	__u64 primary[CELLFLASH_MAX_CPUS / 64];	/* bitmap; empty: no preference */
	__s32 cpuperf;				/* -1: follow load, else 0..1024 */
	__u32 pad;
};

/*
 * Per-cell placement counters, one copy per CPU (a per-CPU array keyed by
 * cell). Local, CPU-queue and cell-queue decisions add up to all the
 * placements of the cell's tasks; violations and steals are counted on top.
 */
enum cell_stat {
	CELL_STAT_LOCAL,		/* straight to an idle CPU */
	CELL_STAT_CPU_QUEUE,		/* queued on one CPU: affinity does not cover the cell */
	CELL_STAT_CELL_QUEUE,		/* queued by deadline on the cell's queue */
	CELL_STAT_AFFINITY_VIOLATIONS,	/* placements of tasks that may not use all the cell's CPUs */
	CELL_STAT_STEALS,		/* tasks taken from the cell's queue of another LLC or node */
	NR_CELL_STATS,
};

struct cell_stats {
	__u64 count[NR_CELL_STATS];
};

/*
 * The daemon's cell configuration, applied by the apply_cells program (and
 * ops.init). Which cgroups own which cell is in the cell_owners map.
 */
struct cell_request {
	__u32 nr_cells;				/* highest cell id in use + 1 */
	__u32 pad;
	__u8 cpu_cell[CELLFLASH_MAX_CPUS];	/* the cell of each CPU */
};

/* --debug-events: what happened to cgroups and new tasks, in a ring. */
enum debug_event_type {
	DEBUG_EVENT_CGROUP_INIT = 1,
	DEBUG_EVENT_INIT_TASK,
	DEBUG_EVENT_CGROUP_EXIT,
};

struct debug_event {
	__u64 at_ns;		/* scx_bpf_now() */
	__u64 cgroup_id;
	__u32 type;		/* enum debug_event_type */
	__s32 pid;		/* init_task only */
};

#endif
