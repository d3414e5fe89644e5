/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wakeup SECONDS PERIOD_US: sleep PERIOD_US, wake, repeat for SECONDS; print
 * the number of wakeups and the worst lateness in microseconds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	int64_t end, period, worst = 0, n = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: wakeup SECONDS PERIOD_US\n");
		return 2;
	}
	period = atoll(argv[2]) * 1000;
	end = now_ns() + (int64_t)(atof(argv[1]) * 1e9);
	while (now_ns() < end) {
		struct timespec ts = { .tv_sec = period / 1000000000, .tv_nsec = period % 1000000000 };
		int64_t before = now_ns(), late;

		nanosleep(&ts, NULL);
		late = now_ns() - before - period;
		if (late > worst)
			worst = late;
		n++;
	}
	printf("%lld %lld\n", (long long)n, (long long)(worst / 1000));
	return 0;
}
