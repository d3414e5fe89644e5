/* SPDX-License-Identifier: GPL-2.0-only */
/* The manager's side of bus-backend.h: what the bus object reads and asks for. */
#include <errno.h>
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
		.power_profile = power_profile_to_string(m->profile),
		.power_profile_source = m->profile_source,
		.domain = m->domain,
		.nr_cells = m->cells ? cell_manager_cells(m->cells)->nr : 1,
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

int bus_backend_check_primary_domain(void *backend, const struct domain_spec *spec, char *err, size_t n)
{
	Manager *m = backend;

	return domain_spec_check(spec, m->topo, err, n);
}

void bus_backend_set_primary_domain(void *backend, const struct domain_spec *spec)
{
	manager_set_primary_domain(backend, spec);
}

int bus_backend_rebalance(void *backend)
{
	return manager_rebalance(backend);
}

unsigned bus_backend_cell_ids(void *backend, unsigned *ids)
{
	Manager *m = backend;
	const struct cell_set *set;

	/* Called while the manager is being set up, too. */
	if (!m->cells)
		return 0;
	set = cell_manager_cells(m->cells);
	for (unsigned i = 0; i < set->nr; i++)
		ids[i] = set->cells[i].id;
	return set->nr;
}

int bus_backend_get_cell(void *backend, unsigned id, bool with_counts, struct bus_backend_cell *ret)
{
	Manager *m = backend;
	const struct cell *c = m->cells ? cell_set_find(cell_manager_cells(m->cells), id) : NULL;

	if (!c)
		return -ENOENT;
	*ret = (struct bus_backend_cell) {
		.id = id,
		.cgroup_id = c->cgroup_id,
		.pinned = c->pinned,
		.cpus = *cell_manager_cpus(m->cells, id),
		.util = cell_manager_util(m->cells, id),
	};
	/* As /proc/PID/cgroup shows cgroups: from the root, with its "/". */
	snprintf(ret->path, sizeof(ret->path), "/%s", c->path);
	if (with_counts && m->sched)
		scheduler_read_cell(m->sched, &m->topo->online, id, &ret->counts);
	return 0;
}
