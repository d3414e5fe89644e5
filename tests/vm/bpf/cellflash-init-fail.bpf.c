/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler with an ops.init() that fails (its queues cannot be
 * created): the kernel still lets the attach succeed and reports the
 * failure as an exit, which cellflashd must notice at once. Same maps and
 * globals as the real object.
 */
#include "kfuncs.bpf.h"

#define scx_bpf_create_dsq(dsq_id, node) ((void)(dsq_id), (void)(node), -ENOMEM)

#include "cellflash.bpf.c"
