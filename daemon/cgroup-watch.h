/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Watching the cgroup2 hierarchy for what changes cells: cgroups created or
 * removed, cpuset.cpus written. Changes are gathered for a moment and
 * reported once.
 */
#ifndef CELLFLASH_CGROUP_WATCH_H
#define CELLFLASH_CGROUP_WATCH_H

#include <systemd/sd-event.h>

#include "cells.h"

/* A batch of changes settles this long before it is reported. */
#define CGROUP_WATCH_SETTLE_USEC	(20 * 1000)

struct cgroup_watch;
typedef void (*cgroup_change_fn)(void *userdata);

int cgroup_watch_new(struct cgroup_watch **ret, sd_event *event, const char *root,
		     cgroup_change_fn fn, void *userdata);
void cgroup_watch_free(struct cgroup_watch *w);

/*
 * Watches every cgroup of @tree not watched yet. A new one is also reported
 * as a change: something may have happened in it before its watch.
 */
void cgroup_watch_add_tree(struct cgroup_watch *w, const struct cgroup_tree *tree);

#endif
