/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fake-ppd [PROFILE]: stands in for power-profiles-daemon in the test guest
 * (which cannot run the real one): owns net.hadess.PowerProfiles on the
 * system bus with a writable ActiveProfile, announced with PropertiesChanged
 * as the real daemon does. Until SIGTERM.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#define NAME "net.hadess.PowerProfiles"
#define PATH "/net/hadess/PowerProfiles"

static char profile[32] = "balanced";

static int get_profile(sd_bus *bus, const char *path, const char *iface, const char *property,
		       sd_bus_message *reply, void *userdata, sd_bus_error *error)
{
	return sd_bus_message_append(reply, "s", profile);
}

static int set_profile(sd_bus *bus, const char *path, const char *iface, const char *property,
		       sd_bus_message *value, void *userdata, sd_bus_error *error)
{
	const char *p;
	int r = sd_bus_message_read(value, "s", &p);

	if (r < 0)
		return r;
	if (strcmp(p, "power-saver") && strcmp(p, "balanced") && strcmp(p, "performance"))
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "No profile %s.", p);
	snprintf(profile, sizeof(profile), "%s", p);
	return sd_bus_emit_properties_changed(bus, PATH, NAME, "ActiveProfile", NULL);
}

static const sd_bus_vtable vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_WRITABLE_PROPERTY("ActiveProfile", "s", get_profile, set_profile, 0,
				 SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END
};

int main(int argc, char **argv)
{
	sd_event *event = NULL;
	sd_bus *bus = NULL;
	sigset_t mask;

	if (argc > 1)
		snprintf(profile, sizeof(profile), "%s", argv[1]);
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if (sd_event_default(&event) < 0 || sd_event_add_signal(event, NULL, SIGTERM, NULL, NULL) < 0 ||
	    sd_bus_open_system(&bus) < 0 ||
	    sd_bus_add_object_vtable(bus, NULL, PATH, NAME, vtable, NULL) < 0 ||
	    sd_bus_request_name(bus, NAME, 0) < 0 || sd_bus_attach_event(bus, event, 0) < 0) {
		fprintf(stderr, "fake-ppd: cannot serve %s\n", NAME);
		return 1;
	}
	return sd_event_loop(event) < 0;
}
