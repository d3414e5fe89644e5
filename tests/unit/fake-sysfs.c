/* SPDX-License-Identifier: GPL-2.0-only */
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fake-sysfs.h"

#define MAX_ROOTS 32

static char roots[MAX_ROOTS][64];
static int nr_roots;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void remove_roots(void)
{
	for (int i = 0; i < nr_roots; i++)
		nftw(roots[i], remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fake_sysfs_new(void)
{
	if (nr_roots == MAX_ROOTS)
		abort();
	snprintf(roots[nr_roots], sizeof(roots[0]), "/tmp/cellflash-fake-XXXXXX");
	if (!mkdtemp(roots[nr_roots]))
		abort();
	if (nr_roots == 0)
		atexit(remove_roots);
	return roots[nr_roots++];
}

void fake_put(const char *root, const char *rel, const char *fmt, ...)
{
	char path[1024];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = 0;
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	if (!f)
		abort();
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	if (fclose(f) != 0)
		abort();
}

const char *fake_get(const char *root, const char *rel)
{
	static char buf[4096];
	char path[1024];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	buf[0] = 0;
	f = fopen(path, "r");
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}
