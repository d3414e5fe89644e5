/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * periodic -s SECONDS [-p PERIOD_US] [-c CPU_US] [-f PRIO]: the interactive
 * probe. One normal-priority (SCHED_OTHER, nice 0) thread wakes every
 * PERIOD_US on an absolute timer, as an input or audio thread does, and does
 * CPU_US of work.
 * Its wake-to-run latency is how late it runs after its timer expired.
 * Prints the latency percentiles (us) and how many periods it missed
 * entirely (it then skips them rather than running a burst to catch up).
 *
 * The timer slack is set to 1 ns: a normal thread's default 50 us would
 * blur the scheduler's part, the same for every scheduler.
 *
 * -f PRIO runs it SCHED_FIFO at PRIO instead: the RT class preempts any
 * fair or sched_ext task at once, so its latency beside the same load is
 * what the machine (here, the emulator) adds whatever the scheduler.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "hist.h"

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void burn(uint64_t ns)
{
	uint64_t end = clock_ns(CLOCK_THREAD_CPUTIME_ID) + ns;

	do {
		for (volatile int i = 0; i < 1000; i++)
			;
	} while (clock_ns(CLOCK_THREAD_CPUTIME_ID) < end);
}

int main(int argc, char **argv)
{
	uint64_t period = 1000 * 1000, work = 50 * 1000, next, end, missed = 0;
	struct hist *lat = hist_new();
	double seconds = 0;
	int opt, fifo = 0;

	while ((opt = getopt(argc, argv, "s:p:c:f:")) != -1) {
		switch (opt) {
		case 's': seconds = atof(optarg); break;
		case 'p': period = strtoull(optarg, NULL, 10) * 1000; break;
		case 'c': work = strtoull(optarg, NULL, 10) * 1000; break;
		case 'f': fifo = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (seconds <= 0 || period == 0 || fifo < 0 || fifo > 99)
		goto usage;
	if (fifo && sched_setscheduler(0, SCHED_FIFO, &(struct sched_param) { .sched_priority = fifo })) {
		fprintf(stderr, "periodic: cannot run SCHED_FIFO at %d: %s\n", fifo, strerror(errno));
		return 1;
	}
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

	next = clock_ns(CLOCK_MONOTONIC) + period;
	end = next + (uint64_t)(seconds * 1e9);
	while (next < end) {
		struct timespec ts = { .tv_sec = (time_t)(next / 1000000000ULL),
				       .tv_nsec = (long)(next % 1000000000ULL) };
		uint64_t now;

		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		now = clock_ns(CLOCK_MONOTONIC);
		hist_add(lat, now > next ? (now - next) / 1000 : 0);
		burn(work);
		next += period;
		now = clock_ns(CLOCK_MONOTONIC);
		while (next <= now) {
			next += period;
			missed++;
		}
	}
	hist_print(stdout, "lat_", lat);
	printf(" missed=%llu\n", (unsigned long long)missed);
	return 0;

usage:
	fprintf(stderr, "usage: periodic -s SECONDS [-p PERIOD_US] [-c CPU_US] [-f PRIO]\n");
	return 2;
}
