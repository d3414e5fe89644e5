/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdlib.h>
#include <systemd/sd-bus.h>

#include "bus.h"
#include "bus-api.h"
#include "bus-backend.h"
#include "bus-polkit.h"
#include "exit-info.h"
#include "log.h"
#include "metrics-doc.h"
#include "util.h"

struct Bus {
	sd_bus *bus;
	void *backend;
	PolkitRegistry *polkit;
	sd_bus_slot *object_slot;
	sd_bus_slot *cells_slot;
	sd_bus_slot *cells_enum_slot;
	/* The cells as last announced, by id, to announce only what changed. */
	uint64_t cells_announced;	/* bit per cell id */
	struct announced_cell {
		uint64_t cgroup_id;
		bool pinned;
		struct cpumask cpus;
	} announced[CELLFLASH_MAX_CELLS];
	sd_bus_slot *manager_slot;
	sd_bus_slot *name_slot;
	sd_bus_slot *disconnect_slot;
};

static int property_get_const(sd_bus *bus, const char *path, const char *interface,
			      const char *property, sd_bus_message *reply, void *userdata,
			      sd_bus_error *error)
{
	return sd_bus_message_append(reply, "s", streq(property, "Version") ? PACKAGE_VERSION : CELLFLASH_OPS_NAME);
}

static int property_get_status(sd_bus *bus, const char *path, const char *interface,
			       const char *property, sd_bus_message *reply, void *userdata,
			       sd_bus_error *error)
{
	Bus *b = userdata;
	struct bus_backend_status s;
	const struct scheduler_exit *e = &s.last_exit;
	char list[CPULIST_MAX];

	bus_backend_get_status(b->backend, &s);
	if (streq(property, "PrimaryDomain") || streq(property, "PrimaryDomainCpus")) {
		int r = streq(property, "PrimaryDomain") ?
			domain_spec_format(&s.config.primary_domain, list, sizeof(list)) :
			cpumask_format_list(&s.domain.cpus, list, sizeof(list));

		if (r < 0)
			return r;
		return sd_bus_message_append(reply, "s", list);
	}
	if (streq(property, "PrimaryDomainMode"))
		return sd_bus_message_append(reply, "s", domain_mode_to_string(s.domain.mode));
	if (streq(property, "PowerProfile"))
		return sd_bus_message_append(reply, "s", s.power_profile);
	if (streq(property, "PowerProfileSource"))
		return sd_bus_message_append(reply, "s", s.power_profile_source);
	if (streq(property, "NrCells"))
		return sd_bus_message_append(reply, "u", s.nr_cells);
	if (streq(property, "RunId"))
		return sd_bus_message_append(reply, "t", s.config.has_run_id ? s.config.run_id : UINT64_C(0));
	if (streq(property, "State"))
		return sd_bus_message_append(reply, "s", s.state);
	if (streq(property, "RestartCount"))
		return sd_bus_message_append(reply, "u", s.restart_count);
	if (streq(property, "LastExitKind"))
		return sd_bus_message_append(reply, "s", exit_kind_to_string(e->kind));
	if (streq(property, "LastExitCode"))
		return sd_bus_message_append(reply, "x", e->kind ? e->code : 0);
	if (streq(property, "LastExitReason"))
		return sd_bus_message_append(reply, "s", e->kind ? e->reason : "");
	if (streq(property, "LastExitMessage"))
		return sd_bus_message_append(reply, "s", e->kind ? e->msg : "");
	if (streq(property, "SliceUs"))
		return sd_bus_message_append(reply, "t", s.config.slice_us);
	if (streq(property, "SliceLagUs"))
		return sd_bus_message_append(reply, "t", s.config.slice_lag_us);
	if (streq(property, "ExitDumpLen"))
		return sd_bus_message_append(reply, "u", s.config.exit_dump_len);
	return sd_bus_error_setf(error, SD_BUS_ERROR_UNKNOWN_PROPERTY, "Unknown property %s.", property);
}

static int property_get_metric(sd_bus *bus, const char *path, const char *interface,
			       const char *property, sd_bus_message *reply, void *userdata,
			       sd_bus_error *error)
{
	Bus *b = userdata;
	const struct metric_doc *d = metric_doc_find(property);
	struct bus_backend_metrics s;

	if (!d)
		return sd_bus_error_setf(error, SD_BUS_ERROR_UNKNOWN_PROPERTY, "Unknown property %s.", property);
	bus_backend_get_metrics(b->backend, &s);
	return sd_bus_message_append(reply, "t", metric_value(&s.metrics, d));
}

static int method_get_metrics(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	Bus *b = userdata;
	sd_bus_message *reply = NULL;
	struct bus_backend_metrics s;
	int r;

	/* One read of the backend: every value in the reply is from the same moment. */
	bus_backend_get_metrics(b->backend, &s);

	r = sd_bus_message_new_method_return(m, &reply);
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "{sv}");
	if (r >= 0)
		r = sd_bus_message_append(reply, "{sv}{sv}{sv}",
					  "Timestamp", "t", s.timestamp_usec,
					  "AttachedAt", "t", s.attached_at_usec,
					  "State", "s", s.state);
	for (size_t i = 0; r >= 0 && i < metric_docs_len; i++)
		r = sd_bus_message_append(reply, "{sv}", metric_docs[i].name, "t",
					  metric_value(&s.metrics, &metric_docs[i]));
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_send(NULL, reply, NULL);
	sd_bus_message_unref(reply);
	return r < 0 ? r : 1;
}

/* Options: every option of the command line but the primary domain (a property of its own, it changes). */
static int property_get_options(sd_bus *bus, const char *path, const char *interface,
				const char *property, sd_bus_message *reply, void *userdata,
				sd_bus_error *error)
{
	Bus *b = userdata;
	struct bus_backend_status s;
	const struct config *c = &s.config;
	int r;

	bus_backend_get_status(b->backend, &s);
	r = sd_bus_message_open_container(reply, 'a', "{sv}");
#define OPT(name, sig, value) \
	if (r >= 0) r = sd_bus_message_append(reply, "{sv}", name, sig, value)
#define SECONDS(usec) ((double)(usec) / USEC_PER_SEC)
	OPT("slice-us", "t", c->slice_us);
	OPT("slice-us-lag", "t", c->slice_lag_us);
	OPT("throttle-us", "t", c->throttle_us);
	OPT("tickless", "b", c->tickless);
	OPT("rr-sched", "b", c->rr_sched);
	OPT("wakeup-throttle", "b", c->wakeup_throttle);
	OPT("disable-smt", "b", c->disable_smt);
	OPT("disable-numa", "b", c->disable_numa);
	OPT("cpufreq", "b", c->cpufreq);
	OPT("idle-resume-us", "x", c->idle_resume_us);
	OPT("cell-parent-cgroup", "s", c->cell_parent_cgroup);
	OPT("cell0-min-cpus", "u", c->cell0_min_cpus);
	OPT("rebalance-cpus-interval-s", "d", SECONDS(c->rebalance_interval_us));
	OPT("reconfiguration-interval-s", "d", SECONDS(c->reconfigure_interval_us));
	OPT("monitor-interval-s", "d", SECONDS(c->cell_sample_interval_us));
	OPT("enable-llc-awareness", "b", c->llc_aware);
	OPT("enable-work-stealing", "b", c->work_stealing);
	OPT("reject-multicpu-pinning", "b", c->reject_multicpu_pinning);
	OPT("cpu-controller-disabled", "b", c->cpu_controller_disabled);
	OPT("exiting-task-workaround", "b", c->exiting_task_workaround);
	OPT("debug-events", "b", c->debug_events);
	OPT("exit-dump-len", "u", c->exit_dump_len);
	OPT("stats", "d", SECONDS(c->stats_interval_us));
	OPT("debug", "b", c->debug);
	OPT("verbose", "b", c->verbose);
#undef SECONDS
#undef OPT
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'e', "sv");
	if (r >= 0)
		r = sd_bus_message_append(reply, "s", "cell-exclude");
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'v', "as");
	if (r >= 0)
		r = sd_bus_message_open_container(reply, 'a', "s");
	for (unsigned i = 0; r >= 0 && i < c->nr_cell_exclude; i++)
		r = sd_bus_message_append(reply, "s", c->cell_exclude[i]);
	for (int i = 0; r >= 0 && i < 3; i++)
		r = sd_bus_message_close_container(reply);
	if (r >= 0)
		r = sd_bus_message_close_container(reply);
	return r;
}

static int method_set_primary_domain(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	Bus *b = userdata;
	struct domain_spec spec;
	char why[256];
	const char *arg;
	int r;

	r = sd_bus_message_read(m, "s", &arg);
	if (r < 0)
		return r;
	/* Checked before polkit is asked: a bad value never prompts anyone. */
	if (domain_spec_parse(arg, &spec, why, sizeof(why)) < 0 ||
	    bus_backend_check_primary_domain(b->backend, &spec, why, sizeof(why)) < 0)
		return sd_bus_error_setf(error, SD_BUS_ERROR_INVALID_ARGS, "Invalid primary domain: %s.", why);

	r = bus_verify_polkit_async(m, POLKIT_ACTION_MANAGE, b->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;	/* 0: polkit answers later; this runs again then */

	log_notice("Primary domain '%s' requested by %s.", arg, sd_bus_message_get_sender(m));
	bus_backend_set_primary_domain(b->backend, &spec);
	return sd_bus_reply_method_return(m, NULL);
}

static int method_rebalance(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	Bus *b = userdata;
	int r;

	r = bus_verify_polkit_async(m, POLKIT_ACTION_MANAGE, b->polkit, error);
	if (r <= 0)
		return r < 0 ? r : 1;

	log_notice("Cell rebalance requested by %s.", sd_bus_message_get_sender(m));
	r = bus_backend_rebalance(b->backend);
	if (r == -ESHUTDOWN)
		return sd_bus_error_set(error, BUS_ERROR_SHUTTING_DOWN,
					"cellflashd is stopping or gave up after repeated failures.");
	if (r < 0)
		return r;
	return sd_bus_reply_method_return(m, NULL);
}

static int method_restart(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
	Bus *b = userdata;
	int r;

	/* No arguments: sd-bus has refused any. */
	r = bus_verify_polkit_async(m, POLKIT_ACTION_MANAGE, b->polkit, error);
	if (r < 0)
		return r;
	if (r == 0)
		return 1;	/* polkit answers later; this runs again then */

	log_notice("Restart requested by %s.", sd_bus_message_get_sender(m));
	r = bus_backend_restart(b->backend);
	if (r == -ESHUTDOWN)
		return sd_bus_error_set(error, BUS_ERROR_SHUTTING_DOWN,
					"cellflashd is stopping or gave up after repeated failures.");
	if (r == -EBUSY)
		return sd_bus_error_set(error, BUS_ERROR_BUSY,
					"Another sched_ext scheduler is loaded: see /sys/kernel/sched_ext/root/ops.");
	if (r < 0)
		return sd_bus_error_setf(error, BUS_ERROR_ATTACH_FAILED,
					 "The scheduler could not be attached (%s); cellflashd retries with backoff.",
					 strerror(-r));
	return sd_bus_reply_method_return(m, NULL);
}

#define STATE_PROPERTY(name, sig) \
	SD_BUS_PROPERTY(name, sig, property_get_status, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE)
#define CONST_PROPERTY(name, sig) \
	SD_BUS_PROPERTY(name, sig, property_get_status, 0, SD_BUS_VTABLE_PROPERTY_CONST)
/* Counters change all the time: clients read them, no signal. */
#define METRIC_PROPERTY(name) \
	SD_BUS_PROPERTY(name, "t", property_get_metric, 0, 0)

static const sd_bus_vtable scheduler_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("Restart", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
				method_restart, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("SetPrimaryDomain", SD_BUS_ARGS("s", domain), SD_BUS_NO_RESULT,
				method_set_primary_domain, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("Rebalance", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
				method_rebalance, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD_WITH_ARGS("GetMetrics", SD_BUS_NO_ARGS, SD_BUS_RESULT("a{sv}", metrics),
				method_get_metrics, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_PROPERTY("Version", "s", property_get_const, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("OpsName", "s", property_get_const, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	STATE_PROPERTY("State", "s"),
	STATE_PROPERTY("RestartCount", "u"),
	STATE_PROPERTY("LastExitKind", "s"),
	STATE_PROPERTY("LastExitCode", "x"),
	STATE_PROPERTY("LastExitReason", "s"),
	STATE_PROPERTY("LastExitMessage", "s"),
	STATE_PROPERTY("PrimaryDomain", "s"),
	STATE_PROPERTY("PrimaryDomainMode", "s"),
	STATE_PROPERTY("PrimaryDomainCpus", "s"),
	STATE_PROPERTY("PowerProfile", "s"),
	STATE_PROPERTY("PowerProfileSource", "s"),
	STATE_PROPERTY("NrCells", "u"),
	CONST_PROPERTY("RunId", "t"),
	SD_BUS_PROPERTY("Options", "a{sv}", property_get_options, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	CONST_PROPERTY("SliceUs", "t"),
	CONST_PROPERTY("SliceLagUs", "t"),
	CONST_PROPERTY("ExitDumpLen", "u"),
	METRIC_PROPERTY("NrRunning"),
	METRIC_PROPERTY("NrOnlineCpus"),
	METRIC_PROPERTY("KthreadDispatches"),
	METRIC_PROPERTY("DirectDispatches"),
	METRIC_PROPERTY("SharedDispatches"),
	METRIC_PROPERTY("CpuQueueDispatches"),
	METRIC_PROPERTY("KeptRunning"),
	METRIC_PROPERTY("Moved"),
	METRIC_PROPERTY("WakeupThrottled"),
	METRIC_PROPERTY("AffinityViolations"),
	METRIC_PROPERTY("Steals"),
	METRIC_PROPERTY("CpuPerfMin"),
	METRIC_PROPERTY("CpuPerfMax"),
	SD_BUS_VTABLE_END
};

/* The STATE_PROPERTY()s above, by what changes them together. */
static const char *const state_properties[] = {
	"State", "RestartCount", "LastExitKind", "LastExitCode", "LastExitReason", "LastExitMessage", NULL,
};
static const char *const power_properties[] = {
	"PrimaryDomain", "PrimaryDomainMode", "PrimaryDomainCpus", "PowerProfile", "PowerProfileSource", NULL,
};

static void emit_changed(Bus *b, const char *path, const char *interface, const char *const *names)
{
	int r;

	if (!b)
		return;
	r = sd_bus_emit_properties_changed_strv(b->bus, path, interface, (char **)names);
	if (r < 0)
		log_debug_errno(r, "Cannot send PropertiesChanged: %m");
}

void bus_emit_state_changed(Bus *b)
{
	emit_changed(b, BUS_PATH, BUS_INTERFACE, state_properties);
}

void bus_emit_power_changed(Bus *b)
{
	emit_changed(b, BUS_PATH, BUS_INTERFACE, power_properties);
}

/* --- the cells: BUS_CELLS_PATH/<id>, org.cellflash.Cell1 ----------------------- */

/* The cell id of @path, a child of BUS_CELLS_PATH: "<id>" in decimal, no leading zero. */
static int cell_id_from_path(const char *path, unsigned *ret)
{
	static const char prefix[] = BUS_CELLS_PATH "/";
	const char *s = path;
	char *end;
	unsigned long v;

	if (strncmp(s, prefix, sizeof(prefix) - 1))
		return -ENOENT;
	s += sizeof(prefix) - 1;
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1]))
		return -ENOENT;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v >= CELLFLASH_MAX_CELLS)
		return -ENOENT;
	*ret = (unsigned)v;
	return 0;
}

static int cell_find(sd_bus *bus, const char *path, const char *interface, void *userdata,
		     void **found, sd_bus_error *error)
{
	Bus *b = userdata;
	struct bus_backend_cell c;
	unsigned id;

	if (cell_id_from_path(path, &id) < 0 || bus_backend_get_cell(b->backend, id, false, &c) < 0)
		return 0;
	*found = b;
	return 1;
}

static int cell_enumerate(sd_bus *bus, const char *prefix, void *userdata, char ***ret_nodes,
			  sd_bus_error *error)
{
	Bus *b = userdata;
	unsigned ids[CELLFLASH_MAX_CELLS], n = bus_backend_cell_ids(b->backend, ids);
	char **nodes = calloc(n + 1, sizeof(*nodes));

	if (!nodes)
		return -ENOMEM;
	for (unsigned i = 0; i < n; i++)
		if (asprintf(&nodes[i], BUS_CELLS_PATH "/%u", ids[i]) < 0) {
			for (unsigned j = 0; j < i; j++)
				free(nodes[j]);
			free(nodes);
			return -ENOMEM;
		}
	*ret_nodes = nodes;
	return 0;
}

static const struct {
	const char *name;
	enum cell_stat stat;
} cell_counters[] = {
	{ "LocalDispatches", CELL_STAT_LOCAL },
	{ "CpuQueueDispatches", CELL_STAT_CPU_QUEUE },
	{ "CellQueueDispatches", CELL_STAT_CELL_QUEUE },
	{ "AffinityViolations", CELL_STAT_AFFINITY_VIOLATIONS },
	{ "Steals", CELL_STAT_STEALS },
};

static int property_get_cell(sd_bus *bus, const char *path, const char *interface,
			     const char *property, sd_bus_message *reply, void *userdata,
			     sd_bus_error *error)
{
	Bus *b = userdata;
	struct bus_backend_cell c;
	char list[CPULIST_MAX];
	unsigned id;
	bool counter = false;
	int r;

	for (size_t i = 0; i < ELEMENTSOF(cell_counters); i++)
		counter |= streq(property, cell_counters[i].name);
	if (cell_id_from_path(path, &id) < 0 || bus_backend_get_cell(b->backend, id, counter, &c) < 0)
		return sd_bus_error_setf(error, SD_BUS_ERROR_UNKNOWN_OBJECT, "There is no cell at %s now.", path);

	for (size_t i = 0; i < ELEMENTSOF(cell_counters); i++)
		if (streq(property, cell_counters[i].name))
			return sd_bus_message_append(reply, "t", c.counts.count[cell_counters[i].stat]);
	if (streq(property, "Id"))
		return sd_bus_message_append(reply, "u", c.id);
	if (streq(property, "CgroupPath"))
		return sd_bus_message_append(reply, "s", c.path);
	if (streq(property, "Pinned"))
		return sd_bus_message_append(reply, "b", c.pinned);
	if (streq(property, "NrCpus"))
		return sd_bus_message_append(reply, "u", cpumask_weight(&c.cpus));
	if (streq(property, "Utilization"))
		return sd_bus_message_append(reply, "d", c.util);
	if (streq(property, "Cpus")) {
		r = cpumask_format_list(&c.cpus, list, sizeof(list));
		return r < 0 ? r : sd_bus_message_append(reply, "s", list);
	}
	return sd_bus_error_setf(error, SD_BUS_ERROR_UNKNOWN_PROPERTY, "Unknown property %s.", property);
}

#define CELL_PROPERTY(name, sig, flags) SD_BUS_PROPERTY(name, sig, property_get_cell, 0, flags)

static const sd_bus_vtable cell_vtable[] = {
	SD_BUS_VTABLE_START(0),
	CELL_PROPERTY("Id", "u", SD_BUS_VTABLE_PROPERTY_CONST),
	CELL_PROPERTY("CgroupPath", "s", SD_BUS_VTABLE_PROPERTY_CONST),
	CELL_PROPERTY("Pinned", "b", SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	CELL_PROPERTY("Cpus", "s", SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	CELL_PROPERTY("NrCpus", "u", SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	CELL_PROPERTY("Utilization", "d", 0),
	CELL_PROPERTY("LocalDispatches", "t", 0),
	CELL_PROPERTY("CpuQueueDispatches", "t", 0),
	CELL_PROPERTY("CellQueueDispatches", "t", 0),
	CELL_PROPERTY("AffinityViolations", "t", 0),
	CELL_PROPERTY("Steals", "t", 0),
	SD_BUS_VTABLE_END
};

static const char *const cell_changing_properties[] = { "Pinned", "Cpus", "NrCpus", NULL };

/* The cells that exist now: a bit per id, and what may change of each. */
static uint64_t cells_now(Bus *b, struct announced_cell *ret)
{
	unsigned ids[CELLFLASH_MAX_CELLS], n = bus_backend_cell_ids(b->backend, ids);
	struct bus_backend_cell c;
	uint64_t now = 0;

	for (unsigned i = 0; i < n; i++)
		if (bus_backend_get_cell(b->backend, ids[i], false, &c) >= 0) {
			now |= UINT64_C(1) << ids[i];
			ret[ids[i]] = (struct announced_cell) { c.cgroup_id, c.pinned, c.cpus };
		}
	return now;
}

static void cell_announce(Bus *b, unsigned id, int (*emit)(sd_bus *, const char *, const char *, ...))
{
	char path[sizeof(BUS_CELLS_PATH) + 16];
	int r;

	snprintf(path, sizeof(path), BUS_CELLS_PATH "/%u", id);
	r = emit(b->bus, path, BUS_CELL_INTERFACE, NULL);
	if (r < 0)
		log_debug_errno(r, "Cannot announce the change of %s: %m", path);
}

static int emit_cell_properties(sd_bus *bus, const char *path, const char *interface, ...)
{
	return sd_bus_emit_properties_changed_strv(bus, path, interface, (char **)cell_changing_properties);
}

void bus_emit_cells_changed(Bus *b)
{
	static const char *const nr_cells[] = { "NrCells", NULL };
	struct announced_cell now_cells[CELLFLASH_MAX_CELLS];
	uint64_t now, before;

	if (!b)
		return;
	now = cells_now(b, now_cells);
	before = b->cells_announced;
	for (unsigned id = 0; id < CELLFLASH_MAX_CELLS; id++) {
		uint64_t bit = UINT64_C(1) << id;
		const struct announced_cell *was = &b->announced[id], *is = &now_cells[id];
		/* An id another cgroup took over is another object. */
		bool same = (before & bit) && (now & bit) && was->cgroup_id == is->cgroup_id;

		if ((before & bit) && !same)
			cell_announce(b, id, sd_bus_emit_interfaces_removed);
		if ((now & bit) && !same)
			cell_announce(b, id, sd_bus_emit_interfaces_added);
		else if (same && (was->pinned != is->pinned || !cpumask_equal(&was->cpus, &is->cpus)))
			cell_announce(b, id, emit_cell_properties);
		if (now & bit)
			b->announced[id] = *is;
	}
	b->cells_announced = now;
	if (__builtin_popcountll(now) != __builtin_popcountll(before))
		emit_changed(b, BUS_PATH, BUS_INTERFACE, nr_cells);
}

void bus_sync_cells(Bus *b)
{
	if (b)
		b->cells_announced = cells_now(b, b->announced);
}

static int on_name_acquired(sd_bus_message *reply, void *userdata, sd_bus_error *ret_error)
{
	const sd_bus_error *e = sd_bus_message_get_error(reply);
	uint32_t result = 0;
	int r;

	if (e) {
		log_warning("Cannot own the name %s on the system bus (%s); the D-Bus interface is unavailable.",
			    BUS_NAME, e->message);
		return 1;
	}
	/* RequestName answers 1 (now the owner), 3 (someone else is: another
	 * cellflashd) or 4 (already the owner); 2 (queued) needs a flag we do not pass. */
	r = sd_bus_message_read(reply, "u", &result);
	if (r < 0 || (result != 1 && result != 4))
		log_warning("Cannot own the name %s on the system bus (%s); the D-Bus interface is unavailable.",
			    BUS_NAME, r < 0 ? "unreadable reply" : "another process owns it");
	else
		log_debug("Acquired the name %s on the system bus.", BUS_NAME);
	return 1;
}

static int on_disconnected(sd_bus_message *m, void *userdata, sd_bus_error *ret_error)
{
	/* The scheduler does not depend on the bus: go on without it. */
	log_warning("Lost the connection to the system bus; the D-Bus interface is unavailable "
		    "until cellflashd is restarted.");
	return 0;
}

sd_bus *bus_connection(Bus *b)
{
	return b ? b->bus : NULL;
}

Bus *bus_free(Bus *b)
{
	if (!b)
		return NULL;
	polkit_registry_free(b->polkit);
	sd_bus_slot_unref(b->name_slot);
	sd_bus_slot_unref(b->disconnect_slot);
	sd_bus_slot_unref(b->manager_slot);
	sd_bus_slot_unref(b->cells_enum_slot);
	sd_bus_slot_unref(b->cells_slot);
	sd_bus_slot_unref(b->object_slot);
	sd_bus_flush_close_unref(b->bus);
	free(b);
	return NULL;
}

int bus_start(Bus **ret, sd_event *event, void *backend)
{
	_cleanup_(bus_freep) Bus *b = NULL;
	const char *what;
	int r;

	b = calloc(1, sizeof(*b));
	if (!b)
		return log_oom();
	b->backend = backend;
	b->polkit = polkit_registry_new();
	if (!b->polkit)
		return log_oom();

	what = "connect to the system bus";
	r = sd_bus_open_system(&b->bus);
	if (r >= 0) {
		what = "export " BUS_PATH;
		r = sd_bus_add_object_vtable(b->bus, &b->object_slot, BUS_PATH, BUS_INTERFACE,
					     scheduler_vtable, b);
	}
	if (r >= 0)
		r = sd_bus_add_fallback_vtable(b->bus, &b->cells_slot, BUS_CELLS_PATH, BUS_CELL_INTERFACE,
					       cell_vtable, cell_find, b);
	if (r >= 0)
		r = sd_bus_add_node_enumerator(b->bus, &b->cells_enum_slot, BUS_CELLS_PATH, cell_enumerate, b);
	if (r >= 0)
		r = sd_bus_add_object_manager(b->bus, &b->manager_slot, BUS_PATH);
	if (r >= 0)
		r = sd_bus_match_signal(b->bus, &b->disconnect_slot, "org.freedesktop.DBus.Local", NULL,
					"org.freedesktop.DBus.Local", "Disconnected", on_disconnected, NULL);
	if (r >= 0) {
		what = "ask for the name " BUS_NAME;
		r = sd_bus_request_name_async(b->bus, &b->name_slot, BUS_NAME, 0, on_name_acquired, NULL);
	}
	if (r >= 0) {
		what = "attach the bus to the event loop";
		r = sd_bus_attach_event(b->bus, event, SD_EVENT_PRIORITY_NORMAL);
	}
	if (r < 0)
		return log_warning_errno(r, "Cannot %s (%m); running without the D-Bus interface.", what);

	*ret = TAKE_PTR(b);
	return 0;
}
