/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers every module uses: cleanup attributes, string and time utilities. */
#ifndef CELLFLASH_UTIL_H
#define CELLFLASH_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ELEMENTSOF(a) (sizeof(a) / sizeof((a)[0]))
#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
#define _cleanup_close_ _cleanup_(closep)

/* Hand a pointer's ownership over, leaving NULL behind. */
#define TAKE_PTR(p) ({ typeof(p) __p = (p); (p) = NULL; __p; })

static inline bool streq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

typedef uint64_t usec_t;
#define USEC_PER_SEC	1000000ULL
#define USEC_PER_MSEC	1000ULL
#define NSEC_PER_USEC	1000ULL

/* Strip trailing whitespace (sysfs values end in a newline). */
static inline char *strstrip_end(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = 0;
	return s;
}

#endif
