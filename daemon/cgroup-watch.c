/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <sys/epoll.h>
#include <sys/inotify.h>

#include "cgroup-watch.h"
#include "log.h"
#include "util.h"

#define WATCH_MASK	(IN_CREATE | IN_DELETE | IN_MODIFY | IN_ONLYDIR)

struct cgroup_watch {
	int fd;
	sd_event_source *io_source;
	sd_event_source *settle_source;
	char root[CELL_PATH_MAX];
	int max_wd;		/* watch descriptors only grow: above this is new */
	bool warned_limit;
	bool primed;		/* the first tree is in: new watches mean new cgroups */
	cgroup_change_fn fn;
	void *userdata;
};

static void report_soon(struct cgroup_watch *w)
{
	int enabled = SD_EVENT_OFF;

	(void) sd_event_source_get_enabled(w->settle_source, &enabled);
	if (enabled != SD_EVENT_OFF)
		return;
	(void) sd_event_source_set_time_relative(w->settle_source, CGROUP_WATCH_SETTLE_USEC);
	(void) sd_event_source_set_enabled(w->settle_source, SD_EVENT_ONESHOT);
}

static int on_settled(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct cgroup_watch *w = userdata;

	w->fn(w->userdata);
	return 0;
}

/* Only cgroups coming and going, and cpuset.cpus* writes, change cells. */
static bool is_relevant(const struct inotify_event *ev)
{
	if (ev->mask & IN_Q_OVERFLOW)
		return true;
	if (ev->mask & (IN_CREATE | IN_DELETE))
		return ev->mask & IN_ISDIR;
	return (ev->mask & IN_MODIFY) && ev->len && strncmp(ev->name, "cpuset.cpus", 11) == 0;
}

static int on_inotify(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct cgroup_watch *w = userdata;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool relevant = false;

	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n <= 0) {
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				log_warning_errno(-errno, "Cannot read cgroup events: %m");
			break;
		}
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;

			relevant = relevant || is_relevant(ev);
			p += sizeof(*ev) + ev->len;
		}
	}
	if (relevant)
		report_soon(w);
	return 0;
}

int cgroup_watch_new(struct cgroup_watch **ret, sd_event *event, const char *root,
		     cgroup_change_fn fn, void *userdata)
{
	struct cgroup_watch *w;
	int r;

	w = calloc(1, sizeof(*w));
	if (!w)
		return log_oom();
	w->fn = fn;
	w->userdata = userdata;
	w->max_wd = -1;
	snprintf(w->root, sizeof(w->root), "%s", root);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0) {
		r = log_error_errno(-errno, "Cannot watch the cgroup hierarchy: %m");
		goto fail;
	}
	r = sd_event_add_io(event, &w->io_source, w->fd, EPOLLIN, on_inotify, w);
	/* Accuracy 1 ms: 0 would mean sd-event's default, 250 ms late at worst. */
	if (r >= 0)
		r = sd_event_add_time_relative(event, &w->settle_source, CLOCK_MONOTONIC,
					       CGROUP_WATCH_SETTLE_USEC, USEC_PER_MSEC, on_settled, w);
	if (r < 0) {
		log_error_errno(r, "Cannot watch the cgroup hierarchy: %m");
		goto fail;
	}
	(void) sd_event_source_set_enabled(w->settle_source, SD_EVENT_OFF);
	*ret = w;
	return 0;
fail:
	cgroup_watch_free(w);
	return r;
}

void cgroup_watch_free(struct cgroup_watch *w)
{
	if (!w)
		return;
	sd_event_source_disable_unref(w->io_source);
	sd_event_source_disable_unref(w->settle_source);
	if (w->fd >= 0)
		close(w->fd);
	free(w);
}

void cgroup_watch_add_tree(struct cgroup_watch *w, const struct cgroup_tree *tree)
{
	char path[2 * CELL_PATH_MAX];
	bool added = false;

	for (size_t i = 0; i < tree->nr; i++) {
		int wd;

		snprintf(path, sizeof(path), "%s%s%s", w->root, *tree->nodes[i].path ? "/" : "",
			 tree->nodes[i].path);
		wd = inotify_add_watch(w->fd, path, WATCH_MASK);
		if (wd < 0) {
			/* Gone meanwhile is fine; out of watches only costs latency. */
			if (errno == ENOSPC && !w->warned_limit) {
				log_warning("Out of inotify watches (fs.inotify.max_user_watches): cgroups "
					    "created from now on are found at the next periodic rescan.");
				w->warned_limit = true;
			}
			continue;
		}
		if (wd > w->max_wd) {
			w->max_wd = wd;
			added = true;
		}
	}
	/* The first watches cover a tree just read: nothing was missed. */
	if (added && w->primed)
		report_soon(w);
	w->primed = true;
}
