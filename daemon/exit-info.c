/* SPDX-License-Identifier: GPL-2.0-only */
#include "exit-info.h"

const char *exit_kind_to_string(int kind)
{
	switch (kind) {
	case EXIT_KIND_NONE:		return "none";
	case EXIT_KIND_DONE:		return "done";
	case EXIT_KIND_UNREG:		return "unregistered";
	case EXIT_KIND_UNREG_BPF:	return "unregistered by BPF";
	case EXIT_KIND_UNREG_KERN:	return "unregistered by the kernel";
	case EXIT_KIND_SYSRQ:		return "SysRq-S";
	case EXIT_KIND_ERROR:		return "error";
	case EXIT_KIND_ERROR_BPF:	return "BPF error";
	case EXIT_KIND_ERROR_STALL:	return "stall";
	default:
		return kind >= EXIT_KIND_ERROR ? "error" : "unregistered";
	}
}

bool exit_kind_is_error(int kind)
{
	return kind >= EXIT_KIND_ERROR;
}

enum exit_action exit_action_of(int kind, int64_t exit_code)
{
	if ((uint64_t)exit_code & EXIT_CODE_ACT_RESTART)
		return EXIT_ACTION_RESTART;
	if (kind == EXIT_KIND_SYSRQ || kind == EXIT_KIND_UNREG)
		return EXIT_ACTION_STAY_DETACHED;
	return EXIT_ACTION_BACKOFF;
}

uint64_t restart_policy_failed(struct restart_policy *p, uint64_t uptime_usec)
{
	uint64_t delay = RESTART_BACKOFF_MIN_USEC;

	if (uptime_usec >= RESTART_STABLE_USEC)
		p->failures = 0;
	if (++p->failures > RESTART_MAX_RETRIES)
		return 0;
	for (unsigned i = 1; i < p->failures && delay < RESTART_BACKOFF_MAX_USEC; i++)
		delay *= 2;
	return delay < RESTART_BACKOFF_MAX_USEC ? delay : RESTART_BACKOFF_MAX_USEC;
}
