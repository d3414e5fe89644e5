/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bus-hammer N: calls cellflashd's GetMetrics() N times over one system bus
 * connection, and checks each reply is a snapshot. Exits 0 if all were.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-bus.h>

#include "bus-api.h"

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	sd_bus *bus = NULL;
	int r;

	if (n <= 0) {
		fprintf(stderr, "usage: bus-hammer N\n");
		return 2;
	}
	r = sd_bus_open_system(&bus);
	if (r < 0) {
		fprintf(stderr, "bus-hammer: cannot connect to the system bus: %s\n", strerror(-r));
		return 1;
	}
	for (long i = 0; i < n; i++) {
		sd_bus_error error = SD_BUS_ERROR_NULL;
		sd_bus_message *reply = NULL;

		r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, BUS_INTERFACE, "GetMetrics", &error, &reply, NULL);
		if (r >= 0 && !sd_bus_message_has_signature(reply, "a{sv}"))
			r = -EBADMSG;
		if (r < 0) {
			fprintf(stderr, "bus-hammer: call %ld failed: %s\n", i,
				error.message ? error.message : strerror(-r));
			sd_bus_error_free(&error);
			sd_bus_message_unref(reply);
			sd_bus_flush_close_unref(bus);
			return 1;
		}
		sd_bus_message_unref(reply);
	}
	sd_bus_flush_close_unref(bus);
	return 0;
}
