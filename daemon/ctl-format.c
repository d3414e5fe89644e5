/* SPDX-License-Identifier: GPL-2.0-only */
#include <inttypes.h>

#include "ctl-format.h"
#include "json.h"
#include "metrics-doc.h"
#include "util.h"

static uint64_t total_dispatches(const struct metrics *m)
{
	return m->nr_kthread_dispatches + m->nr_direct_dispatches + m->nr_shared_dispatches +
	       m->nr_cpu_queue_dispatches;
}

/* @part of @total in tenths of a percent. */
static unsigned permille(uint64_t part, uint64_t total)
{
	return total ? (unsigned)((part * 1000 + total / 2) / total) : 0;
}

static void print_shares(FILE *f, const struct metrics *m, bool counts)
{
	uint64_t total = total_dispatches(m);
	const struct { const char *name; uint64_t n; } kinds[] = {
		{ "kthread", m->nr_kthread_dispatches },
		{ "direct", m->nr_direct_dispatches },
		{ "shared", m->nr_shared_dispatches },
		{ "cpu-queue", m->nr_cpu_queue_dispatches },
	};

	for (size_t i = 0; i < ELEMENTSOF(kinds); i++) {
		unsigned p = permille(kinds[i].n, total);

		if (counts)
			fprintf(f, "%s%s %" PRIu64 " (%u.%u%%)", i ? ", " : "", kinds[i].name, kinds[i].n,
				p / 10, p % 10);
		else
			fprintf(f, "%s%s %u.%u%%", i ? ", " : "", kinds[i].name, p / 10, p % 10);
	}
}

void status_print(FILE *f, const struct ctl_status *s, const struct ctl_metrics *m)
{
	const struct metrics *x = &m->metrics;

	fprintf(f, "cellflashd %s, scheduler %s: %s\n", s->version, s->ops_name, s->state);
	fprintf(f, "  Restarts:   %" PRIu32 "\n", s->restart_count);
	if (streq(s->last_exit_kind, "none"))
		fprintf(f, "  Last exit:  none\n");
	else
		fprintf(f, "  Last exit:  %s (code %" PRId64 "): %s%s%s\n", s->last_exit_kind,
			s->last_exit_code, s->last_exit_reason, s->last_exit_message[0] ? ": " : "",
			s->last_exit_message);
	fprintf(f, "  Options:    slice %" PRIu64 " us, slice lag %" PRIu64 " us, exit dump ", s->slice_us,
		s->slice_lag_us);
	if (s->exit_dump_len)
		fprintf(f, "%" PRIu32 " bytes\n", s->exit_dump_len);
	else
		fprintf(f, "the kernel's default\n");
	if (s->run_id)
		fprintf(f, "  Run id:     %" PRIu64 "\n", s->run_id);
	fprintf(f, "  Power:      profile %s (from %s)\n", s->power_profile, s->power_profile_source);
	fprintf(f, "  Primary:    %s: %s, CPUs %s\n", s->primary_domain, s->primary_domain_mode,
		s->primary_domain_cpus[0] ? s->primary_domain_cpus : "(no preference)");
	fprintf(f, "  Cells:      %" PRIu32 " (cellflashctl cells lists them)\n", s->nr_cells);
	if (!m->attached_at_usec) {
		fprintf(f, "  Metrics:    none while no scheduler is attached\n");
		return;
	}
	fprintf(f, "  Running:    %" PRIu64 " of %" PRIu64 " CPUs\n", x->nr_running, x->nr_online_cpus);
	fprintf(f, "  Dispatches: %" PRIu64 " since it attached: ", total_dispatches(x));
	print_shares(f, x, true);
	fputc('\n', f);
}

static void print_metrics_json(FILE *f, const struct metrics *m, bool counters_only)
{
	bool first = true;

	for (size_t i = 0; i < metric_docs_len; i++) {
		if (counters_only && !metric_docs[i].counter)
			continue;
		fprintf(f, "%s\"%s\":%" PRIu64, first ? "" : ",", metric_docs[i].json,
			metric_value(m, &metric_docs[i]));
		first = false;
	}
}

/* ,"key":"value" */
static void print_string_member(FILE *f, const char *key, const char *value)
{
	fprintf(f, ",\"%s\":", key);
	json_print_string(f, value);
}

void status_print_json(FILE *f, const struct ctl_status *s, const struct ctl_metrics *m)
{
	fputs("{\"state\":", f);
	json_print_string(f, s->state);
	print_string_member(f, "version", s->version);
	print_string_member(f, "ops_name", s->ops_name);
	fprintf(f, ",\"restart_count\":%" PRIu32 ",\"last_exit\":", s->restart_count);
	if (streq(s->last_exit_kind, "none"))
		fputs("null", f);
	else {
		fputs("{\"kind\":", f);
		json_print_string(f, s->last_exit_kind);
		fprintf(f, ",\"code\":%" PRId64, s->last_exit_code);
		print_string_member(f, "reason", s->last_exit_reason);
		print_string_member(f, "message", s->last_exit_message);
		fputc('}', f);
	}
	fprintf(f, ",\"options\":{\"slice_us\":%" PRIu64 ",\"slice_lag_us\":%" PRIu64
		",\"exit_dump_len\":%" PRIu32 "}", s->slice_us, s->slice_lag_us, s->exit_dump_len);
	fprintf(f, ",\"run_id\":%" PRIu64, s->run_id);
	print_string_member(f, "power_profile", s->power_profile);
	print_string_member(f, "power_profile_source", s->power_profile_source);
	print_string_member(f, "primary_domain", s->primary_domain);
	print_string_member(f, "primary_domain_mode", s->primary_domain_mode);
	print_string_member(f, "primary_domain_cpus", s->primary_domain_cpus);
	fprintf(f, ",\"nr_cells\":%" PRIu32, s->nr_cells);
	fprintf(f, ",\"metrics\":{\"timestamp_usec\":%" PRIu64 ",\"attached_at_usec\":%" PRIu64 ",",
		m->timestamp_usec, m->attached_at_usec);
	print_metrics_json(f, &m->metrics, false);
	fputs("}}\n", f);
}

void monitor_interval(const struct ctl_metrics *prev, const struct ctl_metrics *now,
		      struct monitor_interval *ret)
{
	static const struct metrics zero;
	const struct metrics *base = &prev->metrics;

	*ret = (struct monitor_interval) {
		.usec = now->timestamp_usec > prev->timestamp_usec ? now->timestamp_usec - prev->timestamp_usec : 0,
	};
	/* A new copy of the scheduler counted from zero since it attached. */
	if (now->attached_at_usec != prev->attached_at_usec) {
		ret->restarted = now->attached_at_usec != 0;
		base = &zero;
	}
	metrics_delta(&now->metrics, base, &ret->delta);	/* a counter going back also restarts */
	for (size_t i = 0; i < metric_docs_len; i++)
		if (metric_docs[i].counter && metric_value(&now->metrics, &metric_docs[i]) <
					      metric_value(base, &metric_docs[i]))
			ret->restarted = true;
	ret->dispatches = total_dispatches(&ret->delta);
	ret->dispatches_per_sec = ret->usec ? (double)ret->dispatches * USEC_PER_SEC / (double)ret->usec : 0;
}

void monitor_print_line(FILE *f, const struct ctl_metrics *prev, const struct ctl_metrics *now)
{
	struct monitor_interval iv;
	const struct metrics *m = &now->metrics;

	monitor_interval(prev, now, &iv);
	if (!now->attached_at_usec) {
		fprintf(f, "%-10s no scheduler attached\n", now->state);
		return;
	}
	fprintf(f, "%-10s running %" PRIu64 "/%" PRIu64 " CPUs, dispatches %" PRIu64 " total, +%" PRIu64
		" in %.1fs (%.0f/s): ", now->state, m->nr_running, m->nr_online_cpus, total_dispatches(m),
		iv.dispatches, (double)iv.usec / USEC_PER_SEC, iv.dispatches_per_sec);
	print_shares(f, &iv.delta, false);
	fprintf(f, "%s\n", iv.restarted ? " [restarted]" : "");
}

static void print_cells_interval_json(FILE *f, const struct ctl_cells *prev, const struct ctl_cells *now);

void monitor_print_json(FILE *f, const struct ctl_metrics *prev, const struct ctl_metrics *now,
			const struct ctl_cells *cells_prev, const struct ctl_cells *cells_now)
{
	struct monitor_interval iv;

	monitor_interval(prev, now, &iv);
	fputs("{\"state\":", f);
	json_print_string(f, now->state);
	fprintf(f, ",\"timestamp_usec\":%" PRIu64 ",\"attached_at_usec\":%" PRIu64
		",\"interval_usec\":%" PRIu64 ",\"restarted\":%s,", now->timestamp_usec,
		now->attached_at_usec, iv.usec, iv.restarted ? "true" : "false");
	print_metrics_json(f, &now->metrics, false);
	fprintf(f, ",\"interval\":{\"dispatches\":%" PRIu64 ",\"dispatches_per_sec\":%.1f,",
		iv.dispatches, iv.dispatches_per_sec);
	print_metrics_json(f, &iv.delta, true);
	fputc('}', f);
	if (cells_now)
		print_cells_interval_json(f, cells_prev, cells_now);
	fputs("}\n", f);
}

static const char *const cell_stat_json[NR_CELL_STATS] = {
	[CELL_STAT_LOCAL] = "local",
	[CELL_STAT_CPU_QUEUE] = "cpu_queue",
	[CELL_STAT_CELL_QUEUE] = "cell_queue",
	[CELL_STAT_AFFINITY_VIOLATIONS] = "affinity_violations",
	[CELL_STAT_STEALS] = "steals",
};

static const char *cell_name(const struct ctl_cell *c)
{
	return c->id ? c->cgroup_path : "/ (everything else)";
}

void cells_print(FILE *f, const struct ctl_cells *cells)
{
	for (unsigned i = 0; i < cells->nr; i++) {
		const struct ctl_cell *c = &cells->cell[i];

		fprintf(f, "cell %" PRIu32 " %s: %s, ", c->id, cell_name(c), c->pinned ? "cpuset" : "by demand");
		if (c->nr_cpus)
			fprintf(f, "%" PRIu32 " CPUs (%s)", c->nr_cpus, c->cpus);
		else
			fputs("no CPUs yet (its tasks run in the enclosing cell)", f);
		fprintf(f, ", %.0f%% busy, %" PRIu64 " placements since attach\n", c->util * 100,
			cell_counts_decisions(&c->counts));
	}
}

static void print_cell_counts_json(FILE *f, const struct cell_counts *c)
{
	for (unsigned s = 0; s < NR_CELL_STATS; s++)
		fprintf(f, "%s\"%s\":%" PRIu64, s ? "," : "", cell_stat_json[s], c->count[s]);
}

void cells_print_json(FILE *f, const struct ctl_cells *cells)
{
	fputc('[', f);
	for (unsigned i = 0; i < cells->nr; i++) {
		const struct ctl_cell *c = &cells->cell[i];

		fprintf(f, "%s{\"id\":%" PRIu32, i ? "," : "", c->id);
		print_string_member(f, "cgroup_path", c->cgroup_path);
		fprintf(f, ",\"pinned\":%s", c->pinned ? "true" : "false");
		print_string_member(f, "cpus", c->cpus);
		fprintf(f, ",\"nr_cpus\":%" PRIu32 ",\"utilization\":%.3f,", c->nr_cpus, c->util);
		print_cell_counts_json(f, &c->counts);
		fputc('}', f);
	}
	fputs("]\n", f);
}

static const struct ctl_cell *cells_find(const struct ctl_cells *cells, uint32_t id)
{
	for (unsigned i = 0; i < cells->nr; i++)
		if (cells->cell[i].id == id)
			return &cells->cell[i];
	return NULL;
}

/* Each cell's counters in the interval from @prev to @now (by index in @now); returns their placements. */
static uint64_t cells_interval(const struct ctl_cells *prev, const struct ctl_cells *now,
			       struct cell_counts *delta)
{
	static const struct cell_counts zero;
	uint64_t all = 0;

	for (unsigned i = 0; i < now->nr; i++) {
		const struct ctl_cell *before = cells_find(prev, now->cell[i].id);

		/* A cell id that a new cgroup took over starts from zero too. */
		if (before && !streq(before->cgroup_path, now->cell[i].cgroup_path))
			before = NULL;
		cell_counts_delta(&now->cell[i].counts, before ? &before->counts : &zero, &delta[i]);
		all += cell_counts_decisions(&delta[i]);
	}
	return all;
}

void monitor_print_cells(FILE *f, const struct ctl_cells *prev, const struct ctl_cells *now)
{
	struct cell_counts delta[CELLFLASH_MAX_CELLS];
	uint64_t all = cells_interval(prev, now, delta);
	char line[256];

	for (unsigned i = 0; i < now->nr; i++) {
		const struct ctl_cell *c = &now->cell[i];

		if (cell_counts_format_line(c->id, c->nr_cpus, &delta[i], all, line, sizeof(line)) > 0)
			fprintf(f, "  %s%s%s\n", line, c->id ? " - " : "", c->id ? c->cgroup_path : "");
	}
}

static void print_cells_interval_json(FILE *f, const struct ctl_cells *prev, const struct ctl_cells *now)
{
	struct cell_counts delta[CELLFLASH_MAX_CELLS];

	cells_interval(prev, now, delta);
	fputs(",\"cells\":[", f);
	for (unsigned i = 0; i < now->nr; i++) {
		const struct ctl_cell *c = &now->cell[i];

		fprintf(f, "%s{\"id\":%" PRIu32, i ? "," : "", c->id);
		print_string_member(f, "cgroup_path", c->cgroup_path);
		fprintf(f, ",\"nr_cpus\":%" PRIu32 ",\"interval\":{", c->nr_cpus);
		print_cell_counts_json(f, &delta[i]);
		fputs("}}", f);
	}
	fputc(']', f);
}
