/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's sched_ext state in sysfs (<root>/kernel/sched_ext/...). @root
 * is "/sys" in production and a fake tree in tests.
 */
#ifndef CELLFLASH_SCX_SYSFS_H
#define CELLFLASH_SCX_SYSFS_H

#include <stddef.h>
#include <stdint.h>

/* $CELLFLASH_SYSFS_ROOT, or "/sys". */
const char *sysfs_root(void);

/* "enabled", "disabled", "enabling", "disabling"; -ENOENT without sched_ext. */
int scx_read_state(const char *root, char *buf, size_t n);
/* Name of the loaded root scheduler; -ENOENT when none is loaded. */
int scx_read_ops(const char *root, char *buf, size_t n);
/* A numeric attribute: "hotplug_seq", "enable_seq", "nr_rejected". */
int scx_read_u64(const char *root, const char *name, uint64_t *ret);

/* Logs that another scheduler holds sched_ext, naming it; returns -EBUSY. */
int scx_log_already_loaded(const char *root);

/* Reads a whole small file, trailing whitespace stripped. */
int read_one_line(const char *path, char *buf, size_t n);
/* The same, with @path relative to the directory open at @dirfd. */
int read_one_line_at(int dirfd, const char *path, char *buf, size_t n);

#endif
