/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "log.h"
#include "runtime-dir.h"
#include "util.h"

void runtime_path(const char *name, char *buf, size_t n)
{
	const char *dir = getenv("RUNTIME_DIRECTORY");

	/* systemd may pass several directories, separated by ':'. */
	if (dir && *dir)
		snprintf(buf, n, "%.*s/%s", (int)strcspn(dir, ":"), dir, name);
	else
		snprintf(buf, n, "/run/cellflash/%s", name);
}

int runtime_lock(void)
{
	char path[512], dir[512];
	int fd;

	runtime_path("lock", path, sizeof(path));
	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = 0;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return log_error_errno(-errno, "Cannot create %s: %m", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return log_error_errno(-errno, "Cannot open %s: %m", path);
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		int r = -errno;

		close(fd);
		if (r == -EWOULDBLOCK)
			return log_error_errno(-EBUSY, "Another cellflashd is running (it holds %s).", path);
		return log_error_errno(r, "Cannot lock %s: %m", path);
	}
	return fd;
}
