/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * May the caller of a method do this? Root may; others ask polkit, without
 * blocking the event loop: the method call is set aside while polkit
 * answers (perhaps after asking the user for a password) and dispatched
 * again once it has.
 */
#ifndef CELLFLASH_BUS_POLKIT_H
#define CELLFLASH_BUS_POLKIT_H

#include <systemd/sd-bus.h>

/* The checks in flight; one per bus object. */
typedef struct PolkitRegistry PolkitRegistry;

PolkitRegistry *polkit_registry_new(void);
/* Cancels the checks in flight; their callers get no reply. */
PolkitRegistry *polkit_registry_free(PolkitRegistry *r);

/*
 * May the sender of @m do @action? Returns 1: yes, go on. 0: polkit was
 * asked and @m will be dispatched again when it answers; the method handler
 * returns 1 and leaves @m unanswered until then. Negative errno with @error
 * set: no (AccessDenied, InteractiveAuthorizationRequired).
 *
 * Call it after validating the arguments and before changing anything: the
 * handler runs again from the start when polkit has answered.
 */
int bus_verify_polkit_async(sd_bus_message *m, const char *action, PolkitRegistry *registry,
			    sd_bus_error *error);

#endif
