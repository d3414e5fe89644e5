/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A stand-in for cellflashd on a private system bus: the real bus object
 * (bus.c, bus-polkit.c) over a scheduler that exists only here. Linked
 * only into this test program.
 *
 * The scheduler starts attached, on 4 CPUs (0-3), with two cells: cell 0
 * and cell 1 (/work.slice, cpuset 2-3). Each GetMetrics() or metric read
 * moves the counters on, each cell counter read the cell's counters;
 * Restart() re-attaches (counters from zero, RestartCount + 1); Rebalance()
 * adds cell 2 (/batch, CPU 1 by demand) or, when it is there, removes it;
 * SetPrimaryDomain() resolves the domain as the daemon does on these CPUs;
 * SIGUSR1 makes it "detached" by SysRq-S, SIGUSR2 "failed" (Restart then
 * refuses); after SIGHUP the next Restart finds another scheduler loaded,
 * after SIGALRM it fails to attach. SIGTERM ends it.
 */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "bus.h"
#include "bus-backend.h"
#include "domain.h"
#include "exit-info.h"
#include "log.h"
#include "util.h"

struct double_state {
	const char *state;
	unsigned restart_count;
	uint64_t attached_at;
	struct metrics metrics;
	struct scheduler_exit last_exit;
	struct config config;
	int restart_error;		/* the next Restart's, once */
	struct topology topo;
	struct domain domain;
	unsigned nr_cells;
	struct bus_backend_cell cells[3];
	Bus *bus;
};

static uint64_t monotonic_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * USEC_PER_SEC + (uint64_t)ts.tv_nsec / NSEC_PER_USEC;
}

void bus_backend_get_status(void *backend, struct bus_backend_status *ret)
{
	struct double_state *d = backend;

	*ret = (struct bus_backend_status) {
		.state = d->state,
		.restart_count = d->restart_count,
		.last_exit = d->last_exit,
		.config = d->config,
		.power_profile = "balanced",
		.power_profile_source = "power-profiles-daemon",
		.domain = d->domain,
		.nr_cells = d->nr_cells,
	};
}

int bus_backend_check_primary_domain(void *backend, const struct domain_spec *spec, char *err, size_t n)
{
	struct double_state *d = backend;

	return domain_spec_check(spec, &d->topo, err, n);
}

void bus_backend_set_primary_domain(void *backend, const struct domain_spec *spec)
{
	struct double_state *d = backend;

	d->config.primary_domain = *spec;
	domain_resolve(spec, POWER_PROFILE_BALANCED, &d->topo, &d->domain);
	bus_emit_power_changed(d->bus);
}

static void double_set_cells(struct double_state *d, bool batch)
{
	d->nr_cells = batch ? 3 : 2;
	d->cells[0] = (struct bus_backend_cell) { .id = 0, .path = "/", .util = 0.25 };
	d->cells[1] = (struct bus_backend_cell) { .id = 1, .cgroup_id = 101, .path = "/work.slice", .pinned = true,
						  .util = 0.5 };
	d->cells[2] = (struct bus_backend_cell) { .id = 2, .cgroup_id = 102, .path = "/batch", .util = 0.75 };
	cpumask_set(&d->cells[0].cpus, 0);
	cpumask_set(&d->cells[1].cpus, 2);
	cpumask_set(&d->cells[1].cpus, 3);
	cpumask_set(&d->cells[batch ? 2 : 0].cpus, 1);
}

int bus_backend_rebalance(void *backend)
{
	struct double_state *d = backend;

	if (streq(d->state, "failed"))
		return -ESHUTDOWN;
	double_set_cells(d, d->nr_cells == 2);
	bus_emit_cells_changed(d->bus);
	return 0;
}

unsigned bus_backend_cell_ids(void *backend, unsigned *ids)
{
	struct double_state *d = backend;

	for (unsigned i = 0; i < d->nr_cells; i++)
		ids[i] = d->cells[i].id;
	return d->nr_cells;
}

int bus_backend_get_cell(void *backend, unsigned id, bool with_counts, struct bus_backend_cell *ret)
{
	struct double_state *d = backend;

	if (id >= d->nr_cells)
		return -ENOENT;
	if (with_counts && streq(d->state, "attached"))
		for (unsigned s = 0; s < NR_CELL_STATS; s++)
			d->cells[id].counts.count[s] += id + 1;
	*ret = d->cells[id];
	return 0;
}

void bus_backend_get_metrics(void *backend, struct bus_backend_metrics *ret)
{
	struct double_state *d = backend;
	bool attached = streq(d->state, "attached");

	if (attached) {
		d->metrics.nr_kthread_dispatches += 1;
		d->metrics.nr_direct_dispatches += 6;
		d->metrics.nr_shared_dispatches += 3;
	}
	*ret = (struct bus_backend_metrics) {
		.timestamp_usec = monotonic_usec(),
		.attached_at_usec = attached ? d->attached_at : 0,
		.state = d->state,
	};
	if (attached)
		ret->metrics = d->metrics;
}

static void double_attach(struct double_state *d)
{
	d->state = "attached";
	d->attached_at = monotonic_usec();
	d->metrics = (struct metrics) { .nr_running = 1, .nr_online_cpus = 4 };
	for (unsigned i = 0; i < ELEMENTSOF(d->cells); i++)
		d->cells[i].counts = (struct cell_counts) {};
}

int bus_backend_restart(void *backend)
{
	struct double_state *d = backend;

	int r = d->restart_error;

	if (streq(d->state, "failed"))
		return -ESHUTDOWN;
	d->restart_count++;
	d->restart_error = 0;
	if (r < 0) {
		d->state = "restarting";
		bus_emit_state_changed(d->bus);
		return r;
	}
	double_attach(d);
	bus_emit_state_changed(d->bus);
	return 0;
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata)
{
	struct double_state *d = userdata;

	switch (si->ssi_signo) {
	case SIGHUP:
	case SIGALRM:
		/* Said on stderr, so the test knows when it took effect. */
		d->restart_error = si->ssi_signo == SIGHUP ? -EBUSY : -EIO;
		log_info("The next Restart fails with %s.", strerror(-d->restart_error));
		return 0;
	case SIGUSR1:
		d->state = "detached";
		d->last_exit = (struct scheduler_exit) {
			.kind = EXIT_KIND_SYSRQ, .code = 0, .reason = "disabled by sysrq-S",
		};
		break;
	case SIGUSR2:
		d->state = "failed";
		d->last_exit = (struct scheduler_exit) {
			.kind = EXIT_KIND_ERROR_BPF, .code = -22, .reason = "scx_bpf_error",
			.msg = "a \"quoted\" message\twith a tab",
		};
		break;
	default:
		sd_event_exit(sd_event_source_get_event(s), 0);
		return 0;
	}
	bus_emit_state_changed(d->bus);
	return 0;
}

int main(void)
{
	static const int signals[] = { SIGTERM, SIGINT, SIGUSR1, SIGUSR2, SIGHUP, SIGALRM };
	struct double_state d = {};
	sd_event *event = NULL;
	sigset_t mask;
	int r;

	log_setup("bus-double");
	config_init(&d.config);
	d.topo.nr_cpu_ids = 4;
	for (unsigned cpu = 0; cpu < 4; cpu++) {
		cpumask_set(&d.topo.possible, cpu);
		cpumask_set(&d.topo.online, cpu);
	}
	domain_resolve(&d.config.primary_domain, POWER_PROFILE_BALANCED, &d.topo, &d.domain);
	double_set_cells(&d, false);
	double_attach(&d);

	r = sd_event_default(&event);
	if (r < 0)
		return log_error_errno(r, "Cannot create the event loop: %m"), 1;
	sigemptyset(&mask);
	for (size_t i = 0; i < ELEMENTSOF(signals); i++)
		sigaddset(&mask, signals[i]);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	for (size_t i = 0; i < ELEMENTSOF(signals); i++)
		if (sd_event_add_signal(event, NULL, signals[i], on_signal, &d) < 0)
			return log_error("Cannot watch signal %d.", signals[i]), 1;

	r = bus_start(&d.bus, event, &d);
	if (r < 0)
		return 1;
	bus_sync_cells(d.bus);
	r = sd_event_loop(event);
	bus_free(d.bus);
	sd_event_unref(event);
	return r < 0 ? 1 : 0;
}
