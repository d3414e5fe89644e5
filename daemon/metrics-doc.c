/* SPDX-License-Identifier: GPL-2.0-only */
#include "metrics-doc.h"
#include "util.h"

const struct metric_doc metric_docs[] = {
	{ "NrRunning", "nr_running", offsetof(struct metrics, nr_running), false,
	  "CPUs running a task of the cellflash scheduler right now." },
	{ "NrOnlineCpus", "nr_online_cpus", offsetof(struct metrics, nr_online_cpus), false,
	  "CPUs the scheduler sees online." },
	{ "CpuPerfMin", "cpuperf_min", offsetof(struct metrics, cpuperf_min), false,
	  "The lowest CPU performance target the scheduler set on a CPU (0-1024)." },
	{ "CpuPerfMax", "cpuperf_max", offsetof(struct metrics, cpuperf_max), false,
	  "The highest CPU performance target the scheduler set on a CPU (0-1024)." },
	{ "KthreadDispatches", "kthread_dispatches", offsetof(struct metrics, nr_kthread_dispatches), true,
	  "Per-CPU kernel threads sent straight to their own CPU." },
	{ "DirectDispatches", "direct_dispatches", offsetof(struct metrics, nr_direct_dispatches), true,
	  "Tasks sent straight to an idle CPU of their cell when they woke up or were queued." },
	{ "SharedDispatches", "shared_dispatches", offsetof(struct metrics, nr_shared_dispatches), true,
	  "Tasks queued by deadline on their cell's queue, for the cell's next free CPU." },
	{ "CpuQueueDispatches", "cpu_queue_dispatches", offsetof(struct metrics, nr_cpu_queue_dispatches), true,
	  "Tasks queued on one CPU's own queue: their affinity does not cover their cell." },
	{ "KeptRunning", "kept_running", offsetof(struct metrics, nr_kept_running), true,
	  "Times a task used up its slice and ran on, nothing else waiting for its CPU." },
	{ "Moved", "moved", offsetof(struct metrics, nr_moved), true,
	  "Tasks whose slice ended sent off their CPU to a better idle one (a whole idle core,\n"
	  "      or the primary domain)." },
	{ "WakeupThrottled", "wakeup_throttled", offsetof(struct metrics, nr_wakeup_throttled), true,
	  "Deadlines pushed back by --wakeup-throttle: tasks that wake up very often." },
	{ "AffinityViolations", "affinity_violations", offsetof(struct metrics, nr_affinity_violations), true,
	  "Placements of tasks whose affinity does not cover all their cell's CPUs." },
	{ "Steals", "steals", offsetof(struct metrics, nr_steals), true,
	  "Tasks a CPU took from its cell's queue of another NUMA node, or of another LLC\n"
	  "      (--enable-work-stealing)." },
};
const size_t metric_docs_len = ELEMENTSOF(metric_docs);

const struct metric_doc *metric_doc_find(const char *name)
{
	for (size_t i = 0; i < metric_docs_len; i++)
		if (streq(metric_docs[i].name, name))
			return &metric_docs[i];
	return NULL;
}

void metrics_print_help(FILE *f)
{
	fprintf(f,
		"The scheduler's metrics, as D-Bus properties of org.cellflash.Scheduler1 and\n"
		"keys of its GetMetrics() snapshot (JSON names in brackets, as cellflashctl\n"
		"--json prints them). Gauges are values now; counters count up from the moment\n"
		"the scheduler attached and start from zero again when it is re-attached.\n"
		"All are 0 while no scheduler is attached.\n\n");
	for (size_t i = 0; i < metric_docs_len; i++)
		fprintf(f, "  %-18s [%s] %s\n      %s\n", metric_docs[i].name, metric_docs[i].json,
			metric_docs[i].counter ? "counter" : "gauge", metric_docs[i].description);
	fprintf(f,
		"\nGetMetrics() also returns:\n"
		"  %-18s [%s] CLOCK_MONOTONIC in microseconds when the snapshot was taken.\n"
		"  %-18s [%s] CLOCK_MONOTONIC in microseconds when the running scheduler\n"
		"      attached (0: none). A new value means the counters started again.\n"
		"  %-18s [%s] attached, restarting, detached or failed.\n"
		"\nThe monitors (cellflashd --monitor, cellflashctl monitor) print each interval's\n"
		"dispatches, their rate per second, and each kind's share of them.\n",
		"Timestamp", "timestamp_usec", "AttachedAt", "attached_at_usec", "State", "state");
}
