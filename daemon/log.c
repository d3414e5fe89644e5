/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdarg.h>
#include <sys/stat.h>

#include "log.h"
#include "util.h"

static int max_level = LOG_INFO;
static bool to_journal;
static const char *program_name = "cellflashd";

/* Is stderr the journal stream systemd gave us (JOURNAL_STREAM=dev:ino)? */
static bool stderr_is_journal(void)
{
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!e || sscanf(e, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) < 0)
		return false;
	return st.st_dev == dev && st.st_ino == ino;
}

void log_setup(const char *program)
{
	program_name = program;
	to_journal = stderr_is_journal();
}

void log_set_max_level(int level)
{
	max_level = level;
}

int log_level_from_string(const char *s)
{
	static const char *const names[] = {
		[LOG_EMERG] = "emerg", [LOG_ALERT] = "alert", [LOG_CRIT] = "crit",
		[LOG_ERR] = "err", [LOG_WARNING] = "warning", [LOG_NOTICE] = "notice",
		[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
	};
	char *end;
	long n;

	for (size_t i = 0; i < ELEMENTSOF(names); i++)
		if (streq(s, names[i]))
			return (int)i;
	if (streq(s, "error"))
		return LOG_ERR;
	if (streq(s, "warn"))
		return LOG_WARNING;
	n = strtol(s, &end, 10);
	if (*s && !*end && n >= LOG_EMERG && n <= LOG_DEBUG)
		return (int)n;
	return -EINVAL;
}

int log_internal(int level, int error, const char *fmt, ...)
{
	/* Most lines fit; long ones (verifier logs, exit dumps) go to the heap
	 * rather than make every call touch a large stack. */
	char small[1024], *buf = small;
	_cleanup_free_ char *big = NULL;
	va_list ap;
	int n;

	if (level > max_level)
		return error;

	errno = error < 0 ? -error : error;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(small) && (big = malloc((size_t)n + 1))) {
		errno = error < 0 ? -error : error;
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		buf = big;
	}

	/* One record per line: the journal would split them anyway. */
	for (char *line = buf, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (to_journal)
			fprintf(stderr, "<%d>%s\n", level, line);
		else if (line == buf)
			fprintf(stderr, "%s: %s\n", program_name, line);
		else
			fprintf(stderr, "  %s\n", line);
	}
	return error;
}
