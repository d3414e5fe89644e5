/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One attached instance of the BPF scheduler: open, configure, load and
 * attach it from a config; read its counters and exit information; detach.
 * A restart is scheduler_free() followed by a fresh scheduler_attach().
 */
#ifndef CELLFLASH_SCHEDULER_H
#define CELLFLASH_SCHEDULER_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "cpumask.h"
#include "kernel-btf.h"
#include "topology.h"
#include "metrics.h"
#include "../bpf/intf.h"

struct scheduler;

struct scheduler_exit {
	int kind;			/* enum scx_exit_kind */
	int64_t code;
	char reason[EXIT_REASON_LEN];
	char msg[EXIT_MSG_LEN];
};

/* What the scheduler should prefer: see domain.h. */
struct power_setting {
	struct cpumask primary;		/* empty: no preference */
	int cpuperf;			/* CPUFREQ_LEVEL_* or 1..1023 */
};

/* Which cgroups own cells and which CPUs each cell runs: see cells.h. */
struct cell_owner {
	uint64_t cgroup_id;
	unsigned cell;			/* 1..CELLFLASH_MAX_CELLS-1 */
};

struct cell_setting {
	unsigned nr_cells;		/* highest cell id + 1; 1: cell 0 only */
	unsigned nr_owners;
	struct cell_owner owners[CELLFLASH_MAX_CELLS];
	uint8_t cpu_cell[CELLFLASH_MAX_CPUS];
};

/*
 * Builds a scheduler from @cfg for a kernel with @caps and the CPUs of @topo,
 * starting with @power, and attaches it. Returns 0, or a negative errno after
 * logging why: -EBUSY if another sched_ext scheduler is loaded,
 * -EACCES/-EINVAL if the verifier rejected it, others from libbpf.
 */
int scheduler_attach(struct scheduler **ret, const struct config *cfg,
		     const struct kernel_caps *caps, const struct topology *topo,
		     const struct power_setting *power, const struct cell_setting *cells);

/* Applies @power to the running scheduler, without re-attaching. */
int scheduler_set_power(struct scheduler *s, const struct power_setting *power);
/* Applies @cells to the running scheduler, without re-attaching. */
int scheduler_set_cells(struct scheduler *s, const struct cell_setting *cells);
/* How many cell configurations the BPF side has applied (ops.init's included). */
uint64_t scheduler_cell_seq(struct scheduler *s);
/* How many power settings the BPF side has applied (ops.init's included). */
uint64_t scheduler_power_seq(struct scheduler *s);
/* Detaches (if still attached) and frees. */
void scheduler_free(struct scheduler *s);

static inline void scheduler_freep(struct scheduler **s)
{
	if (*s)
		scheduler_free(*s);
}

/* fd that turns readable when the BPF side records an exit. */
int scheduler_exit_event_fd(struct scheduler *s);
/* The struct_ops link: EPOLLHUP once someone detaches it. */
int scheduler_link_fd(struct scheduler *s);
/* Drains the exit ring buffer; call when scheduler_exit_event_fd() is readable. */
void scheduler_drain_exit_events(struct scheduler *s);

/* True, with @ret filled, once the kernel has disabled this scheduler. */
bool scheduler_exited(struct scheduler *s, struct scheduler_exit *ret);
/* The kernel's debug dump of an error exit ("" if none). */
const char *scheduler_exit_dump(struct scheduler *s);

/*
 * Sums the counters of @cpus (the online CPUs) into @ret, and each cell's
 * into @ret_cells (CELLFLASH_MAX_CELLS of them) unless NULL.
 */
/* One cell's counters, summed over @cpus. */
void scheduler_read_cell(struct scheduler *s, const struct cpumask *cpus, unsigned cell,
			 struct cell_counts *ret);
void scheduler_read_metrics(struct scheduler *s, const struct cpumask *cpus, struct metrics *ret,
			    struct cell_counts *ret_cells);

#endif
