/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler with a read through an unchecked pointer, which the kernel's
 * verifier must refuse: exercises cellflashd's verifier-rejection report.
 * Same maps and globals as the real object, so the daemon can load it in its
 * place ($CELLFLASH_BPF_OBJECT).
 */
#include "kfuncs.bpf.h"

static __always_inline u64 unchecked_read(void)
{
	return *(volatile u64 *)(unsigned long)bpf_get_prandom_u32();
}
#define scx_bpf_now() unchecked_read()

#include "cellflash.bpf.c"
