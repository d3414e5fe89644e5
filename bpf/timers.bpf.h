/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Periodic work: --tickless preempts tasks that ran a full slice while others
 * wait; --throttle-us idles every CPU for a while after each slice of work.
 */
#ifndef CELLFLASH_TIMERS_BPF_H
#define CELLFLASH_TIMERS_BPF_H

#define TICKLESS_INTERVAL_NS	(10 * NSEC_PER_MSEC)

enum timer_id {
	TIMER_TICKLESS,
	TIMER_THROTTLE,
	NR_TIMERS,
};

struct periodic_timer {
	struct bpf_timer timer;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NR_TIMERS);
	__type(key, u32);
	__type(value, struct periodic_timer);
} timers SEC(".maps");

/* While set, CPUs run nothing but per-CPU kthreads. */
bool cpus_throttled;

static __always_inline void kick_all_cpus(u64 flags)
{
	u32 cpu, nr_cpus = scx_bpf_nr_cpu_ids();

	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		if (cpu >= nr_cpus)
			break;
		scx_bpf_kick_cpu(cpu, flags);
	}
}

/* Preempts CPUs whose task has run a whole slice while work waits for them. */
static int tickless_timerfn(void *map, int *key, struct bpf_timer *timer)
{
	u32 cpu, nr_cpus = scx_bpf_nr_cpu_ids();
	u64 now = scx_bpf_now();

	bpf_for(cpu, 0, CELLFLASH_MAX_CPUS) {
		struct cpu_stats *stats;
		struct cpu_ctx *cctx;

		if (cpu >= nr_cpus)
			break;
		cctx = cpu_ctx_of(cpu);
		stats = cpu_stats_of(cpu);
		if (!cctx || !stats || !stats->nr_running || now - cctx->running_since < slice_base_ns)
			continue;
		/* Also tasks only this CPU's dispatch would find: of cells without
		 * CPUs, or of its cell's domains without CPUs of the cell. */
		if (scx_bpf_dsq_nr_queued(DSQ_LOCAL_ON | cpu) > 0 ||
		    scx_bpf_dsq_nr_queued(cpu_dsq(cpu)) > 0 ||
		    scx_bpf_dsq_nr_queued(cell_dsq(cpu_cell(cpu), cpu_domain_of(cpu))) > 0 ||
		    orphan_cells || cell_has_stranded(cpu_cell(cpu))) {
			dbg("tickless: preempting CPU %u", cpu);
			scx_bpf_kick_cpu(cpu, KICK_PREEMPT);
		}
	}
	if (bpf_timer_start(timer, TICKLESS_INTERVAL_NS, 0))
		scx_bpf_error("cannot re-arm the tickless timer");
	return 0;
}

/* Alternates slice_base_ns of running with throttle_ns of idling. */
static int throttle_timerfn(void *map, int *key, struct bpf_timer *timer)
{
	bool throttle = !cpus_throttled;

	cpus_throttled = throttle;
	kick_all_cpus(throttle ? KICK_PREEMPT : KICK_IDLE);
	if (bpf_timer_start(timer, throttle ? throttle_ns : slice_base_ns, 0))
		scx_bpf_error("cannot re-arm the throttle timer");
	return 0;
}

static __always_inline s32 start_timer(u32 id, void *fn, u64 delay)
{
	struct periodic_timer *t = bpf_map_lookup_elem(&timers, &id);
	s32 err;

	if (!t)
		return -ENOENT;
	err = bpf_timer_init(&t->timer, &timers, CLOCK_MONOTONIC);
	if (!err)
		err = bpf_timer_set_callback(&t->timer, fn);
	if (!err)
		err = bpf_timer_start(&t->timer, delay, 0);
	if (err)
		scx_bpf_error("cannot start timer %u: %d", id, err);
	return err;
}

static __always_inline s32 start_timers(void)
{
	s32 err = 0;

	if (tickless)
		err = start_timer(TIMER_TICKLESS, tickless_timerfn, TICKLESS_INTERVAL_NS);
	if (!err && throttle_ns)
		err = start_timer(TIMER_THROTTLE, throttle_timerfn, slice_base_ns);
	return err;
}

#endif
