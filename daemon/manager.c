/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <sys/epoll.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include "cgroup-scan.h"
#include "log.h"
#include "manager.h"
#include "runtime-dir.h"
#include "scx-sysfs.h"
#include "util.h"

/* Exits are announced through the ring buffer; this only catches a missed one. */
#define BACKSTOP_INTERVAL_USEC	(5 * USEC_PER_SEC)

static const char *const state_names[] = {
	[SCHED_STATE_ATTACHED] = "attached",
	[SCHED_STATE_RESTARTING] = "restarting",
	[SCHED_STATE_DETACHED] = "detached",
	[SCHED_STATE_FAILED] = "failed",
};

const char *sched_state_to_string(enum sched_state s)
{
	return s < ELEMENTSOF(state_names) ? state_names[s] : "unknown";
}

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * USEC_PER_SEC + (uint64_t)ts.tv_nsec / NSEC_PER_USEC;
}

static void manager_set_state(Manager *m, enum sched_state state, const char *status)
{
	char line[256];

	m->state = state;
	/* A newline would start another sd_notify assignment. */
	snprintf(line, sizeof(line), "%s", status);
	for (char *c = line; *c; c++)
		if (*c == '\n')
			*c = ' ';
	sd_notifyf(false, "STATUS=%s", line);
	bus_emit_state_changed(m->bus);
}

static void manager_detach(Manager *m)
{
	/* Hotplug, the usual reason for a restart, changes the CPUs. */
	m->topo_stale = true;
	m->exit_event_source = sd_event_source_disable_unref(m->exit_event_source);
	m->link_event_source = sd_event_source_disable_unref(m->link_event_source);
	m->backstop_source = sd_event_source_disable_unref(m->backstop_source);
	if (m->sched) {
		scheduler_free(m->sched);
		m->sched = NULL;
	}
}

/* The primary domain and CPU level the config and the power profile call for. */
static void manager_resolve_power(Manager *m, struct domain *d, int *level)
{
	domain_resolve(&m->config.primary_domain, m->profile, m->topo, d);
	*level = cpufreq_level(d, m->config.cpufreq);
}

static const char *cpufreq_level_to_string(int level, char *buf, size_t n)
{
	if (level == CPUFREQ_LEVEL_AUTO)
		return "from load";
	if (level == CPUFREQ_LEVEL_MIN)
		return "minimum";
	if (level == CPUFREQ_LEVEL_MAX)
		return "maximum";
	snprintf(buf, n, "%d/1024", level);
	return buf;
}

static void log_power(Manager *m, const char *what)
{
	char cpus[256], lvl[16];

	if (cpumask_format_list(&m->domain.cpus, cpus, sizeof(cpus)) < 0)
		snprintf(cpus, sizeof(cpus), "(many)");
	log_info("%s: power profile %s (from %s); primary domain %s: %s; CPU performance %s.", what,
		 power_profile_to_string(m->profile), m->profile_source,
		 domain_mode_to_string(m->domain.mode), cpus[0] ? cpus : "no preference",
		 cpufreq_level_to_string(m->cpufreq_level, lvl, sizeof(lvl)));
}

static void on_power_profile(void *userdata, enum power_profile profile, const char *source)
{
	manager_set_power_profile(userdata, profile, source);
}

/*
 * The profile or the primary domain's spec changed: resolves the domain and
 * the CPU level again and hands them to the running scheduler, without
 * re-attaching it. @changed and @unchanged start the log line of each case.
 */
static void manager_update_power(Manager *m, const char *changed, const char *unchanged)
{
	struct domain d;
	int level, r;

	/* The profile or the spec is new either way. */
	bus_emit_power_changed(m->bus);
	manager_resolve_power(m, &d, &level);
	if (cpumask_equal(&d.cpus, &m->domain.cpus) && d.mode == m->domain.mode && level == m->cpufreq_level) {
		log_info("%s: the primary domain stays as it is.", unchanged);
		return;
	}
	m->domain = d;
	m->cpufreq_level = level;
	log_power(m, changed);
	if (m->sched) {
		struct power_setting setting = { .primary = d.cpus, .cpuperf = level };

		r = scheduler_set_power(m->sched, &setting);
		if (r < 0)
			log_warning_errno(r, "The new primary domain takes effect at the next attach: %m");
	}
}

void manager_set_power_profile(Manager *m, enum power_profile profile, const char *source)
{
	char unchanged[128];

	if (profile == m->profile && streq(source, m->profile_source))
		return;
	m->profile = profile;
	m->profile_source = source;
	snprintf(unchanged, sizeof(unchanged), "Power profile %s (from %s)", power_profile_to_string(profile),
		 source);
	manager_update_power(m, "Power profile changed", unchanged);
}

void manager_set_primary_domain(Manager *m, const struct domain_spec *spec)
{
	m->config.primary_domain = *spec;
	manager_update_power(m, "Primary domain set", "Primary domain set");
}

/* Exiting already: given up (failed) or stopping on a signal. */
static bool manager_exiting(Manager *m)
{
	int code;

	return m->state == SCHED_STATE_FAILED || sd_event_get_exit_code(m->event, &code) >= 0;
}

int manager_rebalance(Manager *m)
{
	if (manager_exiting(m))
		return -ESHUTDOWN;
	cell_manager_rebalance(m->cells);
	return 0;
}

static void manager_handle_exit(Manager *m, const struct scheduler_exit *e);
static int manager_attach(Manager *m);

static void manager_check_exit(Manager *m)
{
	struct scheduler_exit e;

	if (!m->sched)
		return;
	scheduler_drain_exit_events(m->sched);
	if (scheduler_exited(m->sched, &e))
		manager_handle_exit(m, &e);
}

static int on_exit_event(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	manager_check_exit(userdata);
	return 0;
}

static int on_link_hangup(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	Manager *m = userdata;

	/* Level-triggered: once is enough. ops.exit() has run by now. */
	sd_event_source_set_enabled(s, SD_EVENT_OFF);
	log_debug("The scheduler's struct_ops link was detached.");
	manager_check_exit(m);
	return 0;
}

static int on_backstop(sd_event_source *s, uint64_t usec, void *userdata)
{
	Manager *m = userdata;

	manager_check_exit(m);
	if (m->backstop_source == s)
		sd_event_source_set_time_relative(s, BACKSTOP_INTERVAL_USEC);
	return 0;
}

/* Re-attaches from the event loop after @delay (0: at once). */
static void manager_arm_restart(Manager *m, uint64_t delay, const char *why)
{
	char status[256];
	int r;

	snprintf(status, sizeof(status), "Restarting after: %s", why);
	manager_set_state(m, SCHED_STATE_RESTARTING, status);
	r = sd_event_source_set_time_relative(m->restart_source, delay);
	if (r >= 0)
		r = sd_event_source_set_enabled(m->restart_source, SD_EVENT_ONESHOT);
	if (r < 0) {
		log_error_errno(r, "Cannot arm the restart timer: %m");
		sd_event_exit(m->event, r);
	}
}

/* Backs off after a failure, or gives up and ends the daemon. */
static void manager_schedule_retry(Manager *m, uint64_t uptime_usec, const char *why)
{
	uint64_t delay = restart_policy_failed(&m->restart_policy, uptime_usec);

	if (delay == 0) {
		log_error("The scheduler failed %u times in a row; giving up.", m->restart_policy.failures);
		manager_set_state(m, SCHED_STATE_FAILED, "Failed: the scheduler kept failing");
		sd_event_exit(m->event, -ECANCELED);
		return;
	}
	log_notice("Re-attaching in %.1fs (retry %u of %u).", (double)delay / USEC_PER_SEC,
		   m->restart_policy.failures, RESTART_MAX_RETRIES);
	manager_arm_restart(m, delay, why);
}

static int on_restart_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	Manager *m = userdata;

	if (manager_attach(m) < 0)
		manager_schedule_retry(m, 0, "it could not be attached");
	return 0;
}

static void manager_handle_exit(Manager *m, const struct scheduler_exit *e)
{
	uint64_t uptime = now_usec() - m->attached_at;
	char status[EXIT_REASON_LEN + 64];

	m->last_exit = *e;
	if (exit_kind_is_error(e->kind)) {
		const char *dump = scheduler_exit_dump(m->sched);

		log_error("The scheduler failed: %s (%s): %s", exit_kind_to_string(e->kind), e->reason,
			  e->msg[0] ? e->msg : "no message");
		if (*dump)
			log_info("The kernel's dump of the failure:\n%s", dump);
	}
	manager_detach(m);

	switch (exit_action_of(e->kind, e->code)) {
	case EXIT_ACTION_RESTART:
		log_notice("The kernel asked for a restart: %s. Re-attaching.", e->msg[0] ? e->msg : e->reason);
		m->restart_count++;
		if (uptime < RESTART_FLAP_USEC)
			manager_schedule_retry(m, uptime, "the kernel asked again within a second");
		else
			manager_arm_restart(m, 0, e->msg[0] ? e->msg : e->reason);
		break;
	case EXIT_ACTION_STAY_DETACHED:
		log_warning("The scheduler was removed (%s: %s); staying detached.",
			    exit_kind_to_string(e->kind), e->reason);
		snprintf(status, sizeof(status), "Detached: %s", e->reason);
		manager_set_state(m, SCHED_STATE_DETACHED, status);
		break;
	case EXIT_ACTION_BACKOFF:
		if (!exit_kind_is_error(e->kind))
			log_warning("The scheduler exited: %s (%s): %s", exit_kind_to_string(e->kind),
				    e->reason, e->msg[0] ? e->msg : "no message");
		manager_schedule_retry(m, uptime, e->msg[0] ? e->msg : e->reason);
		break;
	}
}

static int manager_attach(Manager *m)
{
	struct power_setting setting;
	struct scheduler_exit e;
	struct metrics metrics;
	char status[128], run_id[40] = "";
	int r;

	if (m->topo_stale) {
		r = topology_read(sysfs_root(), m->topo);
		if (r < 0)
			return r;
		m->topo_stale = false;
		cell_manager_replan(m->cells);
		bus_emit_cells_changed(m->bus);
	}
	manager_resolve_power(m, &m->domain, &m->cpufreq_level);
	if (m->pm_qos) {
		r = pm_qos_apply(m->pm_qos, &m->topo->online, m->config.idle_resume_us);
		if (r < 0)
			return r;
	}

	/*
	 * Loading blocks the event loop (the verifier takes a second or more
	 * under emulation): a ping now gives it the watchdog's whole period,
	 * not what is left since the loop's last one.
	 */
	if (m->watchdog)
		(void) sd_notify(false, "WATCHDOG=1");
	setting = (struct power_setting) { .primary = m->domain.cpus, .cpuperf = m->cpufreq_level };
	r = scheduler_attach(&m->sched, &m->config, &m->caps, m->topo, &setting,
			     cell_manager_setting(m->cells));
	if (r < 0)
		return r;

	r = sd_event_add_io(m->event, &m->exit_event_source, scheduler_exit_event_fd(m->sched),
			    EPOLLIN, on_exit_event, m);
	if (r < 0)
		goto fail;
	r = sd_event_add_io(m->event, &m->link_event_source, scheduler_link_fd(m->sched),
			    EPOLLHUP, on_link_hangup, m);
	if (r < 0)
		goto fail;
	r = sd_event_add_time_relative(m->event, &m->backstop_source, CLOCK_MONOTONIC,
				       BACKSTOP_INTERVAL_USEC, 0, on_backstop, m);
	if (r < 0)
		goto fail;
	(void) sd_event_source_set_enabled(m->backstop_source, SD_EVENT_ON);

	m->attached_at = now_usec();
	m->stats_prev = (struct metrics) {};
	memset(m->cell_stats_prev, 0, sizeof(m->cell_stats_prev));
	scheduler_read_metrics(m->sched, &m->topo->online, &metrics, NULL);
	if (m->config.has_run_id)
		snprintf(run_id, sizeof(run_id), "; run id %" PRIu64, m->config.run_id);
	log_info("Attached the %s scheduler on %" PRIu64 " CPUs (NUMA nodes: %u, shared queues: %u%s).",
		 CELLFLASH_OPS_NAME, metrics.nr_online_cpus, m->topo->nr_nodes,
		 m->config.disable_numa ? 1 : m->topo->nr_nodes, run_id);
	log_power(m, "Attached");
	snprintf(status, sizeof(status), "Scheduler attached on %" PRIu64 " CPUs", metrics.nr_online_cpus);
	manager_set_state(m, SCHED_STATE_ATTACHED, status);

	/* A failing ops.init() still attaches: the exit is already recorded. */
	if (scheduler_exited(m->sched, &e)) {
		manager_handle_exit(m, &e);
		return 0;
	}
	/* Ready means attached, so a start that never attaches never succeeds. */
	if (!m->ready) {
		sd_notify(false, "READY=1");
		m->ready = true;
	}
	return 0;

fail:
	log_error_errno(r, "Cannot watch the scheduler: %m");
	manager_detach(m);
	return r;
}

/* With cells, a line per cell: how its tasks were placed. */
static void log_cell_stats(Manager *m, const struct cell_counts now[])
{
	const struct cell_set *set = cell_manager_cells(m->cells);
	struct cell_counts delta[CELLFLASH_MAX_CELLS];
	uint64_t all = 0;
	char line[512];

	for (unsigned id = 0; id < CELLFLASH_MAX_CELLS; id++) {
		cell_counts_delta(&now[id], &m->cell_stats_prev[id], &delta[id]);
		all += cell_counts_decisions(&delta[id]);
	}
	memcpy(m->cell_stats_prev, now, sizeof(m->cell_stats_prev));
	if (set->nr < 2)
		return;
	for (unsigned i = 0; i < set->nr; i++) {
		unsigned id = set->cells[i].id;

		if (cell_counts_format_line(id, cpumask_weight(cell_manager_cpus(m->cells, id)), &delta[id],
					    all, line, sizeof(line)) > 0)
			log_info("%s", line);
	}
}

static int on_stats(sd_event_source *s, uint64_t usec, void *userdata)
{
	Manager *m = userdata;
	struct cell_counts cells[CELLFLASH_MAX_CELLS] = {};
	struct metrics now, delta;
	char line[512];

	sd_event_source_set_time_relative(s, m->config.stats_interval_us);
	if (!m->sched)
		return 0;
	scheduler_read_metrics(m->sched, &m->topo->online, &now, cells);
	metrics_delta(&now, &m->stats_prev, &delta);
	m->stats_prev = now;
	if (metrics_format_line(&delta, line, sizeof(line)) > 0)
		log_info("%s", line);
	log_cell_stats(m, cells);
	return 0;
}

static int on_cells_changed(void *userdata, const struct cell_setting *setting)
{
	Manager *m = userdata;

	bus_emit_cells_changed(m->bus);
	return m->sched ? scheduler_set_cells(m->sched, setting) : 0;
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata)
{
	Manager *m = userdata;

	log_info("Received %s; detaching the scheduler.", strsignal((int)si->ssi_signo));
	sd_notify(false, "STOPPING=1\nSTATUS=Detaching");
	manager_detach(m);
	sd_event_exit(m->event, 0);
	return 0;
}

int manager_new(Manager **ret, const struct config *cfg, const struct kernel_caps *caps,
		struct topology *topo)
{
	_cleanup_(manager_freep) Manager *m = NULL;
	sigset_t mask;
	int r;

	m = calloc(1, sizeof(*m));
	if (!m)
		return log_oom();
	m->config = *cfg;
	m->caps = *caps;
	m->topo = topo;
	m->profile = POWER_PROFILE_UNKNOWN;
	m->profile_source = "none";
	m->state = SCHED_STATE_DETACHED;

	r = sd_event_default(&m->event);
	if (r < 0)
		return log_error_errno(r, "Cannot create the event loop: %m");

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return log_error_errno(-errno, "Cannot block SIGTERM/SIGINT: %m");
	r = sd_event_add_signal(m->event, NULL, SIGTERM, on_signal, m);
	if (r >= 0)
		r = sd_event_add_signal(m->event, NULL, SIGINT, on_signal, m);
	if (r < 0)
		return log_error_errno(r, "Cannot watch for signals: %m");

	/* Pings the service manager's watchdog when WATCHDOG_USEC is set. */
	r = sd_event_set_watchdog(m->event, true);
	if (r < 0)
		log_warning_errno(r, "Ignoring the service manager's watchdog settings: %m");
	m->watchdog = r > 0;

	r = sd_event_add_time_relative(m->event, &m->restart_source, CLOCK_MONOTONIC,
				       RESTART_BACKOFF_MIN_USEC, 0, on_restart_timer, m);
	if (r < 0)
		return log_error_errno(r, "Cannot create the restart timer: %m");
	(void) sd_event_source_set_enabled(m->restart_source, SD_EVENT_OFF);

	if (cfg->stats_interval_us) {
		r = sd_event_add_time_relative(m->event, &m->stats_source, CLOCK_MONOTONIC,
					       cfg->stats_interval_us, 0, on_stats, m);
		if (r < 0)
			return log_error_errno(r, "Cannot create the stats timer: %m");
		(void) sd_event_source_set_enabled(m->stats_source, SD_EVENT_ON);
	}

	if (cfg->idle_resume_us >= 0) {
		char state_path[512];

		m->pm_qos = malloc(sizeof(*m->pm_qos));
		if (!m->pm_qos)
			return log_oom();
		runtime_path("pm-qos-saved", state_path, sizeof(state_path));
		pm_qos_init(m->pm_qos, sysfs_root(), state_path);
	}

	/* Without a system bus the daemon still schedules: bus_start() says so. */
	(void) bus_start(&m->bus, m->event, m);
	r = power_watch_new(&m->power_watch, m->event, bus_connection(m->bus), sysfs_root(),
			    on_power_profile, m);
	if (r < 0)
		return r;
	r = cell_manager_new(&m->cells, m->event, &m->config, cgroup_root(), m->topo, on_cells_changed, m);
	if (r < 0)
		return r;
	/* The cells found at start-up are exported from the start, not "added". */
	bus_sync_cells(m->bus);

	*ret = TAKE_PTR(m);
	return 0;
}

Manager *manager_free(Manager *m)
{
	cell_manager_free(m->cells);
	power_watch_free(m->power_watch);
	bus_free(m->bus);
	manager_detach(m);
	/* Every way out restores what --idle-resume-us changed. */
	if (m->pm_qos) {
		pm_qos_restore(m->pm_qos);
		free(m->pm_qos);
	}
	free(m->topo);
	sd_event_source_disable_unref(m->restart_source);
	sd_event_source_disable_unref(m->stats_source);
	sd_event_unref(m->event);
	free(m);
	return NULL;
}

int manager_start(Manager *m)
{
	char state_path[512];

	/* A previous cellflashd that crashed may have left pm_qos values set.
	 * (main() holds the instance lock: no other cellflashd owns them.) */
	runtime_path("pm-qos-saved", state_path, sizeof(state_path));
	pm_qos_repair(sysfs_root(), state_path);
	return manager_attach(m);
}

int manager_run(Manager *m)
{
	return sd_event_loop(m->event);
}

int manager_restart(Manager *m)
{
	int r;

	if (manager_exiting(m))
		return -ESHUTDOWN;

	log_notice("Re-attaching the scheduler on request.");
	manager_detach(m);
	(void) sd_event_source_set_enabled(m->restart_source, SD_EVENT_OFF);
	m->restart_count++;
	r = manager_attach(m);
	if (r < 0) {
		manager_schedule_retry(m, 0, "it could not be attached");
		return r;
	}
	/* It attached but exited at once (a failing ops.init()); the retry is armed. */
	return m->state == SCHED_STATE_ATTACHED ? 0 : -EIO;
}
