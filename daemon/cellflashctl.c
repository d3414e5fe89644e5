/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflashctl: look at and control cellflashd over its D-Bus interface.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>

#include "client.h"
#include "ctl-format.h"
#include "log.h"
#include "util.h"

enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_BAD_ARGS = 2,
	EXIT_NOT_RUNNING = 3,	/* as LSB's "program is not running" */
};

#define INTERVAL_S_MIN	0.1
#define INTERVAL_S_MAX	3600

struct ctl_args {
	bool json;
	bool ask_password;
	uint64_t interval_usec;
	bool interval_set;
	char **args;		/* the verb's arguments */
	int nr_args;
};

struct verb {
	const char *name;
	const char *usage;	/* arguments and options, for --help */
	const char *help;
	unsigned flags;
	int nr_args;
	int (*run)(sd_bus *bus, const struct ctl_args *a);
};
#define VERB_JSON	(1u << 0)	/* takes --json */
#define VERB_INTERVAL	(1u << 1)	/* takes --interval */

static int verb_status(sd_bus *bus, const struct ctl_args *a)
{
	struct ctl_status s;
	struct ctl_metrics m;
	int r;

	r = client_get_status(bus, &s);
	if (r >= 0)
		r = client_get_metrics(bus, &m);
	if (r < 0)
		return r;
	if (a->json)
		status_print_json(stdout, &s, &m);
	else
		status_print(stdout, &s, &m);
	return 0;
}

static int verb_monitor(sd_bus *bus, const struct ctl_args *a)
{
	return client_monitor(bus, a->interval_usec, a->json);
}

static int verb_restart(sd_bus *bus, const struct ctl_args *a)
{
	int r = client_restart(bus, a->ask_password);

	if (r >= 0)
		printf("The scheduler was re-attached.\n");
	return r;
}

static int verb_cells(sd_bus *bus, const struct ctl_args *a)
{
	_cleanup_free_ struct ctl_cells *cells = calloc(1, sizeof(*cells));
	int r;

	if (!cells)
		return log_oom();
	r = client_get_cells(bus, cells);
	if (r < 0)
		return r;
	if (a->json)
		cells_print_json(stdout, cells);
	else
		cells_print(stdout, cells);
	return 0;
}

static int verb_set_primary_domain(sd_bus *bus, const struct ctl_args *a)
{
	int r = client_set_primary_domain(bus, a->args[0], a->ask_password);

	if (r >= 0)
		printf("The primary domain is now '%s'.\n", a->args[0]);
	return r;
}

static int verb_rebalance(sd_bus *bus, const struct ctl_args *a)
{
	int r = client_rebalance(bus, a->ask_password);

	if (r >= 0)
		printf("The cells were read again and their CPUs planned anew.\n");
	return r;
}

static const struct verb verbs[] = {
	{ "status", "[--json]", "Show the scheduler's state, last exit, options and counters",
	  VERB_JSON, 0, verb_status },
	{ "monitor", "[--interval S] [--json]",
	  "Print the counters and each interval's rates every S seconds (default 1)",
	  VERB_JSON | VERB_INTERVAL, 0, verb_monitor },
	{ "cells", "[--json]", "List the cells: their cgroup, CPUs, use and placements",
	  VERB_JSON, 0, verb_cells },
	{ "set-primary-domain", "DOMAIN", "Prefer the CPUs of DOMAIN: auto, turbo, performance, powersave,\n"
	  "      all, none, a hex mask (0xff) or a CPU list (0-3,8) (needs root or polkit)",
	  0, 1, verb_set_primary_domain },
	{ "rebalance", "", "Read the cgroups and plan the cells' CPUs now (needs root or polkit)",
	  0, 0, verb_rebalance },
	{ "restart", "", "Detach the scheduler and attach a fresh copy (needs root or polkit)",
	  0, 0, verb_restart },
};

static void print_help(void)
{
	printf("Usage: cellflashctl [OPTIONS] COMMAND\n"
	       "\n"
	       "Look at and control cellflashd, the cellflash scheduler's daemon, over its\n"
	       "D-Bus interface (org.cellflash.Scheduler1 on the system bus).\n"
	       "\n"
	       "Commands:\n");
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		printf("  %s%s%s\n      %s\n", verbs[i].name, verbs[i].usage[0] ? " " : "", verbs[i].usage,
		       verbs[i].help);
	printf("\n"
	       "Options:\n"
	       "      --json             Print JSON: one object (status), one array (cells), or\n"
	       "                         one object a line (monitor)\n"
	       "      --interval=S       monitor: seconds between lines (%.1f-%d, default 1)\n"
	       "      --no-ask-password  Do not let polkit ask for a password\n"
	       "  -h, --help             Show this help and exit\n"
	       "  -V, --version          Show the version and exit\n"
	       "\n"
	       "cellflashd --help-stats describes every metric.\n"
	       "\n"
	       "Exit status: 0 on success, 1 on failure (including a refused change), 2 for\n"
	       "bad usage, 3 when cellflashd is not running.\n",
	       INTERVAL_S_MIN, INTERVAL_S_MAX);
}

static int parse_interval(const char *s, uint64_t *ret_usec)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < INTERVAL_S_MIN || v > INTERVAL_S_MAX)
		return -EINVAL;
	*ret_usec = (uint64_t)(v * 1e6 + 0.5);	/* v > 0: rounds to nearest */
	return 0;
}

enum { OPT_JSON = 0x100, OPT_INTERVAL, OPT_NO_ASK_PASSWORD };

/* Returns the verb to run, NULL after --help/--version (*ret_exit 0), or NULL on bad usage (2). */
static const struct verb *parse_argv(int argc, char **argv, struct ctl_args *a, int *ret_exit)
{
	static const struct option options[] = {
		{ "json",		no_argument,	   NULL, OPT_JSON },
		{ "interval",		required_argument, NULL, OPT_INTERVAL },
		{ "no-ask-password",	no_argument,	   NULL, OPT_NO_ASK_PASSWORD },
		{ "help",		no_argument,	   NULL, 'h' },
		{ "version",		no_argument,	   NULL, 'V' },
		{}
	};
	const struct verb *v = NULL;
	int opt;

	*a = (struct ctl_args) { .ask_password = true, .interval_usec = USEC_PER_SEC };
	*ret_exit = EXIT_BAD_ARGS;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":hV", options, NULL)) >= 0) {
		switch (opt) {
		case OPT_JSON:
			a->json = true;
			break;
		case OPT_INTERVAL:
			if (parse_interval(optarg, &a->interval_usec) < 0) {
				log_error("--interval: '%s' is not a number of seconds in %.1f-%d.", optarg,
					  INTERVAL_S_MIN, INTERVAL_S_MAX);
				return NULL;
			}
			a->interval_set = true;
			break;
		case OPT_NO_ASK_PASSWORD:
			a->ask_password = false;
			break;
		case 'h':
			print_help();
			*ret_exit = EXIT_OK;
			return NULL;
		case 'V':
			printf("cellflashctl %s\n", PACKAGE_VERSION);
			*ret_exit = EXIT_OK;
			return NULL;
		case ':':
			log_error("%s needs a value (see --help).", argv[optind - 1]);
			return NULL;
		default:
			log_error("Unknown option '%s' (see --help).", argv[optind - 1]);
			return NULL;
		}
	}
	if (optind >= argc) {
		log_error("Which command? (see --help)");
		return NULL;
	}
	for (size_t i = 0; i < ELEMENTSOF(verbs); i++)
		if (streq(argv[optind], verbs[i].name))
			v = &verbs[i];
	if (!v) {
		log_error("Unknown command '%s' (see --help).", argv[optind]);
		return NULL;
	}
	a->args = argv + optind + 1;
	a->nr_args = argc - optind - 1;
	if (a->nr_args != v->nr_args) {
		log_error("'%s' takes %s argument%s (see --help).", v->name, v->nr_args ? "one" : "no",
			  v->nr_args ? "" : "s");
		return NULL;
	}
	if (a->json && !(v->flags & VERB_JSON)) {
		log_error("'%s' has no --json output.", v->name);
		return NULL;
	}
	if (a->interval_set && !(v->flags & VERB_INTERVAL)) {
		log_error("--interval is for 'monitor' only.");
		return NULL;
	}
	return v;
}

int main(int argc, char **argv)
{
	sd_bus *bus = NULL;
	const struct verb *v;
	struct ctl_args a;
	int r;

	log_setup("cellflashctl");
	v = parse_argv(argc, argv, &a, &r);
	if (!v)
		return r;

	r = client_connect(&bus);
	if (r >= 0)
		r = v->run(bus, &a);
	sd_bus_flush_close_unref(bus);
	if (r == CLIENT_NOT_RUNNING)
		return EXIT_NOT_RUNNING;
	return r < 0 ? EXIT_FAIL : EXIT_OK;
}
