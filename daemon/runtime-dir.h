/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflashd's runtime directory ($RUNTIME_DIRECTORY, or /run/cellflash):
 * its state that must outlive a crash until the next start, and the lock
 * that keeps a second instance from touching it.
 */
#ifndef CELLFLASH_RUNTIME_DIR_H
#define CELLFLASH_RUNTIME_DIR_H

#include <stddef.h>

/* @name inside the runtime directory. */
void runtime_path(const char *name, char *buf, size_t n);

/*
 * Creates the directory and takes its lock, held until exit. Returns the
 * lock's fd, -EBUSY after logging if another cellflashd holds it, or
 * another negative errno after logging.
 */
int runtime_lock(void);

#endif
