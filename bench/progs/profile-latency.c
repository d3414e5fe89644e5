/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * profile-latency PROFILE [SECONDS]: the time from a power-profile change to
 * its effect in the running scheduler. Sets power-profiles-daemon's
 * ActiveProfile (fake-ppd in the guest) to PROFILE over the system bus, and
 * watches the scheduler's power_seq, which the BPF side bumps once it has
 * applied a new primary domain and CPU level (bpf/power.bpf.h). Prints the
 * us from sending the change to seeing power_seq move.
 *
 * The scheduler's .bss is found among the kernel's BPF maps by name, and
 * power_seq in it through the map's BTF, so nothing here depends on the
 * daemon's build; it is mapped, not copied, to poll it cheaply.
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <systemd/sd-bus.h>
#include <time.h>
#include <unistd.h>

/* libbpf names a .bss map after the first 8 characters of the object. */
#define BSS_MAP_NAME	"cellflas.bss"
#define SEQ_VAR		"power_seq"
#define PPD_NAME	"net.hadess.PowerProfiles"
#define PPD_PATH	"/net/hadess/PowerProfiles"
#define POLL_NS		(200 * 1000)

static uint64_t now_us(void)
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

/* Maps the newest cellflash .bss; points @seq at its power_seq. */
static int map_power_seq(const volatile uint64_t **seq)
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
		fprintf(stderr, "profile-latency: no %s map: is cellflash attached?\n", BSS_MAP_NAME);
		return -1;
	}
	fd = bpf_map_get_fd_by_id(best);
	len = sizeof(info);
	memset(&info, 0, sizeof(info));
	if (fd < 0 || bpf_map_get_info_by_fd(fd, &info, &len) < 0) {
		perror("profile-latency: map info");
		return -1;
	}
	btf = btf__load_from_kernel_by_id(info.btf_id);
	off = btf ? var_offset(btf, info.btf_value_type_id, SEQ_VAR) : -1;
	btf__free(btf);
	if (off < 0) {
		fprintf(stderr, "profile-latency: no %s in %s's BTF\n", SEQ_VAR, BSS_MAP_NAME);
		return -1;
	}
	mem = mmap(NULL, info.value_size, PROT_READ, MAP_SHARED, fd, 0);
	if (mem == MAP_FAILED) {
		perror("profile-latency: mmap (the map is not BPF_F_MMAPABLE?)");
		return -1;
	}
	*seq = (const volatile uint64_t *)((char *)mem + off);
	return 0;
}

/* Sends the property change without waiting for the reply. */
static int send_profile(sd_bus *bus, const char *profile)
{
	sd_bus_message *m = NULL;
	int r;

	r = sd_bus_message_new_method_call(bus, &m, PPD_NAME, PPD_PATH, "org.freedesktop.DBus.Properties", "Set");
	if (r >= 0)
		r = sd_bus_message_append(m, "ssv", PPD_NAME, "ActiveProfile", "s", profile);
	if (r >= 0)
		r = sd_bus_message_set_expect_reply(m, 0);
	if (r >= 0)
		r = sd_bus_send(bus, m, NULL);
	if (r >= 0)
		r = sd_bus_flush(bus);
	sd_bus_message_unref(m);
	return r;
}

int main(int argc, char **argv)
{
	struct timespec poll = { .tv_nsec = POLL_NS };
	const volatile uint64_t *seq;
	double seconds = argc > 2 ? atof(argv[2]) : 5;
	uint64_t seq0, t0, limit;
	sd_bus *bus = NULL;
	int r;

	if (argc < 2) {
		fprintf(stderr, "usage: profile-latency PROFILE [SECONDS]\n");
		return 2;
	}
	if (map_power_seq(&seq) < 0)
		return 1;
	r = sd_bus_open_system(&bus);
	if (r < 0) {
		fprintf(stderr, "profile-latency: cannot connect to the system bus: %s\n", strerror(-r));
		return 1;
	}
	seq0 = *seq;
	t0 = now_us();
	r = send_profile(bus, argv[1]);
	if (r < 0) {
		fprintf(stderr, "profile-latency: cannot set ActiveProfile: %s\n", strerror(-r));
		return 1;
	}
	limit = t0 + (uint64_t)(seconds * 1e6);
	while (*seq == seq0) {
		if (now_us() > limit) {
			fprintf(stderr, "profile-latency: power_seq stayed %llu for %.1f s\n",
				(unsigned long long)seq0, seconds);
			return 1;
		}
		nanosleep(&poll, NULL);
	}
	printf("%llu\n", (unsigned long long)(now_us() - t0));
	sd_bus_flush_close_unref(bus);
	return 0;
}
