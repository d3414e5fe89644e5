/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The daemon's state and event loop: keeps the scheduler attached, reacts to
 * its exits (restart now, back off, or stay out), reports to systemd.
 */
#ifndef CELLFLASH_MANAGER_H
#define CELLFLASH_MANAGER_H

#include <systemd/sd-event.h>

#include "bus.h"
#include "cell-manager.h"
#include "config.h"
#include "domain.h"
#include "exit-info.h"
#include "kernel-btf.h"
#include "metrics.h"
#include "pm-qos.h"
#include "power-profile.h"
#include "power-watch.h"
#include "scheduler.h"
#include "topology.h"

enum sched_state {
	SCHED_STATE_ATTACHED,
	SCHED_STATE_RESTARTING,	/* exited; re-attaching after a delay */
	SCHED_STATE_DETACHED,	/* removed by an operator; staying out */
	SCHED_STATE_FAILED,	/* kept failing; the daemon is exiting */
};

typedef struct Manager {
	sd_event *event;
	struct config config;
	struct kernel_caps caps;

	struct scheduler *sched;
	sd_event_source *exit_event_source;	/* exit ring buffer */
	sd_event_source *link_event_source;	/* struct_ops link hang-up */
	sd_event_source *backstop_source;	/* periodic exit check */
	sd_event_source *restart_source;
	sd_event_source *stats_source;

	enum sched_state state;
	struct scheduler_exit last_exit;	/* kind 0: none yet */
	unsigned restart_count;
	struct restart_policy restart_policy;
	uint64_t attached_at;			/* CLOCK_MONOTONIC usec */
	struct metrics stats_prev;
	bool ready;				/* READY=1 sent */
	bool watchdog;				/* the service manager watches for pings */

	struct topology *topo;			/* as of the last attach */
	bool topo_stale;			/* re-read before the next attach */
	enum power_profile profile;
	const char *profile_source;		/* "power-profiles-daemon", ..., "none" */
	struct domain domain;			/* the primary domain in force */
	int cpufreq_level;			/* CPUFREQ_LEVEL_*, in force */
	struct pm_qos *pm_qos;			/* --idle-resume-us */
	Bus *bus;				/* NULL without a system bus */
	struct power_watch *power_watch;
	struct cell_manager *cells;
	struct cell_counts cell_stats_prev[CELLFLASH_MAX_CELLS];	/* for --stats */
} Manager;

const char *sched_state_to_string(enum sched_state s);

/* Takes over @topo, read (and the config checked against it) by the caller. */
int manager_new(Manager **ret, const struct config *cfg, const struct kernel_caps *caps,
		struct topology *topo);
Manager *manager_free(Manager *m);
static inline void manager_freep(Manager **m)
{
	if (*m)
		manager_free(*m);
}

/*
 * Attaches the scheduler for the first time; an error here ends the daemon.
 * READY=1 goes out once a scheduler has attached, possibly after retries.
 */
int manager_start(Manager *m);
/* Runs until SIGTERM/SIGINT (returns 0) or until the scheduler keeps failing (<0). */
int manager_run(Manager *m);
/*
 * Detaches the scheduler and attaches a fresh copy now, whatever the state.
 * Returns 0 once attached; -ESHUTDOWN when the daemon is stopping or gave
 * up; the attach error otherwise (a retry with backoff is then armed).
 */
int manager_restart(Manager *m);

/*
 * The power profile changed (or its source did): in auto mode, re-resolves
 * the primary domain and the CPU performance level and applies them to the
 * running scheduler, without re-attaching it.
 */
void manager_set_power_profile(Manager *m, enum power_profile profile, const char *source);
/* The same for a new primary domain (checked against the topology by the caller). */
void manager_set_primary_domain(Manager *m, const struct domain_spec *spec);
/* Reads the cgroups and plans the cells now; -ESHUTDOWN once the daemon gave up or is stopping. */
int manager_rebalance(Manager *m);

#endif
