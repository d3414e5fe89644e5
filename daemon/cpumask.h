/* SPDX-License-Identifier: GPL-2.0-only */
/* CPU sets and their text forms: CPU lists ("0-3,8") and hex masks ("0xff"). */
#ifndef CELLFLASH_CPUMASK_H
#define CELLFLASH_CPUMASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../bpf/intf.h"

#define CPUMASK_MAX_CPUS CELLFLASH_MAX_CPUS

struct cpumask {
	uint64_t bits[CPUMASK_MAX_CPUS / 64];
};

static inline void cpumask_set(struct cpumask *m, unsigned cpu)
{
	if (cpu < CPUMASK_MAX_CPUS)
		m->bits[cpu / 64] |= 1ULL << (cpu % 64);
}

static inline void cpumask_clear_cpu(struct cpumask *m, unsigned cpu)
{
	if (cpu < CPUMASK_MAX_CPUS)
		m->bits[cpu / 64] &= ~(1ULL << (cpu % 64));
}

static inline bool cpumask_test(const struct cpumask *m, unsigned cpu)
{
	return cpu < CPUMASK_MAX_CPUS && (m->bits[cpu / 64] >> (cpu % 64)) & 1;
}

unsigned cpumask_weight(const struct cpumask *m);
bool cpumask_empty(const struct cpumask *m);
bool cpumask_equal(const struct cpumask *a, const struct cpumask *b);
bool cpumask_subset(const struct cpumask *a, const struct cpumask *b);
void cpumask_and(struct cpumask *dst, const struct cpumask *a, const struct cpumask *b);
void cpumask_or(struct cpumask *dst, const struct cpumask *a, const struct cpumask *b);
/* The first CPU in @m at or after @cpu, or CPUMASK_MAX_CPUS. */
unsigned cpumask_next(const struct cpumask *m, unsigned cpu);

#define cpumask_for_each(cpu, m) \
	for ((cpu) = cpumask_next((m), 0); (cpu) < CPUMASK_MAX_CPUS; (cpu) = cpumask_next((m), (cpu) + 1))

/*
 * "0-3,8,10-11" (the kernel's cpulist format; "" is the empty set).
 * -EINVAL on bad syntax, -ERANGE for a CPU >= CPUMASK_MAX_CPUS.
 */
int cpumask_parse_list(const char *s, struct cpumask *ret);
/* "0xff", "ff" or sysfs's comma-separated 32-bit groups "ff,ffffffff". */
int cpumask_parse_hex(const char *s, struct cpumask *ret);
/* Room for any CPU list: every other CPU, "0,2,...,510", is the longest. */
#define CPULIST_MAX	(CPUMASK_MAX_CPUS * 2)
/* Write @m as a CPU list; returns the length, or -ENOBUFS if @n is too small. */
int cpumask_format_list(const struct cpumask *m, char *buf, size_t n);
/* Write @m as "0x..." without leading zeros ("0x0" when empty). */
int cpumask_format_hex(const struct cpumask *m, char *buf, size_t n);

#endif
