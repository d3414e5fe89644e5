/* SPDX-License-Identifier: GPL-2.0-only */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cpumask.h"
#include "util.h"

unsigned cpumask_weight(const struct cpumask *m)
{
	unsigned n = 0;

	for (size_t i = 0; i < ELEMENTSOF(m->bits); i++)
		n += __builtin_popcountll(m->bits[i]);
	return n;
}

bool cpumask_empty(const struct cpumask *m)
{
	for (size_t i = 0; i < ELEMENTSOF(m->bits); i++)
		if (m->bits[i])
			return false;
	return true;
}

bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{
	return memcmp(a->bits, b->bits, sizeof(a->bits)) == 0;
}

bool cpumask_subset(const struct cpumask *a, const struct cpumask *b)
{
	for (size_t i = 0; i < ELEMENTSOF(a->bits); i++)
		if (a->bits[i] & ~b->bits[i])
			return false;
	return true;
}

void cpumask_and(struct cpumask *dst, const struct cpumask *a, const struct cpumask *b)
{
	for (size_t i = 0; i < ELEMENTSOF(dst->bits); i++)
		dst->bits[i] = a->bits[i] & b->bits[i];
}

void cpumask_or(struct cpumask *dst, const struct cpumask *a, const struct cpumask *b)
{
	for (size_t i = 0; i < ELEMENTSOF(dst->bits); i++)
		dst->bits[i] = a->bits[i] | b->bits[i];
}

unsigned cpumask_next(const struct cpumask *m, unsigned cpu)
{
	while (cpu < CPUMASK_MAX_CPUS) {
		uint64_t word = m->bits[cpu / 64] >> (cpu % 64);

		if (word)
			return cpu + __builtin_ctzll(word);
		cpu = (cpu / 64 + 1) * 64;
	}
	return CPUMASK_MAX_CPUS;
}

/* A decimal CPU number at *@s; advances @s. */
static int parse_cpu(const char **s, unsigned *ret)
{
	unsigned long v = 0;
	const char *p = *s;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	for (; isdigit((unsigned char)*p); p++) {
		v = v * 10 + (unsigned long)(*p - '0');
		if (v >= CPUMASK_MAX_CPUS)
			return -ERANGE;
	}
	*s = p;
	*ret = (unsigned)v;
	return 0;
}

int cpumask_parse_list(const char *s, struct cpumask *ret)
{
	struct cpumask m = {};
	int r;

	while (isspace((unsigned char)*s))
		s++;
	while (*s && !isspace((unsigned char)*s)) {
		unsigned lo, hi;

		r = parse_cpu(&s, &lo);
		if (r < 0)
			return r;
		hi = lo;
		if (*s == '-') {
			s++;
			r = parse_cpu(&s, &hi);
			if (r < 0)
				return r;
			if (hi < lo)
				return -EINVAL;
		}
		for (unsigned cpu = lo; cpu <= hi; cpu++)
			cpumask_set(&m, cpu);
		if (*s == ',' && s[1] && s[1] != ',')
			s++;
		else if (*s && !isspace((unsigned char)*s))
			return -EINVAL;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s)
		return -EINVAL;
	*ret = m;
	return 0;
}

int cpumask_parse_hex(const char *s, struct cpumask *ret)
{
	struct cpumask m = {};
	unsigned bit = 0, ndigits = 0;
	size_t len;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	len = strlen(s);
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return -EINVAL;

	/* From the least significant digit; commas separate 32-bit groups. */
	for (size_t i = len; i-- > 0;) {
		char c = s[i];
		unsigned v;

		if (c == ',') {
			if (ndigits == 0 || bit % 32 || i == 0)
				return -EINVAL;
			continue;
		}
		if (!isxdigit((unsigned char)c))
			return -EINVAL;
		v = isdigit((unsigned char)c) ? (unsigned)(c - '0') : (unsigned)(tolower(c) - 'a' + 10);
		for (unsigned b = 0; b < 4; b++, bit++)
			if (v & (1u << b)) {
				if (bit >= CPUMASK_MAX_CPUS)
					return -ERANGE;
				cpumask_set(&m, bit);
			}
		ndigits++;
	}
	*ret = m;
	return 0;
}

int cpumask_format_list(const struct cpumask *m, char *buf, size_t n)
{
	size_t len = 0;
	unsigned cpu;

	if (n == 0)
		return -ENOBUFS;
	buf[0] = 0;
	cpumask_for_each(cpu, m) {
		unsigned end = cpu;
		int w;

		while (end + 1 < CPUMASK_MAX_CPUS && cpumask_test(m, end + 1))
			end++;
		if (end == cpu)
			w = snprintf(buf + len, n - len, "%s%u", len ? "," : "", cpu);
		else
			w = snprintf(buf + len, n - len, "%s%u-%u", len ? "," : "", cpu, end);
		if (w < 0 || (size_t)w >= n - len)
			return -ENOBUFS;
		len += (size_t)w;
		cpu = end;
	}
	return (int)len;
}

int cpumask_format_hex(const struct cpumask *m, char *buf, size_t n)
{
	size_t len;
	int top = -1;

	for (int cpu = CPUMASK_MAX_CPUS - 1; cpu >= 0; cpu--)
		if (cpumask_test(m, (unsigned)cpu)) {
			top = cpu;
			break;
		}
	if (n < 4)
		return -ENOBUFS;
	memcpy(buf, "0x", 2);
	len = 2;
	for (int nib = top < 0 ? 0 : top / 4; nib >= 0; nib--) {
		unsigned v = (unsigned)(m->bits[nib * 4 / 64] >> (nib * 4 % 64)) & 0xf;

		if (len + 1 >= n)
			return -ENOBUFS;
		buf[len++] = "0123456789abcdef"[v];
	}
	buf[len] = 0;
	return (int)len;
}
