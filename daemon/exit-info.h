/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a sched_ext exit means and what the daemon does about it: the kernel's
 * exit kinds and exit-code bits, decoded without any I/O.
 */
#ifndef CELLFLASH_EXIT_INFO_H
#define CELLFLASH_EXIT_INFO_H

#include <stdbool.h>
#include <stdint.h>

/* enum scx_exit_kind (kernel/sched/ext_internal.h), stable since 6.12. */
enum scx_exit_kind_value {
	EXIT_KIND_NONE = 0,
	EXIT_KIND_DONE = 1,
	EXIT_KIND_UNREG = 64,		/* user space unregistered it */
	EXIT_KIND_UNREG_BPF = 65,	/* the BPF program called scx_bpf_exit() */
	EXIT_KIND_UNREG_KERN = 66,	/* the kernel unregistered it */
	EXIT_KIND_SYSRQ = 67,		/* SysRq-S */
	EXIT_KIND_ERROR = 1024,
	EXIT_KIND_ERROR_BPF = 1025,	/* scx_bpf_error() */
	EXIT_KIND_ERROR_STALL = 1026,	/* watchdog: a runnable task did not run */
};

/* Exit-code layout: bits 0-31 user code, 32-47 reason, 48-63 action. */
#define EXIT_CODE_ACT_RESTART	(1ULL << 48)

enum exit_action {
	EXIT_ACTION_RESTART,		/* the kernel asked for a restart: re-attach now */
	EXIT_ACTION_STAY_DETACHED,	/* an operator removed it: do not fight them */
	EXIT_ACTION_BACKOFF,		/* it failed: re-attach after a delay */
};

/* "SysRq-S", "BPF error", "stall", ... for logs. */
const char *exit_kind_to_string(int kind);
bool exit_kind_is_error(int kind);
enum exit_action exit_action_of(int kind, int64_t exit_code);

/*
 * Bounded exponential backoff for re-attaching after failures: up to
 * RESTART_MAX_RETRIES retries, then give up. A failure after the scheduler
 * stayed up for RESTART_STABLE_USEC starts over. A restart the kernel asks
 * for within RESTART_FLAP_USEC of attaching counts as a failure, so a
 * flapping CPU cannot make the daemon re-attach in a tight loop.
 */
#define RESTART_BACKOFF_MIN_USEC	(500 * 1000ULL)
#define RESTART_BACKOFF_MAX_USEC	(30 * 1000000ULL)
#define RESTART_STABLE_USEC		(60 * 1000000ULL)
#define RESTART_FLAP_USEC		(1000000ULL)
#define RESTART_MAX_RETRIES		5

struct restart_policy {
	unsigned failures;	/* consecutive failures */
};

/*
 * Record a failure after the scheduler ran for @uptime_usec. Returns the
 * delay before the next attempt, or 0 when it is time to give up.
 */
uint64_t restart_policy_failed(struct restart_policy *p, uint64_t uptime_usec);

#endif
