/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler, failing with scx_bpf_error() on its first dispatch (every
 * dispatch looks at the first task of its queues): a runtime BPF error, to
 * exercise cellflashd's restart backoff. Same maps and globals as the real
 * object ($CELLFLASH_BPF_OBJECT).
 */
#include "kfuncs.bpf.h"

static __always_inline struct task_struct *failing_dsq_first(u64 dsq_id)
{
	scx_bpf_error("injected fault (dispatch looked at queue %llu)", dsq_id);
	/* The real peek too: it keeps the object's maps those of the real one (.kconfig). */
	return dsq_first(dsq_id);
}
#define dsq_first(dsq_id) failing_dsq_first(dsq_id)

#include "cellflash.bpf.c"
