/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bus-latency N [ping]: the round trip of cellflashd's GetMetrics() through
 * the system bus, as a client that stays connected sees it (not busctl,
 * whose time is mostly its own start-up). After 100 calls to warm up, times
 * N calls one after the other and prints their percentiles (us).
 *
 * With "ping", calls org.freedesktop.DBus.Peer.Ping on cellflashd instead,
 * which sd-bus answers itself: the same trip through dbus-daemon with no
 * work at the end, so GetMetrics' own cost is the difference.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>
#include <time.h>

#include "bus-api.h"
#include "hist.h"

#define WARMUP	100

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int ping;

static int call(sd_bus *bus)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r;

	if (ping)
		r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, "org.freedesktop.DBus.Peer", "Ping",
				       &error, &reply, NULL);
	else
		r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, BUS_INTERFACE, "GetMetrics",
				       &error, &reply, NULL);
	if (r < 0)
		fprintf(stderr, "bus-latency: the call failed: %s\n", error.message ? error.message : strerror(-r));
	sd_bus_error_free(&error);
	sd_bus_message_unref(reply);
	return r;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	struct hist *rtt = hist_new();
	sd_bus *bus = NULL;
	int r;

	ping = argc > 2 && strcmp(argv[2], "ping") == 0;
	if (n <= 0 || (argc > 2 && !ping)) {
		fprintf(stderr, "usage: bus-latency N [ping]\n");
		return 2;
	}
	r = sd_bus_open_system(&bus);
	if (r < 0) {
		fprintf(stderr, "bus-latency: cannot connect to the system bus: %s\n", strerror(-r));
		return 1;
	}
	for (long i = 0; i < WARMUP + n; i++) {
		uint64_t t0 = now_ns();

		if (call(bus) < 0)
			return 1;
		if (i >= WARMUP)
			hist_add(rtt, (now_ns() - t0) / 1000);
	}
	sd_bus_flush_close_unref(bus);
	hist_print(stdout, "rtt_", rtt);
	putchar('\n');
	return 0;
}
