/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The primary domain (the CPUs tasks prefer) and CPU performance levels.
 * The daemon writes a request and runs apply_power(), so a power-profile
 * change takes effect without re-attaching the scheduler. Each cell keeps
 * the primary CPUs among its own (cells.bpf.h).
 */
#ifndef CELLFLASH_POWER_BPF_H
#define CELLFLASH_POWER_BPF_H

/* Load thresholds of --cpufreq: above HIGH run at full speed, below LOW at half. */
#define CPUFREQ_LEVEL_MAX	1024
#define CPUFREQ_HIGH		768
#define CPUFREQ_LOW		256
#define CPUFREQ_CHECK_NS	(10 * NSEC_PER_MSEC)

struct power_request power_request;

/* -1: follow each CPU's load, else the level of every CPU. */
s32 cpuperf_level = CPUFREQ_LEVEL_MAX;
/* Bumped at each apply, so the daemon (and tests) can see it took effect. */
u64 power_seq;

static __always_inline void set_cpuperf(s32 cpu, u32 level)
{
	struct cpu_stats *s = cpu_stats_of(cpu);

	if (!s || s->cpuperf_target == level)
		return;
	scx_bpf_cpuperf_set(cpu, level);
	s->cpuperf_target = level;
}

/*
 * Applies power_request's CPU performance level: if fixed, to every CPU.
 * The primary CPUs are applied with the cells' masks.
 */
static __always_inline void apply_cpuperf_request(void)
{
	u32 cpu, nr_cpus = scx_bpf_nr_cpu_ids();
	const struct cpumask *online;

	cpuperf_level = power_request.cpuperf;
	if (cpuperf_level < 0)
		return;
	online = scx_bpf_get_online_cpumask();
	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		if (cpu >= nr_cpus)
			break;
		if (bpf_cpumask_test_cpu(cpu, online))
			set_cpuperf(cpu, cpuperf_level);
	}
	scx_bpf_put_cpumask(online);
}

/*
 * --cpufreq: track each CPU's utilisation (smoothed, checked at most every
 * 10 ms, when a task starts running or keeps running) and set its
 * performance level from it, with hysteresis. @running_since is when the
 * current task started, 0 if none runs.
 */
static __always_inline void update_cpuperf(s32 cpu, struct cpu_ctx *cctx, u64 now, u64 running_since)
{
	u64 elapsed = now - cctx->load_checked_at, busy, util;
	u32 level;

	if (cpuperf_level >= 0 || elapsed < CPUFREQ_CHECK_NS)
		return;
	busy = cctx->busy_ns + (running_since ? now - running_since : 0);
	util = min_u64((busy - cctx->load_busy_ns) * CPUFREQ_LEVEL_MAX / elapsed, CPUFREQ_LEVEL_MAX);
	cctx->load = (u32)ewma(cctx->load, util);
	cctx->load_checked_at = now;
	cctx->load_busy_ns = busy;

	level = cctx->load >= CPUFREQ_HIGH ? CPUFREQ_LEVEL_MAX :
		cctx->load <= CPUFREQ_LOW ? CPUFREQ_LEVEL_MAX / 2 : cctx->load;
	set_cpuperf(cpu, level);
}

#endif
