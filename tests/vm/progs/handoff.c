/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * handoff COUNT: a waker thread pinned to CPU 1 wakes a sleeper thread
 * (comm "handoff-sleeper", free to run anywhere) COUNT times through a
 * pipe. Before each sleep the sleeper moves itself to CPU 0 and frees its
 * affinity again, so that its previous CPU is always 0 when CPU 1 wakes
 * it. Prints the wakeups.
 */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

static int fds[2];

static void set_cpus(int only)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (only < 0 || cpu == only)
			CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void *sleeper(void *arg)
{
	long *woken = arg;
	char c;

	prctl(PR_SET_NAME, "handoff-sleeper");
	for (;;) {
		set_cpus(0);	/* migrates now: its previous CPU is 0 */
		set_cpus(-1);
		if (read(fds[0], &c, 1) != 1 || !c)
			return NULL;
		(*woken)++;
	}
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 0, woken = 0;
	struct timespec pause = { .tv_nsec = 2 * 1000 * 1000 };
	pthread_t t;
	char c = 1;

	if (count <= 0 || pipe(fds) < 0) {
		fprintf(stderr, "usage: handoff COUNT\n");
		return 2;
	}
	set_cpus(1);
	if (pthread_create(&t, NULL, sleeper, &woken))
		return 1;
	for (long i = 0; i < count; i++) {
		nanosleep(&pause, NULL);	/* the sleeper is asleep again by now */
		if (write(fds[1], &c, 1) != 1)
			return 1;
	}
	c = 0;
	if (write(fds[1], &c, 1) != 1)
		return 1;
	pthread_join(t, NULL);
	printf("%ld\n", woken);
	return 0;
}
