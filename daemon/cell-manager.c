/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <inttypes.h>
#include <time.h>

#include "cell-manager.h"
#include "cgroup-scan.h"
#include "cgroup-watch.h"
#include "log.h"
#include "planner.h"
#include "util.h"

/* Cgroups warned about (no cell for them) that are remembered, so each gets one warning. */
#define WARNED_MAX	256

struct warned {
	unsigned nr;
	uint64_t ids[WARNED_MAX];
};

struct cell_manager {
	sd_event *event;
	const struct config *cfg;
	const struct topology *topo;
	char root[CELL_PATH_MAX];
	cells_apply_fn apply;
	void *userdata;

	struct cgroup_watch *watch;
	sd_event_source *reconfigure_source;	/* backstop rescan */
	sd_event_source *rebalance_source;
	sd_event_source *sample_source;

	struct cgroup_tree tree;
	struct cell_set set;
	struct cell_setting setting;		/* in force, or for the next attach */

	/* By cell id. */
	struct cpumask cpus[CELLFLASH_MAX_CELLS];
	double util[CELLFLASH_MAX_CELLS];
	uint64_t usage_cgroup[CELLFLASH_MAX_CELLS];	/* whose usage_usec is below */
	uint64_t usage_usec[CELLFLASH_MAX_CELLS];
	uint64_t sampled_at;

	struct warned overflow_warned, dropped_warned, overflow_now;
};

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * USEC_PER_SEC + (uint64_t)ts.tv_nsec / NSEC_PER_USEC;
}

static bool warned_has(const struct warned *w, uint64_t id)
{
	for (unsigned i = 0; i < w->nr; i++)
		if (w->ids[i] == id)
			return true;
	return false;
}

static void warned_add(struct warned *w, uint64_t id)
{
	if (w->nr < WARNED_MAX && !warned_has(w, id))
		w->ids[w->nr++] = id;
}

static const char *cell_name(const struct cell *c)
{
	return c->id ? c->path : "(everything else)";
}

static void on_overflow(void *userdata, const struct cgroup_node *node)
{
	struct cell_manager *cm = userdata;

	if (!warned_has(&cm->overflow_warned, node->id))
		log_warning("No cell for the cgroup %s: all %d cells are taken; it stays in the enclosing cell.",
			    node->path, CELLFLASH_MAX_CELLS - 1);
	warned_add(&cm->overflow_now, node->id);
}

static void log_assignment(const struct cell_manager *cm, const char *why)
{
	char line[1024], cpus[256];
	size_t len = 0;

	for (unsigned i = 0; i < cm->set.nr && len < sizeof(line); i++) {
		const struct cell *c = &cm->set.cells[i];

		if (cpumask_format_list(&cm->cpus[c->id], cpus, sizeof(cpus)) < 0)
			snprintf(cpus, sizeof(cpus), "(many)");
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%scell %u %s: %s", i ? "; " : "",
					c->id, cell_name(c), cpus[0] ? cpus : "none");
	}
	log_info("%s: %s.", why, line);
}

/* Field by field: the owners' padding is not part of the value. */
static bool cell_setting_equal(const struct cell_setting *a, const struct cell_setting *b)
{
	if (a->nr_cells != b->nr_cells || a->nr_owners != b->nr_owners ||
	    memcmp(a->cpu_cell, b->cpu_cell, sizeof(a->cpu_cell)))
		return false;
	for (unsigned i = 0; i < a->nr_owners; i++)
		if (a->owners[i].cgroup_id != b->owners[i].cgroup_id || a->owners[i].cell != b->owners[i].cell)
			return false;
	return true;
}

/*
 * Plans the CPUs of the cells (@hysteresis: keep the current split unless
 * clearly off) into cm->setting. Returns true when it changed.
 */
static bool plan(struct cell_manager *cm, bool hysteresis)
{
	struct plan_input in = {
		.cpus = cm->topo->online,
		.llc = cm->topo->llc,
		.cell0_min_cpus = cm->cfg->cell0_min_cpus,
		.hysteresis = hysteresis,
		.nr_cells = cm->set.nr,
	};
	struct cell_setting setting = { .nr_cells = 1 };
	struct plan_output out;
	struct warned dropped_now = {};
	int r;

	for (unsigned i = 0; i < cm->set.nr; i++) {
		const struct cell *c = &cm->set.cells[i];

		in.cells[i] = (struct plan_cell) {
			.id = c->id, .pinned = c->pinned, .cpuset = c->cpuset,
			.util = cm->util[c->id], .prev = cm->cpus[c->id],
		};
	}
	r = plan_cells(&in, &out);
	if (r < 0) {
		/* The input is built above: this is a bug, not bad data. */
		log_error_errno(r, "Cannot plan the cells' CPUs: %m");
		return false;
	}

	for (unsigned i = 0; i < cm->set.nr; i++) {
		const struct cell *c = &cm->set.cells[i];

		cm->cpus[c->id] = out.cell_cpus[i];
		if (out.dropped[i]) {
			if (!warned_has(&cm->dropped_warned, c->cgroup_id))
				log_warning("No CPU for the cell of %s (more cells than CPUs%s); its tasks "
					    "run in the enclosing cell (cell 0 if none) for now.", c->path,
					    c->pinned ? ", or its cpuset has none to spare" : "");
			warned_add(&dropped_now, c->cgroup_id);
			continue;
		}
		if (!c->id)
			continue;
		setting.owners[setting.nr_owners++] = (struct cell_owner) { c->cgroup_id, c->id };
		if (c->id + 1 > setting.nr_cells)
			setting.nr_cells = c->id + 1;
	}
	cm->dropped_warned = dropped_now;
	memcpy(setting.cpu_cell, out.cpu_cell, sizeof(setting.cpu_cell));

	if (cell_setting_equal(&setting, &cm->setting))
		return false;
	cm->setting = setting;
	return true;
}

static void apply(struct cell_manager *cm, const char *why)
{
	int r = cm->apply(cm->userdata, &cm->setting);

	log_assignment(cm, why);
	if (r < 0)
		log_warning_errno(r, "The cells take effect at the next attach: %m");
}

static void log_cell_changes(const struct cell_set *old, const struct cell_set *new)
{
	char cpus[256];

	for (unsigned i = 1; i < old->nr; i++) {
		const struct cell *c = &old->cells[i];
		const struct cell *now = cell_set_find(new, c->id);

		if (!now || now->cgroup_id != c->cgroup_id)
			log_info("Cell %u (%s) is gone; its CPUs go to the other cells.", c->id, c->path);
	}
	for (unsigned i = 1; i < new->nr; i++) {
		const struct cell *c = &new->cells[i];
		const struct cell *before = cell_set_find(old, c->id);

		if (cpumask_format_list(&c->cpuset, cpus, sizeof(cpus)) < 0)
			snprintf(cpus, sizeof(cpus), "(many)");
		if (!before || before->cgroup_id != c->cgroup_id)
			log_info("New cell %u: %s, %s%s.", c->id, c->path,
				 c->pinned ? "confined to CPUs " : "CPUs by demand", c->pinned ? cpus : "");
		else if (before->pinned != c->pinned || !cpumask_equal(&before->cpuset, &c->cpuset))
			log_info("Cell %u (%s) is now %s%s.", c->id, c->path,
				 c->pinned ? "confined to CPUs " : "given CPUs by demand", c->pinned ? cpus : "");
	}
}

/*
 * Reads the hierarchy again; a new cell set is planned and applied at once.
 * Returns true when the cell set changed.
 */
static bool reconfigure(struct cell_manager *cm, bool always_apply)
{
	struct cell_rules rules = {
		.parent = cm->cfg->cell_parent_cgroup,
		.exclude = cm->cfg->cell_exclude,
		.nr_exclude = cm->cfg->nr_cell_exclude,
	};
	struct cell_set next;
	int r;

	if (cgroup_scan(cm->root, &cm->tree) < 0)
		return false;
	if (cm->watch)
		cgroup_watch_add_tree(cm->watch, &cm->tree);
	cm->overflow_now.nr = 0;
	r = cells_select(&cm->tree, &rules, &cm->set, &next, on_overflow, cm);
	if (r < 0) {
		log_error_errno(r, "Cannot work out the cells: %m");
		return false;
	}
	cm->overflow_warned = cm->overflow_now;

	if (!cell_set_equal(&cm->set, &next)) {
		log_cell_changes(&cm->set, &next);
		for (unsigned i = 1; i < next.nr; i++) {
			const struct cell *c = &next.cells[i], *before = cell_set_find(&cm->set, c->id);

			if (!before || before->cgroup_id != c->cgroup_id) {
				cm->util[c->id] = 0;
				cm->cpus[c->id] = (struct cpumask) {};
			}
		}
		cell_set_copy(&cm->set, &next);
		/* Applied even when no CPU moves (a cell waiting for CPUs): the owners changed. */
		plan(cm, false);
		apply(cm, "Cells changed");
		return true;
	}
	if (always_apply)
		/* Re-applied unchanged: tasks look at their affinity again. */
		(void) cm->apply(cm->userdata, &cm->setting);
	return false;
}

static void on_cgroups_changed(void *userdata)
{
	reconfigure(userdata, false);
}

static void rearm(sd_event_source *s, uint64_t usec)
{
	(void) sd_event_source_set_time_relative(s, usec);
	(void) sd_event_source_set_enabled(s, SD_EVENT_ON);
}

static int on_reconfigure_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct cell_manager *cm = userdata;

	rearm(s, cm->cfg->reconfigure_interval_us);
	/* --reject-multicpu-pinning counts violations across configurations. */
	reconfigure(cm, cm->cfg->reject_multicpu_pinning);
	return 0;
}

static int on_rebalance_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct cell_manager *cm = userdata;

	rearm(s, cm->cfg->rebalance_interval_us);
	if (cm->set.nr > 1 && plan(cm, true))
		apply(cm, "Rebalanced");
	return 0;
}

/* Samples each cell's CPU use since the last time into its utilisation. */
static int on_sample_timer(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct cell_manager *cm = userdata;
	uint64_t subtree[CELLFLASH_MAX_CELLS], delta[CELLFLASH_MAX_CELLS], own[CELLFLASH_MAX_CELLS];
	uint64_t now = now_usec(), interval = now - cm->sampled_at;
	bool first[CELLFLASH_MAX_CELLS] = {};

	rearm(s, cm->cfg->cell_sample_interval_us);
	if (cm->set.nr < 2)
		return 0;
	for (unsigned i = 0; i < cm->set.nr; i++) {
		const struct cell *c = &cm->set.cells[i];

		/* Gone meanwhile: the rescan it causes sorts it out. */
		if (cgroup_read_usage(cm->root, c->path, &subtree[i]) < 0)
			return 0;
		first[i] = cm->usage_cgroup[c->id] != c->cgroup_id || !cm->sampled_at;
		delta[i] = first[i] || subtree[i] < cm->usage_usec[c->id] ? 0 :
			   subtree[i] - cm->usage_usec[c->id];
		/* A cell without CPUs runs in cell 0: its use stays there. */
		if (cpumask_empty(&cm->cpus[c->id]) && c->id)
			delta[i] = 0;
	}
	cells_own_usage(&cm->set, delta, own);
	for (unsigned i = 0; i < cm->set.nr; i++) {
		const struct cell *c = &cm->set.cells[i];

		if (!first[i])
			cm->util[c->id] = cell_util_update(cm->util[c->id], own[i], interval,
							   cpumask_weight(&cm->cpus[c->id]));
		cm->usage_cgroup[c->id] = c->cgroup_id;
		cm->usage_usec[c->id] = subtree[i];
	}
	cm->sampled_at = now;
	return 0;
}

static int add_timer(struct cell_manager *cm, sd_event_source **ret, uint64_t usec,
		     sd_event_time_handler_t fn)
{
	int r = sd_event_add_time_relative(cm->event, ret, CLOCK_MONOTONIC, usec, 0, fn, cm);

	if (r < 0)
		return log_error_errno(r, "Cannot create the cell timers: %m");
	(void) sd_event_source_set_enabled(*ret, SD_EVENT_ON);
	return 0;
}

int cell_manager_new(struct cell_manager **ret, sd_event *event, const struct config *cfg,
		     const char *cgroup_root, const struct topology *topo, cells_apply_fn apply_fn,
		     void *userdata)
{
	struct cell_manager *cm;
	int r;

	cm = calloc(1, sizeof(*cm));
	if (!cm)
		return log_oom();
	cm->event = event;
	cm->cfg = cfg;
	cm->topo = topo;
	cm->apply = apply_fn;
	cm->userdata = userdata;
	snprintf(cm->root, sizeof(cm->root), "%s", cgroup_root);
	cm->set.nr = 1;		/* cell 0, zeroed by calloc() */

	/* Without a watch the periodic rescan still finds cells, only later. */
	if (cgroup_watch_new(&cm->watch, event, cgroup_root, on_cgroups_changed, cm) < 0)
		cm->watch = NULL;
	r = add_timer(cm, &cm->reconfigure_source, cfg->reconfigure_interval_us, on_reconfigure_timer);
	if (r >= 0)
		r = add_timer(cm, &cm->rebalance_source, cfg->rebalance_interval_us, on_rebalance_timer);
	if (r >= 0)
		r = add_timer(cm, &cm->sample_source, cfg->cell_sample_interval_us, on_sample_timer);
	if (r < 0) {
		cell_manager_free(cm);
		return r;
	}

	/* Plans cell 0 alone too: the first attach needs a setting either way. */
	reconfigure(cm, false);
	plan(cm, false);
	*ret = cm;
	return 0;
}

void cell_manager_free(struct cell_manager *cm)
{
	if (!cm)
		return;
	cgroup_watch_free(cm->watch);
	sd_event_source_disable_unref(cm->reconfigure_source);
	sd_event_source_disable_unref(cm->rebalance_source);
	sd_event_source_disable_unref(cm->sample_source);
	cgroup_tree_clear(&cm->tree);
	free(cm);
}

void cell_manager_rebalance(struct cell_manager *cm)
{
	if (reconfigure(cm, false))
		return;
	if (plan(cm, false))
		apply(cm, "Rebalanced on request");
	else
		log_info("Rebalanced on request: the cells and their CPUs stay as they are.");
}

void cell_manager_replan(struct cell_manager *cm)
{
	if (plan(cm, false) && cm->set.nr > 1)
		log_assignment(cm, "Cells on the new set of CPUs");
}

const struct cell_setting *cell_manager_setting(const struct cell_manager *cm)
{
	return &cm->setting;
}

const struct cell_set *cell_manager_cells(const struct cell_manager *cm)
{
	return &cm->set;
}

const struct cpumask *cell_manager_cpus(const struct cell_manager *cm, unsigned id)
{
	return &cm->cpus[id % CELLFLASH_MAX_CELLS];
}

double cell_manager_util(const struct cell_manager *cm, unsigned id)
{
	return cm->util[id % CELLFLASH_MAX_CELLS];
}
