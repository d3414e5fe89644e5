/* SPDX-License-Identifier: GPL-2.0-only */
/* Power profiles, and what each source's words for them mean. */
#ifndef CELLFLASH_POWER_PROFILE_H
#define CELLFLASH_POWER_PROFILE_H

enum power_profile {
	POWER_PROFILE_UNKNOWN,
	POWER_PROFILE_POWER_SAVER,
	POWER_PROFILE_BALANCED_POWER,	/* balanced, leaning to power (EPP balance_power) */
	POWER_PROFILE_BALANCED,
	POWER_PROFILE_PERFORMANCE,
};

/* "power-saver", "balanced-power", "balanced", "performance", "unknown". */
const char *power_profile_to_string(enum power_profile p);

/* power-profiles-daemon's ActiveProfile. */
enum power_profile power_profile_from_ppd(const char *s);
/* /sys/firmware/acpi/platform_profile. */
enum power_profile power_profile_from_platform(const char *s);
/* cpufreq energy_performance_preference. */
enum power_profile power_profile_from_epp(const char *s);
/* cpufreq scaling_governor, when there is no EPP. */
enum power_profile power_profile_from_governor(const char *s);

#endif
