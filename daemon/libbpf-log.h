/* SPDX-License-Identifier: GPL-2.0-only */
/* Making sense of what libbpf printed while loading the scheduler. */
#ifndef CELLFLASH_LIBBPF_LOG_H
#define CELLFLASH_LIBBPF_LOG_H

#include <stddef.h>

/*
 * If @text holds a verifier log (libbpf's "-- BEGIN PROG LOAD LOG --" ...
 * "-- END PROG LOAD LOG --"), writes the part that explains the rejection
 * into @buf: from two lines before the last instruction the verifier
 * checked, at most @max_lines lines. The rejected program's name goes into @prog.
 * Returns the number of lines written, 0 without a verifier log.
 */
int verifier_log_excerpt(const char *text, unsigned max_lines, char *buf, size_t n,
			 char *prog, size_t prog_n);

#endif
