/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The primary domain: the CPUs tasks prefer until those are saturated. A
 * spec (from --primary-domain or D-Bus) names a class of CPUs or lists them;
 * resolving it against the topology and the power profile gives the CPUs.
 */
#ifndef CELLFLASH_DOMAIN_H
#define CELLFLASH_DOMAIN_H

#include <stddef.h>

#include "cpumask.h"
#include "power-profile.h"
#include "topology.h"

enum domain_mode {
	DOMAIN_AUTO,		/* powersave under a power-saving profile, else all */
	DOMAIN_TURBO,		/* the CPUs with the highest maximum frequency */
	DOMAIN_PERFORMANCE,	/* the fast (big) CPUs */
	DOMAIN_POWERSAVE,	/* the efficient (little) CPUs */
	DOMAIN_ALL,
	DOMAIN_NONE,		/* no preference */
	DOMAIN_CPUS,		/* an explicit set */
};

struct domain_spec {
	enum domain_mode mode;
	struct cpumask cpus;	/* DOMAIN_CPUS only */
};

#define DOMAIN_SYNTAX "auto, turbo, performance, powersave, all, none, a hex mask (0xff) or a CPU list (0-3,8)"

const char *domain_mode_to_string(enum domain_mode m);

/*
 * Parses @s (see DOMAIN_SYNTAX). A hex mask needs its "0x"; a bare number
 * is a CPU. Returns 0, or -EINVAL with a one-line reason in @err.
 */
int domain_spec_parse(const char *s, struct domain_spec *ret, char *err, size_t n);
/* @spec as domain_spec_parse() reads it: a mode's name or a CPU list. -ENOBUFS if @n is short. */
int domain_spec_format(const struct domain_spec *spec, char *buf, size_t n);
/* An explicit set must name only CPUs that exist here: -EINVAL with @err. */
int domain_spec_check(const struct domain_spec *spec, const struct topology *t, char *err, size_t n);

/* CPUs by performance class; on a machine without classes all are in each. */
struct cpu_classes {
	struct cpumask little, big, turbo;
	bool hybrid;
};
void cpu_classes_of(const struct topology *t, struct cpu_classes *ret);

struct domain {
	enum domain_mode mode;	/* what the spec resolved to (never AUTO) */
	struct cpumask cpus;
};

/* The CPUs @spec means on @t under @profile (the profile matters in auto mode). */
void domain_resolve(const struct domain_spec *spec, enum power_profile profile,
		    const struct topology *t, struct domain *ret);

/* Performance level for the CPUs: -1 follows load (--cpufreq), 0 minimum, 1024 maximum. */
#define CPUFREQ_LEVEL_AUTO	(-1)
#define CPUFREQ_LEVEL_MIN	0
#define CPUFREQ_LEVEL_MAX	1024
int cpufreq_level(const struct domain *d, bool cpufreq);

#endif
