/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spin SECONDS [THREADS]: burn CPU on THREADS threads (default 1) for
 * SECONDS of wall time, then print the loops each thread made.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double seconds;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void *spin(void *arg)
{
	double end = now() + seconds;
	uint64_t loops = 0;

	while (now() < end)
		for (volatile int i = 0; i < 10000; i++)
			loops++;
	*(uint64_t *)arg = loops;
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 1;
	pthread_t *t;
	uint64_t *loops;

	if (argc < 2 || n < 1) {
		fprintf(stderr, "usage: spin SECONDS [THREADS]\n");
		return 2;
	}
	seconds = atof(argv[1]);
	t = calloc((size_t)n, sizeof(*t));
	loops = calloc((size_t)n, sizeof(*loops));
	for (int i = 0; i < n; i++)
		pthread_create(&t[i], NULL, spin, &loops[i]);
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		printf("%llu\n", (unsigned long long)loops[i]);
	}
	return 0;
}
