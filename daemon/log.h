/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Logging to stderr. Under systemd (stderr connected to the journal) each
 * line carries its syslog priority as a "<N>" prefix; on a terminal it reads
 * "cellflashd: message".
 */
#ifndef CELLFLASH_LOG_H
#define CELLFLASH_LOG_H

#include <errno.h>
#include <syslog.h>

void log_setup(const char *program);
void log_set_max_level(int level);
/* A syslog level name ("err", "warning", "info", ...) or number 0-7 to a level, or -EINVAL. */
int log_level_from_string(const char *s);

/* Logs at @level with errno set to -@error for %m; returns @error. */
int log_internal(int level, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#define log_full_errno(level, error, ...) log_internal(level, error, __VA_ARGS__)
#define log_debug(...)   log_internal(LOG_DEBUG, 0, __VA_ARGS__)
#define log_info(...)    log_internal(LOG_INFO, 0, __VA_ARGS__)
#define log_notice(...)  log_internal(LOG_NOTICE, 0, __VA_ARGS__)
#define log_warning(...) log_internal(LOG_WARNING, 0, __VA_ARGS__)
#define log_error(...)   log_internal(LOG_ERR, 0, __VA_ARGS__)
#define log_debug_errno(e, ...)   log_internal(LOG_DEBUG, e, __VA_ARGS__)
#define log_warning_errno(e, ...) log_internal(LOG_WARNING, e, __VA_ARGS__)
#define log_error_errno(e, ...)   log_internal(LOG_ERR, e, __VA_ARGS__)
#define log_oom() log_internal(LOG_ERR, -ENOMEM, "Out of memory.")

#endif
