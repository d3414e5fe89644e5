/* SPDX-License-Identifier: GPL-2.0-only */
/* The generated BPF skeleton, with the kernel-style type names it expects. */
#ifndef CELLFLASH_BPF_SKEL_H
#define CELLFLASH_BPF_SKEL_H

#include <linux/types.h>

typedef __u8 u8;
typedef __u32 u32;
typedef __s16 s16;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;

#include "../bpf/intf.h"
#include "cellflash.skel.h"

#endif
