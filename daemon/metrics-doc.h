/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every metric the daemon exports, once: its D-Bus name (a property and a
 * GetMetrics key), its JSON name (cellflashctl --json), where it lives in
 * struct metrics, and what it means (cellflashd --help-stats).
 */
#ifndef CELLFLASH_METRICS_DOC_H
#define CELLFLASH_METRICS_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "metrics.h"

struct metric_doc {
	const char *name;		/* D-Bus: "NrRunning" */
	const char *json;		/* JSON: "nr_running" */
	size_t offset;			/* of the uint64_t in struct metrics */
	bool counter;			/* true: counts up from attach; false: a gauge */
	const char *description;
};

extern const struct metric_doc metric_docs[];
extern const size_t metric_docs_len;

const struct metric_doc *metric_doc_find(const char *name);
static inline uint64_t metric_value(const struct metrics *m, const struct metric_doc *d)
{
	return *(const uint64_t *)((const char *)m + d->offset);
}
static inline void metric_set(struct metrics *m, const struct metric_doc *d, uint64_t v)
{
	*(uint64_t *)((char *)m + d->offset) = v;
}

/* cellflashd --help-stats: every metric and the other GetMetrics keys. */
void metrics_print_help(FILE *f);

#endif
