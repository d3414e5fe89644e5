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
#include "kernel-btf.h"
#include "metrics.h"
#include "../bpf/intf.h"

struct scheduler;

struct scheduler_exit {
	int kind;			/* enum scx_exit_kind */
	int64_t code;
	char reason[EXIT_REASON_LEN];
	char msg[EXIT_MSG_LEN];
};

/*
 * Builds a scheduler from @cfg for a kernel with @caps and attaches it.
 * Returns 0, or a negative errno after logging why: -EBUSY if another
 * sched_ext scheduler is loaded, -EACCES/-EINVAL if the verifier rejected
 * it, others from libbpf.
 */
int scheduler_attach(struct scheduler **ret, const struct config *cfg,
		     const struct kernel_caps *caps);
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

void scheduler_read_metrics(struct scheduler *s, struct metrics *ret);

#endif
