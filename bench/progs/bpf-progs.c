/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bpf-progs PREFIX: one line per loaded BPF program whose name starts with
 * PREFIX: its name, calls and total run time (counted while
 * kernel.bpf_stats_enabled is 1), the instructions the verifier processed
 * to accept it, and its translated and JITed sizes in bytes:
 *
 *   NAME run_cnt=N run_time_ns=N verified_insns=N xlated=N jited=N
 *
 * verified_insns is the verifier's "processed N insns" (the number veristat
 * reports), kept by the kernel since 5.16; bpftool 7.5 does not print it.
 * Names come from the program's BTF: the kernel keeps only 15 characters,
 * which the cellflash_cgroup_* callbacks share.
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The program's name from its first BTF function record, else the kernel's. */
static void full_name(int fd, const struct bpf_prog_info *info, char *buf, size_t n)
{
	struct bpf_func_info finfo = { 0 };
	struct bpf_prog_info one = { 0 };
	uint32_t len = sizeof(one);
	const struct btf_type *t;
	struct btf *btf;

	snprintf(buf, n, "%s", info->name);
	if (!info->btf_id || !info->nr_func_info)
		return;
	one.nr_func_info = 1;
	one.func_info_rec_size = sizeof(finfo);
	one.func_info = (uint64_t)(uintptr_t)&finfo;
	if (bpf_prog_get_info_by_fd(fd, &one, &len) < 0)
		return;
	btf = btf__load_from_kernel_by_id(info->btf_id);
	if (!btf)
		return;
	t = btf__type_by_id(btf, finfo.type_id);
	if (t)
		snprintf(buf, n, "%s", btf__name_by_offset(btf, t->name_off));
	btf__free(btf);
}

int main(int argc, char **argv)
{
	const char *prefix = argc > 1 ? argv[1] : "";
	uint32_t id = 0;

	while (bpf_prog_get_next_id(id, &id) == 0) {
		struct bpf_prog_info info = { 0 };
		uint32_t len = sizeof(info);
		char name[128];
		int fd = bpf_prog_get_fd_by_id(id);

		if (fd < 0)
			continue;
		if (bpf_prog_get_info_by_fd(fd, &info, &len) == 0) {
			full_name(fd, &info, name, sizeof(name));
			if (strncmp(name, prefix, strlen(prefix)) == 0)
				printf("%s run_cnt=%llu run_time_ns=%llu verified_insns=%u xlated=%u jited=%u\n",
				       name, (unsigned long long)info.run_cnt,
				       (unsigned long long)info.run_time_ns, info.verified_insns,
				       info.xlated_prog_len, info.jited_prog_len);
		}
		close(fd);
	}
	return 0;
}
