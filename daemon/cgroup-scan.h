/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading the cgroup2 hierarchy (<root>, /sys/fs/cgroup in production, a
 * fake tree in tests): every cgroup with its id and cpuset, and the CPU
 * time a cgroup used.
 */
#ifndef CELLFLASH_CGROUP_SCAN_H
#define CELLFLASH_CGROUP_SCAN_H

#include <stdint.h>

#include "cells.h"

/* $CELLFLASH_CGROUP_ROOT, or "/sys/fs/cgroup". */
const char *cgroup_root(void);

/* Reads every cgroup under @root into @ret; -errno after logging. */
int cgroup_scan(const char *root, struct cgroup_tree *ret);
void cgroup_tree_clear(struct cgroup_tree *t);

/* usage_usec of @path's cpu.stat ("" for the root); -errno, not logged. */
int cgroup_read_usage(const char *root, const char *path, uint64_t *ret_usec);

#endif
