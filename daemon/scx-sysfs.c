/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>

#include "log.h"
#include "scx-sysfs.h"
#include "util.h"

const char *sysfs_root(void)
{
	const char *e = getenv("CELLFLASH_SYSFS_ROOT");

	return e && *e ? e : "/sys";
}

int read_one_line(const char *path, char *buf, size_t n)
{
	return read_one_line_at(AT_FDCWD, path, buf, n);
}

int read_one_line_at(int dirfd, const char *path, char *buf, size_t n)
{
	_cleanup_close_ int fd = -1;
	ssize_t len;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, n - 1);
	if (len < 0)
		return -errno;
	buf[len] = 0;
	strstrip_end(buf);
	return 0;
}

static int scx_read(const char *root, const char *name, char *buf, size_t n)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/kernel/sched_ext/%s", root, name);
	return read_one_line(path, buf, n);
}

int scx_read_state(const char *root, char *buf, size_t n)
{
	return scx_read(root, "state", buf, n);
}

int scx_read_ops(const char *root, char *buf, size_t n)
{
	return scx_read(root, "root/ops", buf, n);
}

int scx_read_u64(const char *root, const char *name, uint64_t *ret)
{
	char buf[32], *end;
	int r;

	r = scx_read(root, name, buf, sizeof(buf));
	if (r < 0)
		return r;
	errno = 0;
	*ret = strtoull(buf, &end, 10);
	if (errno || end == buf || *end)
		return -EINVAL;
	return 0;
}

int scx_log_already_loaded(const char *root)
{
	char ops[128];

	if (scx_read_ops(root, ops, sizeof(ops)) < 0)
		snprintf(ops, sizeof(ops), "(unknown)");
	return log_error_errno(-EBUSY, "Another sched_ext scheduler, '%s', is already loaded; stop it first.", ops);
}
