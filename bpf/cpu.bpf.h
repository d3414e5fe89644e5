/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU state, written only under its CPU's run-queue lock, except
 * preempt_pending, which other CPUs set (preempt.bpf.h).
 */
#ifndef CELLFLASH_CPU_BPF_H
#define CELLFLASH_CPU_BPF_H

struct cpu_ctx {
	u64 running_since;	/* when the current task started running */
	/* The task running here, for wakeup preemption (preempt.bpf.h). */
	u64 run_vtime;		/* its vtime when it started running */
	u64 run_weight;		/* its share weight then (fixed-point) */
	u64 run_slice;		/* its slice */
	u64 slice_started_at;	/* when it started or renewed its slice */
	bool run_tracked;	/* the above describe the running task */
	bool preempt_pending;	/* kicked to preempt it; cleared when it reschedules */
	/* Load tracking for --cpufreq. */
	u64 busy_ns;		/* time ext tasks ran here */
	u64 load_checked_at;
	u64 load_busy_ns;	/* busy_ns when last checked */
	u32 load;		/* smoothed utilisation, 0..1024 */
	u32 cell;		/* the cell this CPU runs, set by apply_cells() */
	bool cell_changed;	/* by apply_cells(), which kicks it then */
} __attribute__((aligned(64)));

static struct cpu_ctx cpu_ctxs[CELLFLASH_MAX_CPUS];

static __always_inline struct cpu_ctx *cpu_ctx_of(s32 cpu)
{
	return cpu_slot(cpu_ctxs, cpu);
}

static __always_inline u32 cpu_cell(s32 cpu)
{
	struct cpu_ctx *cctx = cpu_ctx_of(cpu);

	return cctx ? cctx->cell & (CELLFLASH_MAX_CELLS - 1) : 0;
}

#endif
