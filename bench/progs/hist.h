/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Latency histograms for the bench probes: 1 us buckets up to HIST_MAX_US,
 * one overflow bucket above, the exact maximum kept aside. One per thread
 * (no shared cache lines on the measured path), merged at the end.
 */
#ifndef BENCH_HIST_H
#define BENCH_HIST_H

#include <stdint.h>
#include <stdio.h>

/* 100 ms: TCG wakeups beyond that are stalls, counted but not resolved. */
#define HIST_MAX_US	100000

struct hist {
	uint64_t count;
	uint64_t sum_us;
	uint64_t max_us;
	uint32_t bucket[HIST_MAX_US + 1];	/* the last one: >= HIST_MAX_US */
};

struct hist *hist_new(void);
void hist_add(struct hist *h, uint64_t us);
void hist_merge(struct hist *into, const struct hist *from);
/* The smallest value with at least @pct percent of the samples at or below it. */
uint64_t hist_percentile(const struct hist *h, double pct);
/* "p50=N p90=N p99=N p999=N max=N samples=N" (us), for the guest's records. */
void hist_print(FILE *f, const char *prefix, const struct hist *h);

#endif
