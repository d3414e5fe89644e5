/* SPDX-License-Identifier: GPL-2.0-only */
/* Primary-domain syntax, CPU classes, resolution, and the cpufreq level. */
#include <errno.h>

#include "domain.h"
#include "test.h"
#include "util.h"

static struct topology topo;

/* @n CPUs with the given capacities (0: none known) and max frequencies. */
static const struct topology *make_topo(unsigned n, const uint32_t *cap, const uint64_t *khz)
{
	memset(&topo, 0, sizeof(topo));
	topo.nr_cpu_ids = n;
	for (unsigned cpu = 0; cpu < n; cpu++) {
		cpumask_set(&topo.possible, cpu);
		cpumask_set(&topo.online, cpu);
		topo.capacity[cpu] = cap ? cap[cpu] : 0;
		topo.max_freq_khz[cpu] = khz ? khz[cpu] : 0;
	}
	return &topo;
}

static const char *list(const struct cpumask *m)
{
	static char buf[128];

	cpumask_format_list(m, buf, sizeof(buf));
	return buf;
}

TEST(parse_keywords)
{
	struct domain_spec s;
	char err[128];

	ASSERT_EQ(domain_spec_parse("auto", &s, err, sizeof(err)), 0);
	ASSERT_EQ(s.mode, DOMAIN_AUTO);
	ASSERT_EQ(domain_spec_parse("powersave", &s, err, sizeof(err)), 0);
	ASSERT_EQ(s.mode, DOMAIN_POWERSAVE);
	ASSERT_EQ(domain_spec_parse("none", &s, err, sizeof(err)), 0);
	ASSERT_EQ(s.mode, DOMAIN_NONE);
	ASSERT_EQ(domain_spec_parse("turbo", &s, err, sizeof(err)), 0);
	ASSERT_EQ(s.mode, DOMAIN_TURBO);
}

TEST(parse_masks_and_lists)
{
	struct domain_spec s;
	char err[128];

	ASSERT_EQ(domain_spec_parse("0xf0", &s, err, sizeof(err)), 0);
	ASSERT_EQ(s.mode, DOMAIN_CPUS);
	ASSERT_STREQ(list(&s.cpus), "4-7");
	ASSERT_EQ(domain_spec_parse("0-3,8", &s, err, sizeof(err)), 0);
	ASSERT_STREQ(list(&s.cpus), "0-3,8");
	/* a bare number is a CPU, not a mask */
	ASSERT_EQ(domain_spec_parse("10", &s, err, sizeof(err)), 0);
	ASSERT_STREQ(list(&s.cpus), "10");
}

TEST(parse_rejects)
{
	struct domain_spec s = { .mode = DOMAIN_ALL };
	char err[128];

	ASSERT_EQ(domain_spec_parse("0x0", &s, err, sizeof(err)), -EINVAL);
	ASSERT_CONTAINS(err, "names no CPU");
	ASSERT_EQ(domain_spec_parse("", &s, err, sizeof(err)), -EINVAL);
	ASSERT_EQ(domain_spec_parse("fast", &s, err, sizeof(err)), -EINVAL);
	ASSERT_CONTAINS(err, "'fast' is not one of auto, turbo");
	ASSERT_EQ(domain_spec_parse("0-600", &s, err, sizeof(err)), -EINVAL);
	ASSERT_CONTAINS(err, "beyond 511");
	ASSERT_EQ(domain_spec_parse("Auto", &s, err, sizeof(err)), -EINVAL);
	ASSERT_EQ(s.mode, DOMAIN_ALL);	/* untouched on error */
}

TEST(format_reads_back)
{
	static const char *const specs[] = { "auto", "turbo", "performance", "powersave", "all", "none",
					     "0-3,8", "5" };
	struct domain_spec s, again;
	char err[128], buf[64], tiny[3];

	for (size_t i = 0; i < ELEMENTSOF(specs); i++) {
		ASSERT_EQ(domain_spec_parse(specs[i], &s, err, sizeof(err)), 0);
		ASSERT_EQ(domain_spec_format(&s, buf, sizeof(buf)), 0);
		ASSERT_STREQ(buf, specs[i]);
		ASSERT_EQ(domain_spec_parse(buf, &again, err, sizeof(err)), 0);
		ASSERT_EQ(again.mode, s.mode);
	}
	ASSERT_EQ(domain_spec_parse("0xf0", &s, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_format(&s, buf, sizeof(buf)), 0);
	ASSERT_STREQ(buf, "4-7");
	ASSERT_EQ(domain_spec_parse("powersave", &s, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_format(&s, tiny, sizeof(tiny)), -ENOBUFS);
}

TEST(check_against_machine)
{
	struct domain_spec s;
	char err[128];

	make_topo(4, NULL, NULL);
	ASSERT_EQ(domain_spec_parse("2-5", &s, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_check(&s, &topo, err, sizeof(err)), -EINVAL);
	ASSERT_STREQ(err, "CPU 4-5 does not exist (this machine has CPUs 0-3)");
	ASSERT_EQ(domain_spec_parse("0x3", &s, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_check(&s, &topo, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_parse("performance", &s, err, sizeof(err)), 0);
	ASSERT_EQ(domain_spec_check(&s, &topo, err, sizeof(err)), 0);
}

/* 4 P-CPUs (two faster) and 4 E-CPUs. */
static const uint32_t hybrid_cap[] = { 1024, 1024, 1000, 1000, 600, 600, 600, 600 };
static const uint64_t hybrid_khz[] = { 5200000, 5200000, 5000000, 5000000, 3800000, 3800000, 3800000, 3800000 };

TEST(classes_hybrid)
{
	struct cpu_classes c;

	cpu_classes_of(make_topo(8, hybrid_cap, hybrid_khz), &c);
	ASSERT_TRUE(c.hybrid);
	ASSERT_STREQ(list(&c.big), "0-3");
	ASSERT_STREQ(list(&c.little), "4-7");
	ASSERT_STREQ(list(&c.turbo), "0-1");
}

TEST(classes_hybrid_turbo_by_frequency)
{
	static const uint32_t cap[] = { 1024, 1024, 1024, 1024, 500, 500 };
	static const uint64_t khz[] = { 4000000, 4500000, 4000000, 4500000, 2000000, 2000000 };
	struct cpu_classes c;

	cpu_classes_of(make_topo(6, cap, khz), &c);
	ASSERT_STREQ(list(&c.turbo), "1,3");
}

TEST(classes_homogeneous)
{
	static const uint32_t cap[] = { 1024, 1024, 1024, 1024 };
	struct cpu_classes c;

	cpu_classes_of(make_topo(4, cap, NULL), &c);
	ASSERT_FALSE(c.hybrid);
	ASSERT_STREQ(list(&c.big), "0-3");
	ASSERT_STREQ(list(&c.little), "0-3");
	ASSERT_STREQ(list(&c.turbo), "0-3");
	/* a spread under 1.3x is not big.LITTLE */
	static const uint32_t close[] = { 1024, 1024, 900, 900 };
	cpu_classes_of(make_topo(4, close, NULL), &c);
	ASSERT_FALSE(c.hybrid);
	ASSERT_STREQ(list(&c.little), "0-3");
	ASSERT_STREQ(list(&c.turbo), "0-1");	/* the favoured cores */
}

TEST(classes_no_information)
{
	struct cpu_classes c;

	cpu_classes_of(make_topo(2, NULL, NULL), &c);
	ASSERT_FALSE(c.hybrid);
	ASSERT_STREQ(list(&c.little), "0-1");
	ASSERT_STREQ(list(&c.turbo), "0-1");
}

static struct domain resolve(const char *spec_text, enum power_profile p)
{
	struct domain_spec s;
	struct domain d;
	char err[128];

	if (domain_spec_parse(spec_text, &s, err, sizeof(err)) < 0)
		abort();
	domain_resolve(&s, p, &topo, &d);
	return d;
}

/* The CPUs @spec_text resolves to, as a list. */
static const char *resolved(const char *spec_text, enum power_profile p)
{
	struct domain d = resolve(spec_text, p);

	return list(&d.cpus);
}

TEST(resolve_on_hybrid)
{
	make_topo(8, hybrid_cap, hybrid_khz);
	ASSERT_STREQ(resolved("powersave", POWER_PROFILE_UNKNOWN), "4-7");
	ASSERT_STREQ(resolved("performance", POWER_PROFILE_UNKNOWN), "0-3");
	ASSERT_STREQ(resolved("turbo", POWER_PROFILE_UNKNOWN), "0-1");
	ASSERT_STREQ(resolved("all", POWER_PROFILE_UNKNOWN), "0-7");
	ASSERT_STREQ(resolved("none", POWER_PROFILE_UNKNOWN), "");
	ASSERT_STREQ(resolved("1,5", POWER_PROFILE_UNKNOWN), "1,5");
}

/* auto follows the profile: power-saving profiles take the efficient CPUs. */
TEST(resolve_auto_by_profile)
{
	struct domain d;

	make_topo(8, hybrid_cap, hybrid_khz);
	d = resolve("auto", POWER_PROFILE_POWER_SAVER);
	ASSERT_EQ(d.mode, DOMAIN_POWERSAVE);
	ASSERT_STREQ(list(&d.cpus), "4-7");
	ASSERT_STREQ(resolved("auto", POWER_PROFILE_BALANCED_POWER), "4-7");
	d = resolve("auto", POWER_PROFILE_BALANCED);
	ASSERT_EQ(d.mode, DOMAIN_ALL);
	ASSERT_STREQ(list(&d.cpus), "0-7");
	ASSERT_STREQ(resolved("auto", POWER_PROFILE_PERFORMANCE), "0-7");
	ASSERT_STREQ(resolved("auto", POWER_PROFILE_UNKNOWN), "0-7");
	/* explicit modes ignore the profile */
	ASSERT_STREQ(resolved("performance", POWER_PROFILE_POWER_SAVER), "0-3");
}

TEST(resolve_on_homogeneous)
{
	make_topo(4, NULL, NULL);
	ASSERT_STREQ(resolved("powersave", POWER_PROFILE_UNKNOWN), "0-3");
	ASSERT_STREQ(resolved("auto", POWER_PROFILE_POWER_SAVER), "0-3");
}

TEST(cpufreq_levels)
{
	make_topo(8, hybrid_cap, hybrid_khz);
	struct domain save = resolve("auto", POWER_PROFILE_POWER_SAVER);
	struct domain all = resolve("auto", POWER_PROFILE_BALANCED);

	ASSERT_EQ(cpufreq_level(&save, false), CPUFREQ_LEVEL_MIN);
	ASSERT_EQ(cpufreq_level(&save, true), CPUFREQ_LEVEL_MIN);
	ASSERT_EQ(cpufreq_level(&all, false), CPUFREQ_LEVEL_MAX);
	ASSERT_EQ(cpufreq_level(&all, true), CPUFREQ_LEVEL_AUTO);
}

TEST(profile_words)
{
	ASSERT_EQ(power_profile_from_ppd("power-saver"), POWER_PROFILE_POWER_SAVER);
	ASSERT_EQ(power_profile_from_ppd("balanced"), POWER_PROFILE_BALANCED);
	ASSERT_EQ(power_profile_from_ppd("performance"), POWER_PROFILE_PERFORMANCE);
	ASSERT_EQ(power_profile_from_ppd("unknown"), POWER_PROFILE_UNKNOWN);	/* tuned-ppd */
	ASSERT_EQ(power_profile_from_platform("low-power"), POWER_PROFILE_POWER_SAVER);
	ASSERT_EQ(power_profile_from_platform("quiet"), POWER_PROFILE_POWER_SAVER);
	ASSERT_EQ(power_profile_from_platform("balanced-performance"), POWER_PROFILE_PERFORMANCE);
	ASSERT_EQ(power_profile_from_platform("custom"), POWER_PROFILE_UNKNOWN);
	ASSERT_EQ(power_profile_from_epp("balance_power"), POWER_PROFILE_BALANCED_POWER);
	ASSERT_EQ(power_profile_from_epp("power"), POWER_PROFILE_POWER_SAVER);
	ASSERT_EQ(power_profile_from_governor("powersave"), POWER_PROFILE_POWER_SAVER);
	ASSERT_EQ(power_profile_from_governor("schedutil"), POWER_PROFILE_BALANCED);
	ASSERT_STREQ(power_profile_to_string(POWER_PROFILE_BALANCED_POWER), "balanced-power");
}
