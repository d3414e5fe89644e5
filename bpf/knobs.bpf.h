/* SPDX-License-Identifier: GPL-2.0-only */
/* Settings written by cellflashd before load; constant for the verifier. */
#ifndef CELLFLASH_KNOBS_BPF_H
#define CELLFLASH_KNOBS_BPF_H

const volatile u64 slice_base_ns = 700 * NSEC_PER_USEC;	/* --slice-us */
const volatile u64 slice_lag_ns = 20 * NSEC_PER_MSEC;	/* --slice-us-lag */

#endif
