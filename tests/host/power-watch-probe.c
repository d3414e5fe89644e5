/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * power-watch-probe SYSFS-ROOT: runs the daemon's power watcher on the system
 * bus ($DBUS_SYSTEM_BUS_ADDRESS) and a sysfs tree, and prints each report as
 * "PROFILE SOURCE", until SIGTERM.
 */
#include <signal.h>
#include <stdio.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "log.h"
#include "power-watch.h"

static void report(void *userdata, enum power_profile profile, const char *source)
{
	printf("%s %s\n", power_profile_to_string(profile), source);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct power_watch *w = NULL;
	sd_event *event = NULL;
	sd_bus *bus = NULL;
	sigset_t mask;
	int r;

	if (argc != 2) {
		fprintf(stderr, "usage: power-watch-probe SYSFS-ROOT\n");
		return 2;
	}
	log_setup("power-watch-probe");
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if (sd_event_default(&event) < 0 || sd_event_add_signal(event, NULL, SIGTERM, NULL, NULL) < 0)
		return 1;
	if (sd_bus_open_system(&bus) < 0 || sd_bus_attach_event(bus, event, 0) < 0)
		bus = sd_bus_unref(bus);
	r = power_watch_new(&w, event, bus, argv[1], report, NULL);
	if (r < 0)
		return 1;
	r = sd_event_loop(event);
	power_watch_free(w);
	sd_bus_flush_close_unref(bus);
	sd_event_unref(event);
	return r < 0 ? 1 : 0;
}
