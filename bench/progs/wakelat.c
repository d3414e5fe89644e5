/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wakelat -w WORKERS -s SECONDS [-c CPU_US]: the wakeup-latency probe, after
 * schbench's model (which Debian does not package). A message thread hands
 * requests to worker threads and wakes them; each worker notes how long it
 * took from the wake call to running (the wakeup latency), burns CPU_US of
 * its own CPU time on the request, and goes back to sleep until the next.
 * The message thread keeps every idle worker busy, so WORKERS at nproc
 * keeps the CPUs just saturated, and more than nproc oversubscribes them:
 * then a woken worker must get a CPU from a running one.
 *
 * Prints one line: wakeup percentiles (us), request percentiles (wake call
 * to done, us) and requests per second.
 *
 * Work is measured in the thread's CPU time, not loops, so a request costs
 * the same whatever the emulator's speed and however often it is preempted.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "hist.h"

enum { IDLE, POSTED, STOP };

struct worker {
	_Atomic uint32_t state;		/* futex word: IDLE, POSTED or STOP */
	uint64_t posted_ns;		/* when the message thread woke it */
	uint64_t done;
	struct hist *wake, *request;
	pthread_t thread;
} __attribute__((aligned(64)));

static struct worker *workers;
static int nr_workers;
static uint64_t cpu_ns = 500 * 1000;
/* Bumped by each worker going idle; the message thread sleeps on it. */
static _Atomic uint32_t idle_seq __attribute__((aligned(64)));
static _Atomic int msg_waiting;

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static uint64_t now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

static void futex_wait(_Atomic uint32_t *word, uint32_t val, const struct timespec *timeout)
{
	syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, timeout, NULL, 0);
}

static void futex_wake(_Atomic uint32_t *word)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Uses @ns of this thread's CPU time; the clock is read every few us only. */
static void burn(uint64_t ns)
{
	uint64_t end = clock_ns(CLOCK_THREAD_CPUTIME_ID) + ns;

	do {
		for (volatile int i = 0; i < 1000; i++)
			;
	} while (clock_ns(CLOCK_THREAD_CPUTIME_ID) < end);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	for (;;) {
		uint32_t posted = POSTED;
		uint64_t woke;

		while (atomic_load(&w->state) == IDLE)
			futex_wait(&w->state, IDLE, NULL);
		if (atomic_load(&w->state) == STOP)
			return NULL;
		woke = now_ns();
		hist_add(w->wake, (woke - w->posted_ns) / 1000);
		burn(cpu_ns);
		hist_add(w->request, (now_ns() - w->posted_ns) / 1000);
		w->done++;
		/* Fails only when told to stop meanwhile. */
		if (!atomic_compare_exchange_strong(&w->state, &posted, IDLE))
			return NULL;
		atomic_fetch_add(&idle_seq, 1);
		if (atomic_load(&msg_waiting))
			futex_wake(&idle_seq);
	}
}

/* Hands a request to every idle worker; returns how many it woke. */
static int post_idle_workers(void)
{
	int n = 0;

	for (int i = 0; i < nr_workers; i++) {
		struct worker *w = &workers[i];

		if (atomic_load(&w->state) != IDLE)
			continue;
		w->posted_ns = now_ns();
		atomic_store(&w->state, POSTED);
		futex_wake(&w->state);
		n++;
	}
	return n;
}

int main(int argc, char **argv)
{
	struct timespec poll = { .tv_nsec = 100 * 1000 * 1000 };
	struct hist *wake = hist_new(), *request = hist_new();
	double seconds = 10;
	uint64_t start, end, done = 0;
	int opt;

	while ((opt = getopt(argc, argv, "w:s:c:")) != -1) {
		switch (opt) {
		case 'w': nr_workers = atoi(optarg); break;
		case 's': seconds = atof(optarg); break;
		case 'c': cpu_ns = strtoull(optarg, NULL, 10) * 1000; break;
		default: goto usage;
		}
	}
	if (nr_workers < 1 || seconds <= 0)
		goto usage;

	workers = aligned_alloc(64, sizeof(*workers) * (size_t)nr_workers);
	if (!workers)
		return 1;
	for (int i = 0; i < nr_workers; i++) {
		struct worker *w = &workers[i];

		*w = (struct worker) { .wake = hist_new(), .request = hist_new() };
		atomic_store(&w->state, IDLE);
		if (pthread_create(&w->thread, NULL, worker_main, w)) {
			perror("wakelat: pthread_create");
			return 1;
		}
	}

	start = now_ns();
	end = start + (uint64_t)(seconds * 1e9);
	while (now_ns() < end) {
		uint32_t seq = atomic_load(&idle_seq);

		if (post_idle_workers())
			continue;
		/* All busy: sleep until one goes idle (or re-check now and then). */
		atomic_store(&msg_waiting, 1);
		if (atomic_load(&idle_seq) == seq)
			futex_wait(&idle_seq, seq, &poll);
		atomic_store(&msg_waiting, 0);
	}
	end = now_ns();

	for (int i = 0; i < nr_workers; i++) {
		atomic_store(&workers[i].state, STOP);
		futex_wake(&workers[i].state);
	}
	for (int i = 0; i < nr_workers; i++) {
		pthread_join(workers[i].thread, NULL);
		hist_merge(wake, workers[i].wake);
		hist_merge(request, workers[i].request);
		done += workers[i].done;
	}
	hist_print(stdout, "wake_", wake);
	putchar(' ');
	hist_print(stdout, "req_", request);
	printf(" rps=%.1f\n", (double)done * 1e9 / (double)(end - start));
	return 0;

usage:
	fprintf(stderr, "usage: wakelat -w WORKERS -s SECONDS [-c CPU_US]\n");
	return 2;
}
