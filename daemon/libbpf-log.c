/* SPDX-License-Identifier: GPL-2.0-only */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "libbpf-log.h"

#define LOG_BEGIN "-- BEGIN PROG LOAD LOG --"
#define LOG_END "-- END PROG LOAD LOG --"

/* "136: (79) r9 = *(u64 *)(r1 +0)": a line of the instruction trace. */
static bool is_insn_line(const char *line)
{
	while (*line == ' ')
		line++;
	if (!isdigit((unsigned char)*line))
		return false;
	while (isdigit((unsigned char)*line))
		line++;
	return line[0] == ':' && line[1] == ' ' && line[2] == '(';
}

/* libbpf: prog 'NAME': -- BEGIN PROG LOAD LOG -- */
static void find_prog_name(const char *text, const char *begin, char *prog, size_t prog_n)
{
	const char *start = begin, *name;

	if (!prog_n)
		return;
	prog[0] = 0;
	while (start > text && start[-1] != '\n')
		start--;
	name = strstr(start, "prog '");
	if (name && name < begin) {
		name += strlen("prog '");
		snprintf(prog, prog_n, "%.*s", (int)strcspn(name, "'"), name);
	}
}

int verifier_log_excerpt(const char *text, unsigned max_lines, char *buf, size_t n,
			 char *prog, size_t prog_n)
{
	const char *begin = NULL, *end, *p, *line, *insn = NULL, *prev[3] = {};
	unsigned lines = 0;
	size_t len = 0;

	/* The last log, should several programs have failed. */
	for (p = text; (p = strstr(p, LOG_BEGIN)); p++)
		begin = p;
	if (!begin || n == 0)
		return 0;
	find_prog_name(text, begin, prog, prog_n);
	end = strstr(begin, LOG_END);
	if (!end)
		end = begin + strlen(begin);
	begin = strchr(begin, '\n');
	if (!begin || begin >= end)
		return 0;
	begin++;

	/* Start two lines before the last checked instruction; without one,
	 * show the end of the log. */
	for (line = begin; line < end; line = strchr(line, '\n') + 1) {
		if (is_insn_line(line))
			insn = prev[1] ? prev[1] : prev[0] ? prev[0] : line;
		prev[1] = prev[0];
		prev[0] = line;
		if (!strchr(line, '\n'))
			break;
	}
	if (!insn) {
		unsigned total = 0;

		for (line = begin; line < end && (p = strchr(line, '\n')); line = p + 1)
			total++;
		insn = begin;
		for (unsigned skip = total > max_lines ? total - max_lines : 0; skip > 0; skip--)
			insn = strchr(insn, '\n') + 1;
	}

	buf[0] = 0;
	for (line = insn; line < end && lines < max_lines; lines++) {
		size_t l = strcspn(line, "\n");

		if (line + l > end)
			l = (size_t)(end - line);
		if (len + l + 2 > n)
			break;
		memcpy(buf + len, line, l);
		len += l;
		buf[len++] = '\n';
		line += l + 1;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	buf[len] = 0;
	return (int)lines;
}
