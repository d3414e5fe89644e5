/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * scx-clock: times sched_ext state changes for the guest's bench scripts,
 * which have no clock finer than /proc/uptime's 10 ms.
 *
 *   scx-clock now                          CLOCK_MONOTONIC in us
 *   scx-clock wait STATE SINCE_US SECONDS  wait until sched_ext's state is
 *                                          STATE; print the us since SINCE_US
 *   scx-clock stop PID STATE SECONDS       SIGTERM PID, wait for STATE; print
 *                                          the us since the signal
 *
 * The state is polled every 500 us: finer polling would take CPU time from
 * the (emulated, slow) attach being measured.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define STATE_FILE	"/sys/kernel/sched_ext/state"
#define POLL_NS		(500 * 1000)

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000ULL + (uint64_t)ts.tv_nsec / 1000;
}

static int state_is(int fd, const char *want)
{
	char buf[32];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return strcmp(buf, want) == 0;
}

/* Waits for @want; prints the us since @since, or fails after @seconds. */
static int wait_state(const char *want, uint64_t since, double seconds)
{
	struct timespec poll = { .tv_nsec = POLL_NS };
	uint64_t limit = now_us() + (uint64_t)(seconds * 1e6);
	int fd = open(STATE_FILE, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		perror("scx-clock: " STATE_FILE);
		return 1;
	}
	while (!state_is(fd, want)) {
		if (now_us() > limit) {
			fprintf(stderr, "scx-clock: sched_ext not %s after %.1f s\n", want, seconds);
			return 1;
		}
		nanosleep(&poll, NULL);
	}
	printf("%llu\n", (unsigned long long)(now_us() - since));
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "now") == 0) {
		printf("%llu\n", (unsigned long long)now_us());
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "wait") == 0)
		return wait_state(argv[2], strtoull(argv[3], NULL, 10), atof(argv[4]));
	if (argc == 5 && strcmp(argv[1], "stop") == 0) {
		uint64_t since = now_us();

		if (kill(atoi(argv[2]), SIGTERM) < 0) {
			perror("scx-clock: kill");
			return 1;
		}
		return wait_state(argv[3], since, atof(argv[4]));
	}
	fprintf(stderr, "usage: scx-clock now | wait STATE SINCE_US SECONDS | stop PID STATE SECONDS\n");
	return 2;
}
