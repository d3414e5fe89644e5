/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A stand-in for cellflashd on a private system bus: the real bus object
 * (bus.c, bus-polkit.c) over a scheduler that exists only here. Linked
 * only into this test program.
 *
 * The scheduler starts attached. Each GetMetrics() or metric read moves the
 * counters on; Restart() re-attaches (counters from zero, RestartCount + 1);
 * SIGUSR1 makes it "detached" by SysRq-S, SIGUSR2 "failed" (Restart then
 * refuses). SIGTERM ends it.
 */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "bus.h"
#include "bus-backend.h"
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
	};
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
}

int bus_backend_restart(void *backend)
{
	struct double_state *d = backend;

	if (streq(d->state, "failed"))
		return -ESHUTDOWN;
	d->restart_count++;
	double_attach(d);
	bus_emit_state_changed(d->bus);
	return 0;
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata)
{
	struct double_state *d = userdata;

	switch (si->ssi_signo) {
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
	struct double_state d = {};
	sd_event *event = NULL;
	sigset_t mask;
	int r;

	log_setup("bus-double");
	config_init(&d.config);
	double_attach(&d);

	sigemptyset(&mask);
	for (int sig = 0, sigs[] = { SIGTERM, SIGINT, SIGUSR1, SIGUSR2 }; sig < 4; sig++)
		sigaddset(&mask, sigs[sig]);
	sigprocmask(SIG_BLOCK, &mask, NULL);

	r = sd_event_default(&event);
	if (r < 0)
		return log_error_errno(r, "Cannot create the event loop: %m"), 1;
	sd_event_add_signal(event, NULL, SIGTERM, on_signal, &d);
	sd_event_add_signal(event, NULL, SIGINT, on_signal, &d);
	sd_event_add_signal(event, NULL, SIGUSR1, on_signal, &d);
	sd_event_add_signal(event, NULL, SIGUSR2, on_signal, &d);

	r = bus_start(&d.bus, event, &d);
	if (r < 0)
		return 1;
	r = sd_event_loop(event);
	bus_free(d.bus);
	sd_event_unref(event);
	return r < 0 ? 1 : 0;
}
