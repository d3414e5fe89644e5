/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler, failing with scx_bpf_error() on its first dispatch: a
 * runtime BPF error, to exercise cellflashd's restart backoff. Same maps and
 * globals as the real object ($CELLFLASH_BPF_OBJECT).
 */
#include "kfuncs.bpf.h"

static __always_inline bool failing_move_to_local(u64 dsq_id)
{
	scx_bpf_error("injected fault (dispatch from queue %llu)", dsq_id);
	return false;
}
#define dsq_move_to_local(dsq_id) failing_move_to_local(dsq_id)

#include "cellflash.bpf.c"
