/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * profile-latency PROFILE [SECONDS]: the time from a power-profile change to
 * its effect in the running scheduler. Sets power-profiles-daemon's
 * ActiveProfile (fake-ppd in the guest) to PROFILE over the system bus, and
 * watches the scheduler's power_seq, which the BPF side bumps once it has
 * applied a new primary domain and CPU level (bpf/power.bpf.h). Prints the
 * us from sending the change to seeing power_seq move.
 *
 * power_seq is read from the scheduler's .bss (bss.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#include "bss.h"

#define SEQ_VAR		"power_seq"
#define PPD_NAME	"net.hadess.PowerProfiles"
#define PPD_PATH	"/net/hadess/PowerProfiles"

/* Sends the property change without waiting for the reply. */
static int send_profile(sd_bus *bus, const char *profile)
{
	sd_bus_message *m = NULL;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, PPD_NAME, PPD_PATH, "org.freedesktop.DBus.Properties", "Set");
	if (r >= 0)
		r = sd_bus_message_append(m, "ssv", PPD_NAME, "ActiveProfile", "s", profile);
	if (r >= 0)
		r = sd_bus_message_set_expect_reply(m, 0);
	if (r >= 0)
		r = sd_bus_send(bus, m, NULL);
	if (r >= 0)
		r = sd_bus_flush(bus);
	sd_bus_message_unref(m);
	return r;
}

int main(int argc, char **argv)
{
	const volatile uint64_t *seq;
	double seconds = argc > 2 ? atof(argv[2]) : 5;
	uint64_t seq0, t0;
	sd_bus *bus = NULL;
	int64_t us;
	int r;

	if (argc < 2) {
		fprintf(stderr, "usage: profile-latency PROFILE [SECONDS]\n");
		return 2;
	}
	if (bss_map_u64("profile-latency", SEQ_VAR, &seq) < 0)
		return 1;
	r = sd_bus_open_system(&bus);
	if (r < 0) {
		fprintf(stderr, "profile-latency: cannot connect to the system bus: %s\n", strerror(-r));
		return 1;
	}
	seq0 = *seq;
	t0 = now_us();
	r = send_profile(bus, argv[1]);
	if (r < 0) {
		fprintf(stderr, "profile-latency: cannot set ActiveProfile: %s\n", strerror(-r));
		return 1;
	}
	us = bss_wait_change("profile-latency", seq, seq0, t0, seconds);
	if (us < 0)
		return 1;
	printf("%lld\n", (long long)us);
	sd_bus_flush_close_unref(bus);
	return 0;
}
