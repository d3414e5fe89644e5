/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "bus-api.h"
#include "client.h"
#include "log.h"
#include "metrics-doc.h"
#include "util.h"

/* Room for polkit to ask for a password. */
#define CHANGE_TIMEOUT_USEC	(120 * USEC_PER_SEC)

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
static int read_status_entry(sd_bus_message *m, const char *name, void *userdata)
{
	struct ctl_status *s = userdata;
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
	if (streq(name, "PrimaryDomain"))
		return STR(primary_domain);
	if (streq(name, "PrimaryDomainMode"))
		return STR(primary_domain_mode);
	if (streq(name, "PrimaryDomainCpus"))
		return STR(primary_domain_cpus);
	if (streq(name, "PowerProfile"))
		return STR(power_profile);
	if (streq(name, "PowerProfileSource"))
		return STR(power_profile_source);
#undef STR
	if (streq(name, "NrCells"))
		return sd_bus_message_read(m, "v", "u", &s->nr_cells);
	if (streq(name, "RunId"))
		return sd_bus_message_read(m, "v", "t", &s->run_id);
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

/* Calls @entry(m, name, userdata) on each entry of the a{sv} @m is at; it reads the "v". */
static int read_properties(sd_bus_message *m, int (*entry)(sd_bus_message *m, const char *name, void *userdata),
			   void *userdata)
{
	const char *name;
	int r;

	r = sd_bus_message_enter_container(m, 'a', "{sv}");
	while (r >= 0 && (r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		r = sd_bus_message_read(m, "s", &name);
		if (r >= 0)
			r = entry(m, name, userdata);
		if (r >= 0)
			r = sd_bus_message_exit_container(m);
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(m);
	return r;
}

int client_get_status(sd_bus *bus, struct ctl_status *ret)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r;

	*ret = (struct ctl_status) { .last_exit_kind = "none" };
	r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, "org.freedesktop.DBus.Properties", "GetAll",
			       &error, &reply, "s", BUS_INTERFACE);
	if (r < 0) {
		r = client_fail(r, &error, "read cellflashd's properties");
		goto out;
	}
	r = read_properties(reply, read_status_entry, ret);
	if (r < 0)
		r = client_fail(r, &error, "parse cellflashd's properties");
out:
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

/* Reads one GetMetrics() entry into @userdata, a struct ctl_metrics; skips the others. */
static int read_metrics_entry(sd_bus_message *m, const char *name, void *userdata)
{
	struct ctl_metrics *ret = userdata;
	const struct metric_doc *d;
	const char *state;
	uint64_t v;
	int r;

	if (streq(name, "State")) {
		r = sd_bus_message_read(m, "v", "s", &state);
		if (r >= 0)
			copy_string(ret->state, sizeof(ret->state), state);
		return r;
	}
	if (streq(name, "Timestamp"))
		return sd_bus_message_read(m, "v", "t", &ret->timestamp_usec);
	if (streq(name, "AttachedAt"))
		return sd_bus_message_read(m, "v", "t", &ret->attached_at_usec);
	d = metric_doc_find(name);
	if (!d)
		return sd_bus_message_skip(m, "v");
	r = sd_bus_message_read(m, "v", "t", &v);
	if (r >= 0)
		metric_set(&ret->metrics, d, v);
	return r;
}

int client_get_metrics(sd_bus *bus, struct ctl_metrics *ret)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	int r;

	*ret = (struct ctl_metrics) {};
	r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, BUS_INTERFACE, "GetMetrics", &error, &reply, NULL);
	if (r < 0) {
		r = client_fail(r, &error, "read cellflashd's metrics");
		goto out;
	}
	r = read_properties(reply, read_metrics_entry, ret);
	if (r < 0)
		r = client_fail(r, &error, "parse cellflashd's metrics");
out:
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

/* Reads one Cell1 property into @c; others are skipped. */
static int read_cell_entry(sd_bus_message *m, const char *name, void *userdata)
{
	struct ctl_cell *c = userdata;
	static const char *const counters[NR_CELL_STATS] = {
		[CELL_STAT_LOCAL] = "LocalDispatches",
		[CELL_STAT_CPU_QUEUE] = "CpuQueueDispatches",
		[CELL_STAT_CELL_QUEUE] = "CellQueueDispatches",
		[CELL_STAT_AFFINITY_VIOLATIONS] = "AffinityViolations",
		[CELL_STAT_STEALS] = "Steals",
	};
	const char *str;
	int pinned, r;

	for (unsigned s = 0; s < NR_CELL_STATS; s++)
		if (streq(name, counters[s]))
			return sd_bus_message_read(m, "v", "t", &c->counts.count[s]);
	if (streq(name, "Id"))
		return sd_bus_message_read(m, "v", "u", &c->id);
	if (streq(name, "NrCpus"))
		return sd_bus_message_read(m, "v", "u", &c->nr_cpus);
	if (streq(name, "Utilization"))
		return sd_bus_message_read(m, "v", "d", &c->util);
	if (streq(name, "Pinned")) {
		r = sd_bus_message_read(m, "v", "b", &pinned);
		c->pinned = pinned;
		return r;
	}
	if (streq(name, "CgroupPath") || streq(name, "Cpus")) {
		r = sd_bus_message_read(m, "v", "s", &str);
		if (r >= 0 && streq(name, "Cpus"))
			copy_string(c->cpus, sizeof(c->cpus), str);
		else if (r >= 0)
			copy_string(c->cgroup_path, sizeof(c->cgroup_path), str);
		return r;
	}
	return sd_bus_message_skip(m, "v");
}

/* One object of GetManagedObjects(): a{sa{sv}}. Adds it to @ret if it is a cell. */
static int read_cell_object(sd_bus_message *m, const char *path, struct ctl_cells *ret)
{
	struct ctl_cell *c = ret->nr < CELLFLASH_MAX_CELLS ? &ret->cell[ret->nr] : NULL;
	bool is_cell = false;
	const char *iface;
	int r;

	if (c)
		*c = (struct ctl_cell) {};
	r = sd_bus_message_enter_container(m, 'a', "{sa{sv}}");
	while (r >= 0 && (r = sd_bus_message_enter_container(m, 'e', "sa{sv}")) > 0) {
		r = sd_bus_message_read(m, "s", &iface);
		if (r >= 0 && streq(iface, BUS_CELL_INTERFACE) && c) {
			is_cell = true;
			r = read_properties(m, read_cell_entry, c);
		} else if (r >= 0) {
			r = sd_bus_message_skip(m, "a{sv}");
		}
		if (r >= 0)
			r = sd_bus_message_exit_container(m);
	}
	if (r >= 0)
		r = sd_bus_message_exit_container(m);
	if (r >= 0 && is_cell)
		ret->nr++;
	return r;
}

static int cell_compare(const void *a, const void *b)
{
	const struct ctl_cell *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

int client_get_cells(sd_bus *bus, struct ctl_cells *ret)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *reply = NULL;
	const char *path;
	int r;

	ret->nr = 0;
	r = sd_bus_call_method(bus, BUS_NAME, BUS_PATH, "org.freedesktop.DBus.ObjectManager",
			       "GetManagedObjects", &error, &reply, NULL);
	if (r < 0) {
		r = client_fail(r, &error, "read cellflashd's cells");
		goto out;
	}
	r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
	while (r >= 0 && (r = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}")) > 0) {
		r = sd_bus_message_read(reply, "o", &path);
		if (r >= 0)
			r = read_cell_object(reply, path, ret);
		if (r >= 0)
			r = sd_bus_message_exit_container(reply);
	}
	if (r < 0)
		r = client_fail(r, &error, "parse cellflashd's cells");
	else
		qsort(ret->cell, ret->nr, sizeof(ret->cell[0]), cell_compare);
out:
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

/* Calls a method that changes something (and may need polkit): @sig/@arg, one argument or none. */
static int call_change(sd_bus *bus, const char *method, const char *sig, const char *arg, bool interactive,
		       const char *what)
{
	sd_bus_error error = SD_BUS_ERROR_NULL;
	sd_bus_message *call = NULL, *reply = NULL;
	int r;

	r = sd_bus_message_new_method_call(bus, &call, BUS_NAME, BUS_PATH, BUS_INTERFACE, method);
	if (r >= 0 && sig)
		r = sd_bus_message_append(call, sig, arg);
	if (r >= 0)
		r = sd_bus_message_set_allow_interactive_authorization(call, interactive);
	if (r >= 0)
		r = sd_bus_call(bus, call, CHANGE_TIMEOUT_USEC, &error, &reply);
	if (r < 0)
		r = client_fail(r, &error, what);
	sd_bus_message_unref(call);
	sd_bus_message_unref(reply);
	sd_bus_error_free(&error);
	return r < 0 ? r : 0;
}

int client_restart(sd_bus *bus, bool interactive)
{
	return call_change(bus, "Restart", NULL, NULL, interactive, "restart the scheduler");
}

int client_set_primary_domain(sd_bus *bus, const char *domain, bool interactive)
{
	return call_change(bus, "SetPrimaryDomain", "s", domain, interactive, "set the primary domain");
}

int client_rebalance(sd_bus *bus, bool interactive)
{
	return call_change(bus, "Rebalance", NULL, NULL, interactive, "rebalance the cells");
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
	/* The third, all zeros, is the base after a re-attach: a static one
	 * would put 100 kB of zeros into the binary. */
	_cleanup_free_ struct ctl_cells *cells = calloc(3, sizeof(*cells));
	struct ctl_cells *cells_prev = cells, *cells_now = cells + 1, *swap;
	const struct ctl_cells *no_cells = cells + 2;
	const struct ctl_cells *base;
	struct ctl_metrics prev, now;
	struct timespec next, t;
	int r;

	if (!cells)
		return log_oom();
	r = client_get_metrics(bus, &prev);
	if (r >= 0)
		r = client_get_cells(bus, cells_prev);
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
		if (r >= 0)
			r = client_get_cells(bus, cells_now);
		if (r < 0)
			return r;
		/* After a re-attach the cells count from zero, like the totals. */
		base = now.attached_at_usec == prev.attached_at_usec ? cells_prev : no_cells;
		if (json)
			monitor_print_json(stdout, &prev, &now, base, now.attached_at_usec ? cells_now : NULL);
		else
			monitor_print_line(stdout, &prev, &now);
		/* Cell 0 alone is the whole machine: the totals said it all. */
		if (!json && now.attached_at_usec && cells_now->nr > 1)
			monitor_print_cells(stdout, base, cells_now);
		fflush(stdout);
		prev = now;
		swap = cells_prev;
		cells_prev = cells_now;
		cells_now = swap;
	}
}
