/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdlib.h>

#include "hist.h"

struct hist *hist_new(void)
{
	struct hist *h = calloc(1, sizeof(*h));

	if (!h) {
		perror("hist");
		exit(1);
	}
	return h;
}

void hist_add(struct hist *h, uint64_t us)
{
	h->bucket[us < HIST_MAX_US ? us : HIST_MAX_US]++;
	h->count++;
	h->sum_us += us;
	if (us > h->max_us)
		h->max_us = us;
}

void hist_merge(struct hist *into, const struct hist *from)
{
	for (size_t i = 0; i <= HIST_MAX_US; i++)
		into->bucket[i] += from->bucket[i];
	into->count += from->count;
	into->sum_us += from->sum_us;
	if (from->max_us > into->max_us)
		into->max_us = from->max_us;
}

uint64_t hist_percentile(const struct hist *h, double pct)
{
	/* Rank of the sample wanted, 1-based, rounded up (nearest-rank). */
	uint64_t rank = (uint64_t)((double)h->count * pct / 100.0 + 0.999999), seen = 0;

	if (!h->count)
		return 0;
	if (rank < 1)
		rank = 1;
	for (size_t i = 0; i < HIST_MAX_US; i++) {
		seen += h->bucket[i];
		if (seen >= rank)
			return i;
	}
	/* In the overflow bucket: the maximum is the only value known. */
	return h->max_us;
}

void hist_print(FILE *f, const char *prefix, const struct hist *h)
{
	fprintf(f, "%sp50=%llu %sp90=%llu %sp99=%llu %sp999=%llu %smax=%llu %ssamples=%llu",
		prefix, (unsigned long long)hist_percentile(h, 50),
		prefix, (unsigned long long)hist_percentile(h, 90),
		prefix, (unsigned long long)hist_percentile(h, 99),
		prefix, (unsigned long long)hist_percentile(h, 99.9),
		prefix, (unsigned long long)h->max_us,
		prefix, (unsigned long long)h->count);
}
