/* SPDX-License-Identifier: GPL-2.0-only */
/* Fake sysfs trees for tests: a temporary root, removed at exit. */
#ifndef CELLFLASH_FAKE_SYSFS_H
#define CELLFLASH_FAKE_SYSFS_H

/* A new empty root directory. */
const char *fake_sysfs_new(void);
/* Writes @fmt... to @root/@rel, creating directories; aborts on failure. */
void fake_put(const char *root, const char *rel, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The contents of @root/@rel (static buffer), "" if missing. */
const char *fake_get(const char *root, const char *rel);

#endif
