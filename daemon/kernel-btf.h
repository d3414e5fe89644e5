/* SPDX-License-Identifier: GPL-2.0-only */
/* What the running kernel offers, read once from its BTF at startup. */
#ifndef CELLFLASH_KERNEL_BTF_H
#define CELLFLASH_KERNEL_BTF_H

#include <stdbool.h>
#include <stdint.h>

struct kernel_caps {
	bool select_cpu_and;		/* scx_bpf_select_cpu_and(): Linux 6.16 */
	uint64_t ops_allow_queued_wakeup;	/* SCX_OPS_ALLOW_QUEUED_WAKEUP, or 0 */
	uint64_t ops_enq_last;		/* SCX_OPS_ENQ_LAST */
};

/*
 * Fills @ret from the kernel's BTF and frees the BTF again (it is several
 * MB). Returns 0, or a negative errno after logging.
 */
int kernel_probe(struct kernel_caps *ret);

#endif
