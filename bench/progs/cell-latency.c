/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cell-latency CGROUP CPUS [SECONDS]: the time from creating a cell's
 * cgroup to the running scheduler using it. Creates the cgroup directory
 * CGROUP (a path under the cgroup2 mount), writes CPUS to its cpuset.cpus,
 * which makes it a cell (its parent must have +cpuset in
 * cgroup.subtree_control), and watches the scheduler's cell_seq, which the
 * BPF side bumps once it has applied a new cell configuration
 * (bpf/cells.bpf.h). Prints the us from mkdir to seeing cell_seq move.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bss.h"

#define WHO	"cell-latency"

static int write_file(const char *dir, const char *name, const char *value)
{
	char path[4096];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, value, strlen(value));
	close(fd);
	return n < 0 ? -errno : 0;
}

int main(int argc, char **argv)
{
	const volatile uint64_t *seq;
	double seconds = argc > 3 ? atof(argv[3]) : 5;
	uint64_t seq0, t0;
	int64_t us;
	int r;

	if (argc < 3) {
		fprintf(stderr, "usage: " WHO " CGROUP CPUS [SECONDS]\n");
		return 2;
	}
	if (bss_map_u64(WHO, "cell_seq", &seq) < 0)
		return 1;
	seq0 = *seq;
	t0 = now_us();
	if (mkdir(argv[1], 0755) < 0) {
		fprintf(stderr, WHO ": mkdir %s: %m\n", argv[1]);
		return 1;
	}
	r = write_file(argv[1], "cpuset.cpus", argv[2]);
	if (r < 0) {
		fprintf(stderr, WHO ": %s/cpuset.cpus: %s\n", argv[1], strerror(-r));
		return 1;
	}
	us = bss_wait_change(WHO, seq, seq0, t0, seconds);
	if (us < 0)
		return 1;
	printf("%lld\n", (long long)us);
	return 0;
}
