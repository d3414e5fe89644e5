/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The running cellflash scheduler's .bss, seen from the guest's probes: a
 * u64 variable in it, found by name through the map's BTF and mapped, not
 * copied, so it can be polled cheaply and nothing depends on the daemon's
 * build.
 */
#ifndef BENCH_BSS_H
#define BENCH_BSS_H

#include <stdint.h>

/* CLOCK_MONOTONIC in us. */
uint64_t now_us(void);

/*
 * Points @ret at the u64 @var of the newest cellflash .bss map. Returns 0,
 * or -1 after a message on stderr prefixed with @who.
 */
int bss_map_u64(const char *who, const char *var, const volatile uint64_t **ret);

/*
 * Waits until *@seq differs from @seq0, polling every 200 us; returns the us
 * since @t0, or -1 after @seconds (with a message prefixed with @who).
 */
int64_t bss_wait_change(const char *who, const volatile uint64_t *seq, uint64_t seq0, uint64_t t0,
			double seconds);

#endif
