/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "util.h"

static const char *const mode_names[] = {
	[DOMAIN_AUTO] = "auto",
	[DOMAIN_TURBO] = "turbo",
	[DOMAIN_PERFORMANCE] = "performance",
	[DOMAIN_POWERSAVE] = "powersave",
	[DOMAIN_ALL] = "all",
	[DOMAIN_NONE] = "none",
	[DOMAIN_CPUS] = "cpus",
};

const char *domain_mode_to_string(enum domain_mode m)
{
	return (size_t)m < ELEMENTSOF(mode_names) ? mode_names[m] : "unknown";
}

int domain_spec_parse(const char *s, struct domain_spec *ret, char *err, size_t n)
{
	struct domain_spec spec = { .mode = DOMAIN_CPUS };
	int r;

	for (size_t i = 0; i < ELEMENTSOF(mode_names); i++)
		if (i != DOMAIN_CPUS && streq(s, mode_names[i])) {
			*ret = (struct domain_spec) { .mode = (enum domain_mode)i };
			return 0;
		}

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		r = cpumask_parse_hex(s, &spec.cpus);
	else
		r = cpumask_parse_list(s, &spec.cpus);
	if (r == -ERANGE) {
		snprintf(err, n, "'%s' names a CPU beyond %d", s, CPUMASK_MAX_CPUS - 1);
		return -EINVAL;
	}
	if (r < 0) {
		snprintf(err, n, "'%s' is not one of " DOMAIN_SYNTAX, s);
		return -EINVAL;
	}
	if (cpumask_empty(&spec.cpus)) {
		snprintf(err, n, "'%s' names no CPU (for no preference, say none)", s);
		return -EINVAL;
	}
	*ret = spec;
	return 0;
}

int domain_spec_format(const struct domain_spec *spec, char *buf, size_t n)
{
	int r;

	if (spec->mode == DOMAIN_CPUS) {
		r = cpumask_format_list(&spec->cpus, buf, n);
		return r < 0 ? r : 0;
	}
	if ((size_t)snprintf(buf, n, "%s", domain_mode_to_string(spec->mode)) >= n)
		return -ENOBUFS;
	return 0;
}

int domain_spec_check(const struct domain_spec *spec, const struct topology *t, char *err, size_t n)
{
	struct cpumask extra;
	char list[64], have[64];

	if (spec->mode != DOMAIN_CPUS || cpumask_subset(&spec->cpus, &t->possible))
		return 0;
	for (size_t i = 0; i < ELEMENTSOF(extra.bits); i++)
		extra.bits[i] = spec->cpus.bits[i] & ~t->possible.bits[i];
	if (cpumask_format_list(&extra, list, sizeof(list)) < 0)
		snprintf(list, sizeof(list), "...");
	if (cpumask_format_list(&t->possible, have, sizeof(have)) < 0)
		snprintf(have, sizeof(have), "...");
	snprintf(err, n, "CPU %s does not exist (this machine has CPUs %s)", list, have);
	return -EINVAL;
}

/*
 * CPUs differ in class when the fastest has at least 1.3 times the capacity
 * of the slowest (as scx's topology code judges big.LITTLE). Little CPUs are
 * those below the midpoint. Turbo CPUs are the big ones with the highest
 * capacity or, when those are equal, the highest maximum frequency.
 */
void cpu_classes_of(const struct topology *t, struct cpu_classes *ret)
{
	uint32_t cap_min = UINT32_MAX, cap_max = 0;
	uint64_t freq_max = 0;
	bool cap_differs = false, freq_differs = false;
	unsigned cpu;

	*ret = (struct cpu_classes) {};
	cpumask_for_each(cpu, &t->possible) {
		cap_min = t->capacity[cpu] < cap_min ? t->capacity[cpu] : cap_min;
		cap_max = t->capacity[cpu] > cap_max ? t->capacity[cpu] : cap_max;
		freq_max = t->max_freq_khz[cpu] > freq_max ? t->max_freq_khz[cpu] : freq_max;
	}
	ret->hybrid = cap_min > 0 && (uint64_t)cap_max * 10 >= (uint64_t)cap_min * 13;

	cpumask_for_each(cpu, &t->possible) {
		bool little = ret->hybrid && (uint64_t)t->capacity[cpu] * 2 < (uint64_t)cap_min + cap_max;

		cpumask_set(little ? &ret->little : &ret->big, cpu);
		if (!ret->hybrid)
			cpumask_set(&ret->little, cpu);
	}
	cpumask_for_each(cpu, &ret->big) {
		cap_differs |= t->capacity[cpu] != cap_max;
		freq_differs |= t->max_freq_khz[cpu] != freq_max;
	}
	cpumask_for_each(cpu, &ret->big)
		if (cap_differs ? t->capacity[cpu] == cap_max :
		    freq_differs ? t->max_freq_khz[cpu] == freq_max : true)
			cpumask_set(&ret->turbo, cpu);
}

void domain_resolve(const struct domain_spec *spec, enum power_profile profile,
		    const struct topology *t, struct domain *ret)
{
	struct cpu_classes classes;
	enum domain_mode mode = spec->mode;

	if (mode == DOMAIN_AUTO)
		mode = profile == POWER_PROFILE_POWER_SAVER || profile == POWER_PROFILE_BALANCED_POWER ?
		       DOMAIN_POWERSAVE : DOMAIN_ALL;

	cpu_classes_of(t, &classes);
	*ret = (struct domain) { .mode = mode };
	switch (mode) {
	case DOMAIN_TURBO:
		ret->cpus = classes.turbo;
		break;
	case DOMAIN_PERFORMANCE:
		ret->cpus = classes.big;
		break;
	case DOMAIN_POWERSAVE:
		ret->cpus = classes.little;
		break;
	case DOMAIN_CPUS:
		ret->cpus = spec->cpus;
		break;
	case DOMAIN_NONE:
		break;
	default:
		ret->cpus = t->possible;
		break;
	}
	cpumask_and(&ret->cpus, &ret->cpus, &t->possible);
}

int cpufreq_level(const struct domain *d, bool cpufreq)
{
	if (d->mode == DOMAIN_POWERSAVE)
		return CPUFREQ_LEVEL_MIN;
	return cpufreq ? CPUFREQ_LEVEL_AUTO : CPUFREQ_LEVEL_MAX;
}
