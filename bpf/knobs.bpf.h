/* SPDX-License-Identifier: GPL-2.0-only */
/* Settings and topology written by cellflashd before load; constant for the verifier. */
#ifndef CELLFLASH_KNOBS_BPF_H
#define CELLFLASH_KNOBS_BPF_H

const volatile u64 slice_base_ns = 700 * NSEC_PER_USEC;	/* --slice-us */
const volatile u64 slice_lag_ns = 20 * NSEC_PER_MSEC;	/* --slice-us-lag */
const volatile u64 throttle_ns;				/* --throttle-us */
const volatile bool tickless;				/* --tickless */
const volatile bool rr_sched;				/* --rr-sched */
const volatile bool wakeup_throttle;			/* --wakeup-throttle */
const volatile bool smt_enabled;			/* SMT present, no --disable-smt */
const volatile bool debug;				/* --debug */
const volatile bool llc_aware;				/* --enable-llc-awareness */
const volatile bool work_stealing;			/* --enable-work-stealing */
const volatile bool reject_multicpu_pinning;		/* --reject-multicpu-pinning */
const volatile bool debug_events_enabled;		/* --debug-events */
const volatile bool cgroup_shares = true;		/* off with --cpu-controller-disabled */

/*
 * Topology: the domain of each CPU, which every cell has a queue for (its
 * NUMA node; its LLC with --enable-llc-awareness; 0 for all with
 * --disable-numa), and its SMT sibling (-1: none).
 */
const volatile u32 nr_domains = 1;
const volatile u8 cpu_domain[CELLFLASH_MAX_CPUS];
const volatile s16 cpu_sibling[CELLFLASH_MAX_CPUS];

static __always_inline u32 cpu_domain_of(s32 cpu)
{
	const volatile u8 *dom = cpu_slot(cpu_domain, cpu);

	return dom ? *dom & (CELLFLASH_MAX_DOMAINS - 1) : 0;
}

static __always_inline s32 cpu_sibling_of(s32 cpu)
{
	const volatile s16 *sibling = cpu_slot(cpu_sibling, cpu);

	return sibling ? *sibling : -1;
}

#define dbg(fmt, args...)						\
	do {								\
		if (debug)						\
			bpf_printk("cellflash: " fmt, ##args);		\
	} while (0)

#endif
