/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CELLFLASH_PRIVILEGES_H
#define CELLFLASH_PRIVILEGES_H

/*
 * Checks that this process may load and attach a sched_ext scheduler.
 * Returns 0, or -EPERM after logging which capabilities are missing.
 */
int check_privileges(void);

#endif
