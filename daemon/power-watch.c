/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <sys/inotify.h>

#include "log.h"
#include "power-watch.h"
#include "scx-sysfs.h"
#include "util.h"

#define SOURCE_PPD		"power-profiles-daemon"
#define SOURCE_PLATFORM		"platform_profile"
#define SOURCE_EPP		"cpufreq energy_performance_preference"
#define SOURCE_GOVERNOR		"cpufreq scaling_governor"
#define SOURCE_NONE		"none"
#define CPUFREQ_POLL_USEC	(1000 * 1000ULL)

/* power-profiles-daemon's two names for the same object, preferred first. */
static const struct ppd_name {
	const char *name, *path;
} ppd_names[] = {
	{ "org.freedesktop.UPower.PowerProfiles", "/org/freedesktop/UPower/PowerProfiles" },
	{ "net.hadess.PowerProfiles", "/net/hadess/PowerProfiles" },
};
#define NR_PPD_NAMES ELEMENTSOF(ppd_names)

struct ppd {
	struct power_watch *w;
	const struct ppd_name *id;
	bool startup;			/* the first query is in flight */
	bool present;			/* has an owner and answered */
	enum power_profile profile;
	sd_bus_slot *owner_match, *props_match, *get_call;
};

struct power_watch {
	sd_event *event;
	sd_bus *bus;
	power_watch_fn fn;
	void *userdata;

	struct ppd ppd[NR_PPD_NAMES];

	char platform_path[512];
	bool platform_present;
	enum power_profile platform_profile;
	sd_event_source *platform_source;

	char cpufreq_path[512];		/* EPP, else the governor */
	const char *cpufreq_source;
	enum power_profile (*cpufreq_parse)(const char *);
	enum power_profile cpufreq_profile;
	sd_event_source *cpufreq_timer;

	sd_event_source *first_report;
	unsigned startup_queries;	/* first answers still awaited: no report yet */
	enum power_profile reported;
	const char *reported_source;
};

/* The best source present, and what it says; reports a change. */
static void power_watch_update(struct power_watch *w)
{
	enum power_profile profile = POWER_PROFILE_UNKNOWN;
	const char *source = SOURCE_NONE;
	bool cpufreq_needed = false;

	/* One report at startup, once every source has answered. */
	if (w->startup_queries)
		return;
	for (size_t i = 0; i < NR_PPD_NAMES; i++)
		if (w->ppd[i].present) {
			profile = w->ppd[i].profile;
			source = SOURCE_PPD;
			break;
		}
	if (streq(source, SOURCE_NONE) && w->platform_present) {
		profile = w->platform_profile;
		source = SOURCE_PLATFORM;
	}
	if (streq(source, SOURCE_NONE) && w->cpufreq_source) {
		profile = w->cpufreq_profile;
		source = w->cpufreq_source;
		cpufreq_needed = true;
	}
	/* Sample cpufreq only while it is the source in use. */
	if (w->cpufreq_timer)
		(void) sd_event_source_set_enabled(w->cpufreq_timer, cpufreq_needed ? SD_EVENT_ON : SD_EVENT_OFF);

	if (profile == w->reported && streq(source, w->reported_source))
		return;
	w->reported = profile;
	w->reported_source = source;
	w->fn(w->userdata, profile, source);
}

/* --- power-profiles-daemon --------------------------------------------- */

static void ppd_set(struct ppd *p, bool present, const char *profile)
{
	p->present = present;
	p->profile = present ? power_profile_from_ppd(profile) : POWER_PROFILE_UNKNOWN;
	power_watch_update(p->w);
}

static int on_ppd_get(sd_bus_message *reply, void *userdata, sd_bus_error *ret_error)
{
	struct ppd *p = userdata;
	const char *profile;

	p->get_call = sd_bus_slot_unref(p->get_call);
	if (p->startup) {
		p->startup = false;
		p->w->startup_queries--;
	}
	/* No owner (never auto-started), or not a power-profiles-daemon. */
	if (sd_bus_message_is_method_error(reply, NULL)) {
		ppd_set(p, false, NULL);
		return 1;
	}
	if (sd_bus_message_read(reply, "v", "s", &profile) < 0) {
		log_warning("%s answered ActiveProfile with something else than a string; ignoring it.", p->id->name);
		ppd_set(p, false, NULL);
		return 1;
	}
	ppd_set(p, true, profile);
	return 1;
}

static int ppd_get(struct ppd *p)
{
	sd_bus_message *m = NULL;
	int r;

	p->get_call = sd_bus_slot_unref(p->get_call);
	r = sd_bus_message_new_method_call(p->w->bus, &m, p->id->name, p->id->path,
					   "org.freedesktop.DBus.Properties", "Get");
	if (r >= 0)
		r = sd_bus_message_append(m, "ss", p->id->name, "ActiveProfile");
	if (r >= 0)
		r = sd_bus_message_set_auto_start(m, 0);
	if (r >= 0)
		r = sd_bus_call_async(p->w->bus, &p->get_call, m, on_ppd_get, p, 0);
	sd_bus_message_unref(m);
	if (r < 0)
		log_warning_errno(r, "Cannot ask %s for its profile: %m", p->id->name);
	return r;
}

static int on_ppd_owner(sd_bus_message *m, void *userdata, sd_bus_error *ret_error)
{
	struct ppd *p = userdata;
	const char *name, *old_owner, *new_owner;

	if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) < 0)
		return 0;
	if (*new_owner)
		ppd_get(p);		/* (re)started: ask it */
	else
		ppd_set(p, false, NULL);	/* gone */
	return 0;
}

static int on_ppd_properties(sd_bus_message *m, void *userdata, sd_bus_error *ret_error)
{
	struct ppd *p = userdata;
	const char *iface, *name, *profile;
	int r;

	if (sd_bus_message_read(m, "s", &iface) < 0 || sd_bus_message_enter_container(m, 'a', "{sv}") <= 0)
		return 0;
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		if (sd_bus_message_read(m, "s", &name) < 0)
			return 0;
		if (streq(name, "ActiveProfile") && sd_bus_message_read(m, "v", "s", &profile) >= 0)
			ppd_set(p, true, profile);
		else if (sd_bus_message_skip(m, "v") < 0)
			return 0;
		if (sd_bus_message_exit_container(m) < 0)
			return 0;
	}
	return 0;
}

static int ppd_watch(struct power_watch *w, struct ppd *p)
{
	char match[512];
	int r;

	snprintf(match, sizeof(match),
		 "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',"
		 "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='%s'", p->id->name);
	r = sd_bus_add_match_async(w->bus, &p->owner_match, match, on_ppd_owner, NULL, p);
	if (r >= 0) {
		snprintf(match, sizeof(match),
			 "type='signal',sender='%s',path='%s',interface='org.freedesktop.DBus.Properties',"
			 "member='PropertiesChanged',arg0='%s'", p->id->name, p->id->path, p->id->name);
		r = sd_bus_add_match_async(w->bus, &p->props_match, match, on_ppd_properties, NULL, p);
	}
	if (r >= 0)
		r = ppd_get(p);
	if (r < 0)
		return log_warning_errno(r, "Cannot follow %s: %m", p->id->name);
	p->startup = true;
	w->startup_queries++;
	return 0;
}

/* --- platform_profile and cpufreq ---------------------------------------- */

static void platform_read(struct power_watch *w)
{
	char value[64];

	w->platform_present = read_one_line(w->platform_path, value, sizeof(value)) == 0;
	w->platform_profile = w->platform_present ? power_profile_from_platform(value) : POWER_PROFILE_UNKNOWN;
}

static int on_platform_change(sd_event_source *s, const struct inotify_event *ev, void *userdata)
{
	struct power_watch *w = userdata;

	platform_read(w);
	power_watch_update(w);
	return 0;
}

static void cpufreq_read(struct power_watch *w)
{
	char value[64];

	w->cpufreq_profile = read_one_line(w->cpufreq_path, value, sizeof(value)) == 0 ?
			     w->cpufreq_parse(value) : POWER_PROFILE_UNKNOWN;
}

static int on_cpufreq_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct power_watch *w = userdata;

	cpufreq_read(w);
	(void) sd_event_source_set_time_relative(s, CPUFREQ_POLL_USEC);
	power_watch_update(w);
	return 0;
}

static int sysfs_watch(struct power_watch *w, const char *root)
{
	char epp[512];
	int r;

	snprintf(w->platform_path, sizeof(w->platform_path), "%s/firmware/acpi/platform_profile", root);
	platform_read(w);
	if (w->platform_present) {
		/* sysfs_notify() on the attribute reaches inotify as a modification. */
		r = sd_event_add_inotify(w->event, &w->platform_source, w->platform_path,
					 IN_MODIFY | IN_CLOSE_WRITE, on_platform_change, w);
		if (r < 0)
			log_warning_errno(r, "Cannot watch %s: %m", w->platform_path);
	}

	/* EPP and governors have no change notification: sampled. */
	snprintf(epp, sizeof(epp), "%s/devices/system/cpu/cpufreq/policy0/energy_performance_preference", root);
	if (access(epp, R_OK) == 0) {
		snprintf(w->cpufreq_path, sizeof(w->cpufreq_path), "%s", epp);
		w->cpufreq_source = SOURCE_EPP;
		w->cpufreq_parse = power_profile_from_epp;
	} else {
		snprintf(w->cpufreq_path, sizeof(w->cpufreq_path),
			 "%s/devices/system/cpu/cpufreq/policy0/scaling_governor", root);
		if (access(w->cpufreq_path, R_OK) == 0) {
			w->cpufreq_source = SOURCE_GOVERNOR;
			w->cpufreq_parse = power_profile_from_governor;
		}
	}
	if (!w->cpufreq_source)
		return 0;
	cpufreq_read(w);
	r = sd_event_add_time_relative(w->event, &w->cpufreq_timer, CLOCK_MONOTONIC, CPUFREQ_POLL_USEC, 0,
				       on_cpufreq_timer, w);
	if (r < 0)
		return log_warning_errno(r, "Cannot sample %s: %m", w->cpufreq_path);
	(void) sd_event_source_set_enabled(w->cpufreq_timer, SD_EVENT_OFF);
	return 0;
}

static int on_first_report(sd_event_source *s, void *userdata)
{
	power_watch_update(userdata);
	return 0;
}

int power_watch_new(struct power_watch **ret, sd_event *event, sd_bus *bus, const char *sysfs_root,
		    power_watch_fn fn, void *userdata)
{
	struct power_watch *w;
	int r;

	w = calloc(1, sizeof(*w));
	if (!w)
		return log_oom();
	w->event = sd_event_ref(event);
	w->bus = bus ? sd_bus_ref(bus) : NULL;
	w->fn = fn;
	w->userdata = userdata;
	w->reported = POWER_PROFILE_UNKNOWN;
	w->reported_source = SOURCE_NONE;
	for (size_t i = 0; i < NR_PPD_NAMES; i++) {
		w->ppd[i].w = w;
		w->ppd[i].id = &ppd_names[i];
		if (w->bus)
			ppd_watch(w, &w->ppd[i]);
	}
	sysfs_watch(w, sysfs_root);

	/* The sysfs sources are known now: report them from the loop. */
	r = sd_event_add_defer(event, &w->first_report, on_first_report, w);
	if (r < 0) {
		power_watch_free(w);
		return log_error_errno(r, "Cannot schedule the first power profile report: %m");
	}
	*ret = w;
	return 0;
}

void power_watch_free(struct power_watch *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < NR_PPD_NAMES; i++) {
		sd_bus_slot_unref(w->ppd[i].owner_match);
		sd_bus_slot_unref(w->ppd[i].props_match);
		sd_bus_slot_unref(w->ppd[i].get_call);
	}
	sd_event_source_disable_unref(w->platform_source);
	sd_event_source_disable_unref(w->cpufreq_timer);
	sd_event_source_disable_unref(w->first_report);
	sd_bus_unref(w->bus);
	sd_event_unref(w->event);
	free(w);
}
