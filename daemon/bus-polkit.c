/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdbool.h>

#include "bus-polkit.h"
#include "log.h"
#include "util.h"

#define POLKIT_NAME		"org.freedesktop.PolicyKit1"
#define POLKIT_PATH		"/org/freedesktop/PolicyKit1/Authority"
#define POLKIT_INTERFACE	"org.freedesktop.PolicyKit1.Authority"
#define POLKIT_ALLOW_USER_INTERACTION	1u	/* CheckAuthorization's flags */

struct polkit_query {
	struct polkit_query *next;
	PolkitRegistry *registry;
	sd_bus_message *request;	/* the call waiting for the answer */
	sd_bus_slot *slot;		/* the CheckAuthorization call */
	char *action;
	bool done;
	int result;			/* when done: 1, or a negative errno */
	sd_bus_error error;		/* when done and refused */
};

struct PolkitRegistry {
	struct polkit_query *queries;
};

PolkitRegistry *polkit_registry_new(void)
{
	return calloc(1, sizeof(PolkitRegistry));
}

static void polkit_query_free(struct polkit_query *q)
{
	for (struct polkit_query **p = &q->registry->queries; *p; p = &(*p)->next)
		if (*p == q) {
			*p = q->next;
			break;
		}
	sd_bus_slot_unref(q->slot);
	sd_bus_message_unref(q->request);
	free(q->action);
	sd_bus_error_free(&q->error);
	free(q);
}

PolkitRegistry *polkit_registry_free(PolkitRegistry *r)
{
	if (!r)
		return NULL;
	while (r->queries)
		polkit_query_free(r->queries);
	free(r);
	return NULL;
}

static struct polkit_query *polkit_query_find(PolkitRegistry *r, sd_bus_message *m)
{
	for (struct polkit_query *q = r->queries; q; q = q->next)
		if (q->request == m)
			return q;
	return NULL;
}

static int sender_is_root(sd_bus_message *m)
{
	sd_bus_creds *creds = NULL;
	uid_t euid;
	int r;

	/* The bus daemon vouches for the uid it saw when the sender connected. */
	r = sd_bus_query_sender_creds(m, SD_BUS_CREDS_EUID | SD_BUS_CREDS_AUGMENT, &creds);
	if (r >= 0)
		r = sd_bus_creds_get_euid(creds, &euid);
	sd_bus_creds_unref(creds);
	if (r < 0)
		return r;
	return euid == 0;
}

/* Settles @q from polkit's answer @reply. Returns @q->result. */
static int polkit_query_settle(struct polkit_query *q, sd_bus_message *reply)
{
	const char *action = q->action;
	const sd_bus_error *e = sd_bus_message_get_error(reply);
	const char *sender = sd_bus_message_get_sender(q->request);
	int authorized, challenge, r;

	if (e) {
		if (sd_bus_error_has_names(e, SD_BUS_ERROR_SERVICE_UNKNOWN, SD_BUS_ERROR_NAME_HAS_NO_OWNER))
			return sd_bus_error_set(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
						"Only root may do this: polkit is not running.");
		log_warning("Cannot check %s's authorization with polkit: %s", sender, e->message);
		return sd_bus_error_setf(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
					 "Cannot check the authorization with polkit: %s", e->message);
	}

	r = sd_bus_message_enter_container(reply, 'r', "bba{ss}");
	if (r >= 0)
		r = sd_bus_message_read(reply, "bb", &authorized, &challenge);
	if (r < 0) {
		log_warning_errno(r, "Cannot parse polkit's answer: %m");
		return sd_bus_error_set(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
					"Cannot parse polkit's answer.");
	}
	if (authorized)
		return 1;
	if (challenge)
		return sd_bus_error_setf(&q->error, SD_BUS_ERROR_INTERACTIVE_AUTHORIZATION_REQUIRED,
					 "Authentication is required for %s.", action);
	return sd_bus_error_setf(&q->error, SD_BUS_ERROR_ACCESS_DENIED,
				 "Not authorized: polkit refused %s.", action);
}

static int on_polkit_reply(sd_bus_message *reply, void *userdata, sd_bus_error *ret_error)
{
	struct polkit_query *q = userdata;
	sd_bus *bus = sd_bus_message_get_bus(q->request);
	int r;

	q->done = true;
	q->result = polkit_query_settle(q, reply);

	/* The handler runs again from the start and finds the answer. */
	r = sd_bus_message_rewind(q->request, true);
	if (r >= 0)
		r = sd_bus_enqueue_for_read(bus, q->request);
	if (r < 0) {
		log_warning_errno(r, "Cannot resume a method call after polkit answered: %m");
		(void) sd_bus_reply_method_errnof(q->request, r, "Cannot resume the call: %m");
		polkit_query_free(q);
	}
	return 1;
}

int bus_verify_polkit_async(sd_bus_message *m, const char *action, PolkitRegistry *registry,
			    sd_bus_error *error)
{
	sd_bus_message *c = NULL;
	struct polkit_query *q;
	const char *sender;
	int interactive, r;

	q = polkit_query_find(registry, m);
	if (q) {
		if (!q->done)
			return 0;
		r = q->result;
		if (r < 0) {
			log_notice("Refused %s to %s: %s", sd_bus_message_get_member(m),
				   sd_bus_message_get_sender(m), q->error.message);
			sd_bus_error_move(error, &q->error);
		}
		polkit_query_free(q);
		return r;
	}

	r = sender_is_root(m);
	if (r > 0)
		return 1;
	if (r < 0)
		return sd_bus_error_set_errnof(error, r, "Cannot tell who the caller is: %m");

	sender = sd_bus_message_get_sender(m);
	if (!sender)
		return sd_bus_error_set(error, SD_BUS_ERROR_ACCESS_DENIED, "The call has no sender.");
	interactive = sd_bus_message_get_allow_interactive_authorization(m);

	q = calloc(1, sizeof(*q));
	if (!q)
		return sd_bus_error_set_errno(error, -ENOMEM);
	q->registry = registry;
	q->request = sd_bus_message_ref(m);
	q->action = strdup(action);
	q->next = registry->queries;
	registry->queries = q;

	r = q->action ? 0 : -ENOMEM;
	if (r >= 0)
		r = sd_bus_message_new_method_call(sd_bus_message_get_bus(m), &c, POLKIT_NAME, POLKIT_PATH,
						   POLKIT_INTERFACE, "CheckAuthorization");
	if (r >= 0)
		r = sd_bus_message_append(c, "(sa{sv})s", "system-bus-name", 1, "name", "s", sender, action);
	if (r >= 0)
		r = sd_bus_message_append(c, "a{ss}", 0);
	if (r >= 0)
		r = sd_bus_message_append(c, "us", interactive > 0 ? POLKIT_ALLOW_USER_INTERACTION : 0, "");
	/* An interactive check waits for a person: allow more than the default 25 s. */
	if (r >= 0)
		r = sd_bus_call_async(sd_bus_message_get_bus(m), &q->slot, c, on_polkit_reply, q,
				      interactive > 0 ? 120 * USEC_PER_SEC : 0);
	sd_bus_message_unref(c);
	if (r < 0) {
		polkit_query_free(q);
		log_warning_errno(r, "Cannot ask polkit: %m");
		return sd_bus_error_set_errnof(error, r, "Cannot ask polkit: %m");
	}
	return 0;
}
