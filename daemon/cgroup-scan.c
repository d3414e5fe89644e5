/* SPDX-License-Identifier: GPL-2.0-only */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>

#include "cgroup-scan.h"
#include "log.h"
#include "scx-sysfs.h"
#include "util.h"

/* Deeper than this is a loop or a broken tree: the kernel's default limit is far lower. */
#define CGROUP_MAX_DEPTH	64

const char *cgroup_root(void)
{
	const char *e = getenv("CELLFLASH_CGROUP_ROOT");

	return e && *e ? e : "/sys/fs/cgroup";
}

void cgroup_tree_clear(struct cgroup_tree *t)
{
	free(t->nodes);
	*t = (struct cgroup_tree) {};
}

struct scan {
	struct cgroup_tree *tree;
	size_t allocated;
};

static struct cgroup_node *add_node(struct scan *s)
{
	if (s->tree->nr == s->allocated) {
		size_t n = s->allocated ? s->allocated * 2 : 64;
		struct cgroup_node *nodes = realloc(s->tree->nodes, n * sizeof(*nodes));

		if (!nodes)
			return NULL;
		s->tree->nodes = nodes;
		s->allocated = n;
	}
	return memset(&s->tree->nodes[s->tree->nr++], 0, sizeof(struct cgroup_node));
}

/* Adds the cgroup open at @dirfd (@path below the root), then its children. */
static int scan_dir(struct scan *s, int dirfd, const char *path, int parent, unsigned depth)
{
	struct cgroup_node *node;
	char buf[4096];
	struct stat st;
	DIR *dir;
	struct dirent *de;
	int self, dup_fd, r = 0;

	if (depth > CGROUP_MAX_DEPTH)
		return log_error_errno(-ELOOP, "The cgroup tree is deeper than %d levels at %s.",
				       CGROUP_MAX_DEPTH, path);
	if (fstat(dirfd, &st) < 0)
		return -errno;
	node = add_node(s);
	if (!node)
		return log_oom();
	self = (int)(s->tree->nr - 1);
	node->id = st.st_ino;
	node->parent = parent;
	snprintf(node->path, sizeof(node->path), "%s", path);
	node->has_cpuset = read_one_line_at(dirfd, "cpuset.cpus", buf, sizeof(buf)) == 0 && buf[0];
	if (read_one_line_at(dirfd, "cpuset.cpus.effective", buf, sizeof(buf)) == 0 &&
	    cpumask_parse_list(buf, &node->effective) == 0)
		node->has_effective = true;

	dup_fd = dup(dirfd);
	dir = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
	if (!dir) {
		r = -errno;
		if (dup_fd >= 0)
			close(dup_fd);
		return r;
	}
	while ((de = readdir(dir))) {
		char child_path[CELL_PATH_MAX];
		_cleanup_close_ int fd = -1;

		if (de->d_type != DT_DIR && de->d_type != DT_UNKNOWN)
			continue;
		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		fd = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd < 0)
			continue;	/* removed meanwhile, or not a directory */
		if ((size_t)snprintf(child_path, sizeof(child_path), "%s%s%s", path, *path ? "/" : "",
				     de->d_name) >= sizeof(child_path)) {
			log_warning("Ignoring the cgroup %s/%s: its path is too long.", path, de->d_name);
			continue;
		}
		r = scan_dir(s, fd, child_path, self, depth + 1);
		if (r < 0 && r != -ENOENT)
			break;
		r = 0;
	}
	closedir(dir);
	return r;
}

int cgroup_scan(const char *root, struct cgroup_tree *ret)
{
	struct cgroup_tree tree = {};
	struct scan s = { .tree = &tree };
	_cleanup_close_ int fd = -1;
	int r;

	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return log_error_errno(-errno, "Cannot open the cgroup hierarchy %s: %m", root);
	r = scan_dir(&s, fd, "", -1, 0);
	if (r < 0) {
		cgroup_tree_clear(&tree);
		return log_error_errno(r, "Cannot read the cgroup hierarchy %s: %m", root);
	}
	cgroup_tree_clear(ret);
	*ret = tree;
	return 0;
}

int cgroup_read_usage(const char *root, const char *path, uint64_t *ret_usec)
{
	char file[CELL_PATH_MAX + 256], buf[4096];
	const char *line;
	int r;

	snprintf(file, sizeof(file), "%s%s%s/cpu.stat", root, *path ? "/" : "", path);
	r = read_one_line(file, buf, sizeof(buf));
	if (r < 0)
		return r;
	line = strstr(buf, "usage_usec ");
	if (!line || (line != buf && line[-1] != '\n'))
		return -EBADMSG;
	return sscanf(line, "usage_usec %" SCNu64, ret_usec) == 1 ? 0 : -EBADMSG;
}
