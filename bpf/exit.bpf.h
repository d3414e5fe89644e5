/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Recording why the scheduler stopped. ops.exit() copies the kernel's exit
 * information and dump into memory the daemon has mapped, then writes a ring
 * buffer record so the daemon wakes at once instead of polling.
 */
#ifndef CELLFLASH_EXIT_BPF_H
#define CELLFLASH_EXIT_BPF_H

struct exit_info exit_info;

/* The kernel's debug dump; the daemon sizes this section before load. */
const volatile u32 exit_dump_len = 1;
char exit_dump[1] SEC(".data.exit_dump");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} exit_events SEC(".maps");

static __always_inline void exit_record(const struct scx_exit_info *ei)
{
	struct exit_event ev = { .kind = ei->kind, .exit_code = ei->exit_code };

	bpf_probe_read_kernel_str(exit_info.reason, sizeof(exit_info.reason), ei->reason);
	bpf_probe_read_kernel_str(exit_info.msg, sizeof(exit_info.msg), ei->msg);
	bpf_probe_read_kernel_str(exit_dump, exit_dump_len, ei->dump);
	exit_info.exit_code = ei->exit_code;
	/* Publish @kind last: a reader that sees it sees the rest. */
	__sync_val_compare_and_swap(&exit_info.kind, 0, ei->kind);

	bpf_ringbuf_output(&exit_events, &ev, sizeof(ev), BPF_RB_FORCE_WAKEUP);
}

#endif
