/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/stat.h>

#include "log.h"
#include "pm-qos.h"
#include "scx-sysfs.h"
#include "util.h"

int pm_qos_parse_state(const char *text, struct pm_qos_saved *ret, unsigned max)
{
	unsigned n = 0;

	while (*text) {
		char value[PM_QOS_VALUE_MAX];
		unsigned cpu;
		int len;

		if (sscanf(text, "%u %15s%n", &cpu, value, &len) != 2 || cpu >= CPUMASK_MAX_CPUS)
			return -EINVAL;
		if (n == max)
			return -E2BIG;
		ret[n].cpu = cpu;
		snprintf(ret[n].value, sizeof(ret[n].value), "%s", value);
		n++;
		text += len;
		while (*text == '\n' || *text == ' ')
			text++;
	}
	return (int)n;
}

int pm_qos_format_state(const struct pm_qos_saved *saved, unsigned n, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = 0;
	for (unsigned i = 0; i < n; i++) {
		int w = snprintf(buf + len, size - len, "%u %s\n", saved[i].cpu, saved[i].value);

		if (w < 0 || (size_t)w >= size - len)
			return -ENOBUFS;
		len += (size_t)w;
	}
	return (int)len;
}

static void file_path(const char *root, unsigned cpu, char *buf, size_t n)
{
	snprintf(buf, n, "%s/devices/system/cpu/cpu%u/power/pm_qos_resume_latency_us", root, cpu);
}

static int write_value(const char *root, unsigned cpu, const char *value)
{
	_cleanup_close_ int fd = -1;
	char path[512];
	size_t len = strlen(value);

	file_path(root, cpu, path, sizeof(path));
	/* O_TRUNC as a shell's '>' does: sysfs ignores it, other files need it. */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0 || write(fd, value, len) != (ssize_t)len)
		return -errno;
	return 0;
}

/* Writes the state file whole, through a temporary file: never half-written. */
static int save_state(const struct pm_qos *q)
{
	char text[CPUMASK_MAX_CPUS * (PM_QOS_VALUE_MAX + 6)], tmp[520], dir[512];
	_cleanup_close_ int fd = -1;
	int len;

	len = pm_qos_format_state(q->saved, q->nr_saved, text, sizeof(text));
	if (len < 0)
		return log_error_errno(len, "Cannot record the pm_qos values: %m");
	snprintf(dir, sizeof(dir), "%s", q->state_path);
	*strrchr(dir, '/') = 0;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return log_error_errno(-errno, "Cannot create %s: %m", dir);
	snprintf(tmp, sizeof(tmp), "%s.new", q->state_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, text, (size_t)len) != len || fsync(fd) < 0 || rename(tmp, q->state_path) < 0)
		return log_error_errno(-errno, "Cannot save the original pm_qos values to %s: %m", q->state_path);
	return 0;
}

void pm_qos_init(struct pm_qos *q, const char *sysfs_root, const char *state_path)
{
	*q = (struct pm_qos) {};
	snprintf(q->sysfs_root, sizeof(q->sysfs_root), "%s", sysfs_root);
	snprintf(q->state_path, sizeof(q->state_path), "%s", state_path);
}

int pm_qos_repair(const char *sysfs_root, const char *state_path)
{
	char text[CPUMASK_MAX_CPUS * (PM_QOS_VALUE_MAX + 6)];
	struct pm_qos_saved stale[CPUMASK_MAX_CPUS];
	int n, r;

	r = read_one_line(state_path, text, sizeof(text));
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return log_error_errno(r, "Cannot read %s: %m", state_path);
	n = pm_qos_parse_state(text, stale, CPUMASK_MAX_CPUS);
	if (n < 0)
		return log_error_errno(n, "%s is corrupt, not repairing pm_qos values from it: %m", state_path);
	for (int i = 0; i < n; i++) {
		r = write_value(sysfs_root, stale[i].cpu, stale[i].value);
		if (r < 0)
			log_warning_errno(r, "Cannot restore CPU %u's pm_qos_resume_latency_us: %m", stale[i].cpu);
	}
	unlink(state_path);
	log_notice("Restored pm_qos_resume_latency_us of %d CPUs left set by a cellflashd that did not exit cleanly.", n);
	return 0;
}

int pm_qos_apply(struct pm_qos *q, const struct cpumask *cpus, int64_t us)
{
	char path[512], value[PM_QOS_VALUE_MAX];
	unsigned cpu, nr_set = 0;
	bool changed = false;
	int r;

	/* Save the originals of CPUs not seen before, before touching any. */
	cpumask_for_each(cpu, cpus) {
		bool known = false;

		for (unsigned i = 0; i < q->nr_saved; i++)
			known |= q->saved[i].cpu == cpu;
		if (known)
			continue;
		file_path(q->sysfs_root, cpu, path, sizeof(path));
		if (read_one_line(path, value, sizeof(value)) < 0)
			continue;	/* no pm_qos for this CPU */
		q->saved[q->nr_saved].cpu = cpu;
		snprintf(q->saved[q->nr_saved].value, PM_QOS_VALUE_MAX, "%s", value);
		q->nr_saved++;
		changed = true;
	}
	if (q->nr_saved == 0) {
		log_warning("This kernel offers no pm_qos_resume_latency_us: ignoring --idle-resume-us.");
		return 0;
	}
	if (changed) {
		r = save_state(q);
		if (r < 0)
			return r;
	}

	snprintf(value, sizeof(value), "%" PRId64, us);
	for (unsigned i = 0; i < q->nr_saved; i++) {
		if (!cpumask_test(cpus, q->saved[i].cpu))
			continue;
		r = write_value(q->sysfs_root, q->saved[i].cpu, value);
		if (r < 0)
			return log_error_errno(r, "Cannot set CPU %u's pm_qos_resume_latency_us: %m", q->saved[i].cpu);
		nr_set++;
	}
	log_info("Set pm_qos_resume_latency_us to %" PRId64 " us on %u CPUs.", us, nr_set);
	return 0;
}

void pm_qos_restore(struct pm_qos *q)
{
	unsigned failed = 0;

	if (q->nr_saved == 0)
		return;
	for (unsigned i = 0; i < q->nr_saved; i++)
		if (write_value(q->sysfs_root, q->saved[i].cpu, q->saved[i].value) < 0)
			failed++;
	if (failed)
		log_warning("Could not restore pm_qos_resume_latency_us on %u CPUs; %s keeps the originals.",
			    failed, q->state_path);
	else
		unlink(q->state_path);
	log_info("Restored pm_qos_resume_latency_us on %u CPUs.", q->nr_saved - failed);
	q->nr_saved = 0;
}
