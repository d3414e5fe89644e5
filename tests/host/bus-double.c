/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A stand-in for cellflashd on a private system bus: the real bus object
 * (bus.c, bus-polkit.c) over a scheduler that exists only here. Linked
 * only into this test program.
 *
 * The scheduler starts attached. Each GetMetrics() or metric read moves the
 * counters on; Restart() re-attaches (counters from zero, RestartCount + 1);
 * SIGUSR1 makes it "detached" by SysRq-S, SIGUSR2 "failed" (Restart then
 * refuses); after SIGHUP the next Restart finds another scheduler loaded,
 * after SIGALRM it fails to attach. SIGTERM ends it.
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
	int restart_error;		/* the next Restart's, once */
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
	r = sd_event_loop(event);
	bus_free(d.bus);
	sd_event_unref(event);
	return r < 0 ? 1 : 0;
}
