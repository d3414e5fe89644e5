/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Follows the machine's power profile, from the best source present:
 * power-profiles-daemon on the system bus (org.freedesktop.UPower.PowerProfiles,
 * else the legacy net.hadess.PowerProfiles), else the firmware's
 * /sys/firmware/acpi/platform_profile, else cpufreq's energy-performance
 * preference or governor (sampled every second). Sources coming and going
 * are followed; power-profiles-daemon is never started by us (it conflicts
 * with tuned and others).
 */
#ifndef CELLFLASH_POWER_WATCH_H
#define CELLFLASH_POWER_WATCH_H

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "power-profile.h"

struct power_watch;

/* Called whenever the profile or its source changes. @source is static text. */
typedef void (*power_watch_fn)(void *userdata, enum power_profile profile, const char *source);

/*
 * Starts watching. @bus may be NULL (no system bus: the sysfs sources only).
 * The first report comes from the event loop. Returns 0 or -errno after
 * logging.
 */
int power_watch_new(struct power_watch **ret, sd_event *event, sd_bus *bus, const char *sysfs_root,
		    power_watch_fn fn, void *userdata);
void power_watch_free(struct power_watch *w);

#endif
