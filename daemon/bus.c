/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
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

	bus_backend_get_status(b->backend, &s);
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
	CONST_PROPERTY("SliceUs", "t"),
	CONST_PROPERTY("SliceLagUs", "t"),
	CONST_PROPERTY("ExitDumpLen", "u"),
	METRIC_PROPERTY("NrRunning"),
	METRIC_PROPERTY("NrOnlineCpus"),
	METRIC_PROPERTY("KthreadDispatches"),
	METRIC_PROPERTY("DirectDispatches"),
	METRIC_PROPERTY("SharedDispatches"),
	SD_BUS_VTABLE_END
};

/* Names of the STATE_PROPERTY()s above. */
static const char *const state_properties[] = {
	"State", "RestartCount", "LastExitKind", "LastExitCode", "LastExitReason", "LastExitMessage", NULL,
};

void bus_emit_state_changed(Bus *b)
{
	int r;

	if (!b)
		return;
	r = sd_bus_emit_properties_changed_strv(b->bus, BUS_PATH, BUS_INTERFACE, (char **)state_properties);
	if (r < 0)
		log_debug_errno(r, "Cannot send PropertiesChanged: %m");
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
	/* The cells will be children of the object. */
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
