/* SPDX-License-Identifier: GPL-2.0-only */
/* Per-CPU state, written only by its own CPU. */
#ifndef CELLFLASH_CPU_BPF_H
#define CELLFLASH_CPU_BPF_H

struct cpu_ctx {
	u64 running_since;	/* when the current task started running */
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
