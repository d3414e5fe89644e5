/* SPDX-License-Identifier: GPL-2.0-only */
/* The manager's side of bus-backend.h: what the bus object reads and asks for. */
#include <time.h>

#include "bus-backend.h"
#include "manager.h"
#include "util.h"

static uint64_t monotonic_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * USEC_PER_SEC + (uint64_t)ts.tv_nsec / NSEC_PER_USEC;
}

void bus_backend_get_status(void *backend, struct bus_backend_status *ret)
{
	Manager *m = backend;

	*ret = (struct bus_backend_status) {
		.state = sched_state_to_string(m->state),
		.restart_count = m->restart_count,
		.last_exit = m->last_exit,
		.config = m->config,
	};
}

void bus_backend_get_metrics(void *backend, struct bus_backend_metrics *ret)
{
	Manager *m = backend;

	*ret = (struct bus_backend_metrics) {
		.timestamp_usec = monotonic_usec(),
		.attached_at_usec = m->sched ? m->attached_at : 0,
		.state = sched_state_to_string(m->state),
	};
	if (m->sched)
		scheduler_read_metrics(m->sched, &m->topo->online, &ret->metrics, NULL);
}

int bus_backend_restart(void *backend)
{
	return manager_restart(backend);
}
