/* SPDX-License-Identifier: GPL-2.0-only */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "bss.h"

/* libbpf names a .bss map after the first 8 characters of the object. */
#define BSS_MAP_NAME	"cellflas.bss"
#define POLL_NS		(200 * 1000)

uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000ULL + (uint64_t)ts.tv_nsec / 1000;
}

/* The offset of @var in the DATASEC @type_id of @btf, or -1. */
static long var_offset(const struct btf *btf, uint32_t type_id, const char *var)
{
	const struct btf_type *sec = btf__type_by_id(btf, type_id);
	const struct btf_var_secinfo *vs;

	if (!sec || !btf_is_datasec(sec))
		return -1;
	vs = btf_var_secinfos(sec);
	for (unsigned i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *t = btf__type_by_id(btf, vs->type);

		if (t && strcmp(btf__name_by_offset(btf, t->name_off), var) == 0)
			return vs->offset;
	}
	return -1;
}

int bss_map_u64(const char *who, const char *var, const volatile uint64_t **ret)
{
	uint32_t id = 0, best = 0, len;
	struct bpf_map_info info;
	struct btf *btf;
	long off;
	void *mem;
	int fd;

	while (bpf_map_get_next_id(id, &id) == 0) {
		len = sizeof(info);
		fd = bpf_map_get_fd_by_id(id);
		if (fd < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (bpf_map_get_info_by_fd(fd, &info, &len) == 0 && strcmp(info.name, BSS_MAP_NAME) == 0)
			best = id;
		close(fd);
	}
	if (!best) {
		fprintf(stderr, "%s: no %s map: is cellflash attached?\n", who, BSS_MAP_NAME);
		return -1;
	}
	fd = bpf_map_get_fd_by_id(best);
	len = sizeof(info);
	memset(&info, 0, sizeof(info));
	if (fd < 0 || bpf_map_get_info_by_fd(fd, &info, &len) < 0) {
		fprintf(stderr, "%s: map info: %m\n", who);
		return -1;
	}
	btf = btf__load_from_kernel_by_id(info.btf_id);
	off = btf ? var_offset(btf, info.btf_value_type_id, var) : -1;
	btf__free(btf);
	if (off < 0) {
		fprintf(stderr, "%s: no %s in %s's BTF\n", who, var, BSS_MAP_NAME);
		return -1;
	}
	mem = mmap(NULL, info.value_size, PROT_READ, MAP_SHARED, fd, 0);
	if (mem == MAP_FAILED) {
		fprintf(stderr, "%s: mmap (the map is not BPF_F_MMAPABLE?): %m\n", who);
		return -1;
	}
	*ret = (const volatile uint64_t *)((char *)mem + off);
	return 0;
}

int64_t bss_wait_change(const char *who, const volatile uint64_t *seq, uint64_t seq0, uint64_t t0,
			double seconds)
{
	struct timespec poll = { .tv_nsec = POLL_NS };
	uint64_t limit = t0 + (uint64_t)(seconds * 1e6);

	while (*seq == seq0) {
		if (now_us() > limit) {
			fprintf(stderr, "%s: the sequence stayed %llu for %.1f s\n", who,
				(unsigned long long)seq0, seconds);
			return -1;
		}
		nanosleep(&poll, NULL);
	}
	return (int64_t)(now_us() - t0);
}
