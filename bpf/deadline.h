/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Weight, time-slice and deadline arithmetic. Pure functions with no kernel
 * calls, so the same code is compiled into the BPF scheduler and into the
 * host unit tests (tests/unit/test-deadline.c). Times are in ns.
 *
 * Weights follow sched_ext: 100 is nice 0 (p->scx.weight is 1..10000) and
 * 100 is the default cgroup cpu.weight.
 */
#ifndef CELLFLASH_DEADLINE_H
#define CELLFLASH_DEADLINE_H

#define WEIGHT_DFL		100ULL
#define NSEC_PER_USEC		1000ULL
#define NSEC_PER_MSEC		1000000ULL
/* Wakeup frequency is counted per 100 ms and capped: beyond that, more
 * wakeups say nothing new about how interactive a task is. */
#define WAKEUP_FREQ_PERIOD	(100 * NSEC_PER_MSEC)
#define WAKEUP_FREQ_MAX		100ULL
/* A slice never shrinks below this, whatever the weight: context switches
 * would cost more than they buy. */
#define SLICE_MIN_NS		(20 * NSEC_PER_USEC)
/* --wakeup-throttle: tasks that run less than this per wakeup are storms. */
#define WAKEUP_STORM_NS		(10 * NSEC_PER_USEC)

static inline int time_before(__u64 a, __u64 b)
{
	return (__s64)(a - b) < 0;
}

static inline __u64 max_u64(__u64 a, __u64 b)
{
	return a > b ? a : b;
}

static inline __u64 min_u64(__u64 a, __u64 b)
{
	return a < b ? a : b;
}

/* Exponentially weighted moving average, new samples weigh 1/4. */
static inline __u64 ewma(__u64 old, __u64 sample)
{
	return old - (old >> 2) + (sample >> 2);
}

/* The task's nice weight scaled by its cgroup's cpu.weight: sets its slice. */
static inline __u64 task_weight(__u32 nice_weight, __u32 cgroup_weight)
{
	__u64 w = (__u64)nice_weight * cgroup_weight / WEIGHT_DFL;

	return w ? w : 1;
}

/*
 * Share weights, which vtime is charged by, are fixed-point with
 * WEIGHT_SHIFT fractional bits: a cgroup's weight split among many tasks
 * stays exact enough (100 split 64 ways is 1.5625, not 1).
 */
#define WEIGHT_SHIFT		10

/*
 * A task's share of its cgroup's cpu.weight: the cgroup's weight split among
 * its runnable tasks in proportion to their nice weights (@nice_sum: theirs
 * summed, this task's included), so the cgroup as a whole weighs what its
 * cpu.weight says, however many tasks it runs. Fixed-point (WEIGHT_SHIFT).
 */
static inline __u64 task_share_weight(__u32 nice_weight, __u32 cgroup_weight, __u64 nice_sum)
{
	__u64 w;

	if (nice_sum < nice_weight)
		nice_sum = nice_weight;
	w = ((__u64)cgroup_weight * nice_weight << WEIGHT_SHIFT) / (nice_sum ? nice_sum : 1);
	return w ? w : 1;
}

/* A fixed-point share weight in plain weight units, at least 1. */
static inline __u64 share_weight_units(__u64 share)
{
	__u64 w = share >> WEIGHT_SHIFT;

	return w ? w : 1;
}

/*
 * The slice a task may run before the next scheduling decision: the base
 * slice scaled by weight, kept within [base/8, base*8] so niced tasks do
 * not thrash and favoured ones cannot hog a CPU for long.
 */
static inline __u64 task_slice_ns(__u64 slice_base, __u64 weight)
{
	__u64 lo = max_u64(slice_base / 8, SLICE_MIN_NS);
	__u64 hi = slice_base * 8;
	__u64 s = slice_base * weight / WEIGHT_DFL;

	return s < lo ? lo : s > hi ? hi : s;
}

/* vtime a task is charged for running @used_ns: heavier tasks age slower. */
static inline __u64 vtime_charge(__u64 used_ns, __u64 weight)
{
	return used_ns * WEIGHT_DFL / weight;
}

/* The same for a fixed-point share weight (task_share_weight()). */
static inline __u64 vtime_charge_share(__u64 used_ns, __u64 share)
{
	const __u64 k = (__u64)WEIGHT_DFL << WEIGHT_SHIFT;

	if (!share)
		share = 1;
	/* Split, so that a run of days (tickless, never stopped) cannot overflow. */
	return used_ns / share * k + used_ns % share * k / share;
}

/* Wakeups per WAKEUP_FREQ_PERIOD, smoothed, after a wakeup @delta_ns after
 * the previous one. */
static inline __u64 wakeup_freq_update(__u64 freq, __u64 delta_ns)
{
	__u64 sample = WAKEUP_FREQ_PERIOD / max_u64(delta_ns, 1);

	return min_u64(ewma(freq, min_u64(sample, WAKEUP_FREQ_MAX)), WAKEUP_FREQ_MAX);
}

/*
 * The deadline a task queues with: its vtime, but no further behind the
 * global vtime than the sleep credit it earned. The credit is slice_lag per
 * unit of wakeup frequency (at least one), scaled by weight, so a task that
 * wakes often and runs briefly runs ahead of CPU hogs, while a task that
 * slept for long cannot come back with an unbounded lead.
 */
static inline __u64 task_deadline(__u64 vtime, __u64 vtime_now, __u64 slice_lag,
				  __u64 wakeup_freq, __u64 weight)
{
	__u64 credit = slice_lag * max_u64(wakeup_freq, 1) * weight / WEIGHT_DFL;
	__u64 vtime_min = vtime_now > credit ? vtime_now - credit : 0;

	return time_before(vtime, vtime_min) ? vtime_min : vtime;
}

/*
 * --wakeup-throttle: a task that wakes often but runs only a few us each
 * time (a wakeup storm, e.g. stress-ng --sleep 0) would keep the maximum
 * sleep credit; it is charged one slice_lag on top.
 */
static inline int is_wakeup_storm(__u64 avg_runtime_ns)
{
	return avg_runtime_ns && avg_runtime_ns < WAKEUP_STORM_NS;
}

#endif
