/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The benchmarks' floor: a sched_ext scheduler without a single callback,
 * so the kernel's built-in policies run (idle-CPU selection with direct
 * dispatch to an idle CPU, else the global FIFO queue, 20 ms slices). What
 * it costs against EEVDF is what sched_ext itself costs in this VM; what
 * cellflash costs beyond it is its own. tools/bench runs it as the variant
 * "floor", registered with bpftool (bench/guest/lib.sh).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

SEC(".struct_ops.link")
struct sched_ext_ops floor_ops = {
	.name = "floor",
};
