/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <time.h>

#include "bus-api.h"
#include "client.h"
#include "log.h"
#include "metrics-doc.h"
#include "util.h"

/* Room for polkit to ask for a password. */
#define RESTART_TIMEOUT_USEC	(120 * USEC_PER_SEC)

/*
 * Logs why @what failed, once. Returns CLIENT_NOT_RUNNING or another negative errno.
 * With the activation file installed, the bus asks systemd for the service's
 * alias, which only an enabled cellflash.service has: systemd's "no such
 * unit" means the daemon is not running, as much as an unknown name does.
 */
static int client_fail(int r, const sd_bus_error *e, const char *what)
{
	if (sd_bus_error_has_names(e, SD_BUS_ERROR_SERVICE_UNKNOWN, SD_BUS_ERROR_NAME_HAS_NO_OWNER,
				   "org.freedesktop.systemd1.NoSuchUnit") ||
	    (!sd_bus_error_is_set(e) && (r == -ENOENT || r == -ECONNREFUSED))) {
		log_error("cellflashd is not running (%s is not on the system bus).", BUS_NAME);
		return CLIENT_NOT_RUNNING;
	}
	if (sd_bus_error_is_set(e))
		log_error("Cannot %s: %s", what, e->message);
	else
		log_error_errno(r, "Cannot %s: %m", what);
	return r < 0 ? r : -EIO;
}

int client_connect(sd_bus **ret)
{
	int r = sd_bus_open_system(ret);

	if (r == -ENOENT || r == -ECONNREFUSED) {
		log_error("cellflashd is not running (there is no system bus).");
		return CLIENT_NOT_RUNNING;
	}
	if (r < 0)
		return log_error_errno(r, "Cannot connect to the system bus: %m");
	return 0;
}

static void copy_string(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

/* Reads one a{sv} entry's value into @s if it is a status property. */
static int read_status_entry(sd_bus_message *m, const char *name, struct ctl_status *s)
{
	const char *str;
	int r;

#define STR(field) \
	({ r = sd_bus_message_read(m, "v", "s", &str); if (r >= 0) copy_string(s->field, sizeof(s->field), str); r; })
	if (streq(name, "State"))
		return STR(state);
	if (streq(name, "Version"))
		return STR(version);
	if (streq(name, "OpsName"))
		return STR(ops_name);
	if (streq(name, "LastExitKind"))
		return STR(last_exit_kind);
	if (streq(name, "LastExitReason"))
		return STR(last_exit_reason);
	if (streq(name, "LastExitMessage"))
		return STR(last_exit_message);
#undef STR
	if (streq(name, "RestartCount"))
		return sd_bus_message_read(m, "v", "u", &s->restart_count);
	if (streq(name, "LastExitCode"))
		return sd_bus_message_read(m, "v", "x", &s->last_exit_code);
	if (streq(name, "SliceUs"))
		return sd_bus_message_read(m, "v", "t", &s->slice_us);
	if (streq(name, "SliceLagUs"))
		return sd_bus_message_read(m, "v", "t", &s->slice_lag_us);
	if (streq(name, "ExitDumpLen"))
		return sd_bus_message_read(m, "v", "u", &s->exit_dump_len);
	return sd_bus_message_skip(m, "v");	/* the metrics, and what newer daemons add */
}

int client_get_status(sd_bus *bus, struct ctl_status *ret)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *name;
	int r;

	*ret = (struct ctl_status) { .last_exit_kind = "none" };
	r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, "org.freedesktop.DBus.Properties", "GetAll",
			       &error, &reply, "s", BUS_INTERFACE);
	if (r < 0) {
		r = client_fail(r, &error, "read cellflashd's properties");
		goto out;
	}
	r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
		r = sd_bus_message_read(reply, "s", &name);
		if (r >= 0)
			r = read_status_entry(reply, name, ret);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	if (r < 0)
		r = client_fail(r, &error, "parse cellflashd's properties");
out:
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

int client_get_metrics(sd_bus *bus, struct ctl_metrics *ret)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const struct metric_doc *d;
	const char *name, *state;
	uint64_t v;
	int r;

	*ret = (struct ctl_metrics) {};
	r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, BUS_INTERFACE, "GetMetrics", &error, &reply, NULL);
	if (r < 0) {
		r = client_fail(r, &error, "read cellflashd's metrics");
		goto out;
	}
	r = sd_bus_message_enter_container(reply, 'a', "{sv}");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'e', "sv")) > 0) {
		r = sd_bus_message_read(reply, "s", &name);
		if (r < 0)
			break;
		if (streq(name, "State")) {
			r = sd_bus_message_read(reply, "v", "s", &state);
			if (r >= 0)
				copy_string(ret->state, sizeof(ret->state), state);
		} else if (streq(name, "Timestamp")) {
			r = sd_bus_message_read(reply, "v", "t", &ret->timestamp_usec);
		} else if (streq(name, "AttachedAt")) {
			r = sd_bus_message_read(reply, "v", "t", &ret->attached_at_usec);
		} else if ((d = metric_doc_find(name))) {
			r = sd_bus_message_read(reply, "v", "t", &v);
			if (r >= 0)
				metric_set(&ret->metrics, d, v);
		} else {
			r = sd_bus_message_skip(reply, "v");
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	if (r < 0)
		r = client_fail(r, &error, "parse cellflashd's metrics");
out:
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

int client_restart(sd_bus *bus, bool interactive)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *call = NULL, *reply = NULL;
	int r;

	r = sd_bus_message_new_method_call(bus, &call, BUS_NAME, BUS_PATH, BUS_INTERFACE, "Restart");
	if (r >= 0)
		r = sd_bus_message_set_allow_interactive_authorization(call, interactive);
	if (r >= 0)
		r = sd_bus_call(bus, call, RESTART_TIMEOUT_USEC, &error, &reply);
	if (r < 0)
		r = client_fail(r, &error, "restart the scheduler");
	sd_bus_message_unref(call);
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

static void timespec_add_usec(struct timespec *t, uint64_t usec)
{
	t->tv_sec += (time_t)(usec / USEC_PER_SEC);
	t->tv_nsec += (long)(usec % USEC_PER_SEC * NSEC_PER_USEC);
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

int client_monitor(sd_bus *bus, uint64_t interval_usec, bool json)
{
	struct ctl_metrics prev, now;
	struct timespec next, t;
	int r;

	r = client_get_metrics(bus, &prev);
	if (r < 0)
		return r;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		/* Absolute deadlines, so the lines do not drift; after a stall
		 * (a slow answer), a whole interval from now rather than a burst. */
		timespec_add_usec(&next, interval_usec);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec > next.tv_sec || (t.tv_sec == next.tv_sec && t.tv_nsec > next.tv_nsec)) {
			next = t;
			timespec_add_usec(&next, interval_usec);
		}
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
			;
		r = client_get_metrics(bus, &now);
		if (r < 0)
			return r;
		if (json)
			monitor_print_json(stdout, &prev, &now);
		else
			monitor_print_line(stdout, &prev, &now);
		fflush(stdout);
		prev = now;
	}
}
