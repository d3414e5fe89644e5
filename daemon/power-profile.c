/* SPDX-License-Identifier: GPL-2.0-only */
#include "power-profile.h"
#include "util.h"

const char *power_profile_to_string(enum power_profile p)
{
	switch (p) {
	case POWER_PROFILE_POWER_SAVER:		return "power-saver";
	case POWER_PROFILE_BALANCED_POWER:	return "balanced-power";
	case POWER_PROFILE_BALANCED:		return "balanced";
	case POWER_PROFILE_PERFORMANCE:		return "performance";
	default:				return "unknown";
	}
}

struct word {
	const char *word;
	enum power_profile profile;
};

static enum power_profile lookup(const struct word *words, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (streq(words[i].word, s))
			return words[i].profile;
	return POWER_PROFILE_UNKNOWN;
}

enum power_profile power_profile_from_ppd(const char *s)
{
	static const struct word words[] = {
		{ "power-saver", POWER_PROFILE_POWER_SAVER },
		{ "balanced", POWER_PROFILE_BALANCED },
		{ "performance", POWER_PROFILE_PERFORMANCE },
	};

	return lookup(words, ELEMENTSOF(words), s);
}

enum power_profile power_profile_from_platform(const char *s)
{
	static const struct word words[] = {
		{ "low-power", POWER_PROFILE_POWER_SAVER },
		{ "cool", POWER_PROFILE_POWER_SAVER },
		{ "quiet", POWER_PROFILE_POWER_SAVER },
		{ "balanced", POWER_PROFILE_BALANCED },
		{ "balanced-performance", POWER_PROFILE_PERFORMANCE },
		{ "performance", POWER_PROFILE_PERFORMANCE },
	};

	return lookup(words, ELEMENTSOF(words), s);
}

enum power_profile power_profile_from_epp(const char *s)
{
	static const struct word words[] = {
		{ "power", POWER_PROFILE_POWER_SAVER },
		{ "balance_power", POWER_PROFILE_BALANCED_POWER },
		{ "balance_performance", POWER_PROFILE_BALANCED },
		{ "default", POWER_PROFILE_BALANCED },
		{ "performance", POWER_PROFILE_PERFORMANCE },
	};

	return lookup(words, ELEMENTSOF(words), s);
}

enum power_profile power_profile_from_governor(const char *s)
{
	static const struct word words[] = {
		{ "powersave", POWER_PROFILE_POWER_SAVER },
		{ "conservative", POWER_PROFILE_BALANCED_POWER },
		{ "schedutil", POWER_PROFILE_BALANCED },
		{ "ondemand", POWER_PROFILE_BALANCED },
		{ "performance", POWER_PROFILE_PERFORMANCE },
	};

	return lookup(words, ELEMENTSOF(words), s);
}
