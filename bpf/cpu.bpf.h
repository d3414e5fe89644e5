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
} __attribute__((aligned(64)));

static struct cpu_ctx cpu_ctxs[CELLFLASH_MAX_CPUS];

static __always_inline struct cpu_ctx *cpu_ctx_of(s32 cpu)
{
	s32 i = cpu_index(cpu);

	return i >= 0 ? &cpu_ctxs[i] : NULL;
}

static __always_inline struct cpu_ctx *this_cpu_ctx(void)
{
	return cpu_ctx_of(bpf_get_smp_processor_id());
}

#endif
