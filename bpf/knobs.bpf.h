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

/* Topology: the shared queue of each CPU (its NUMA node, or 0 for all with
 * --disable-numa) and its SMT sibling (-1: none). */
const volatile u32 nr_queues = 1;
const volatile u8 cpu_queue[CELLFLASH_MAX_CPUS];
const volatile s16 cpu_sibling[CELLFLASH_MAX_CPUS];

#define dbg(fmt, args...)						\
	do {								\
		if (debug)						\
			bpf_printk("cellflash: " fmt, ##args);		\
	} while (0)

#endif
