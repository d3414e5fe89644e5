/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cellflashd: attaches the cellflash sched_ext scheduler and keeps it running.
 */
#include <errno.h>
#include <sys/stat.h>

#include "cgroup-scan.h"
#include "client.h"
#include "config.h"
#include "kernel-btf.h"
#include "log.h"
#include "manager.h"
#include "metrics-doc.h"
#include "privileges.h"
#include "runtime-dir.h"
#include "scx-sysfs.h"
#include "topology.h"
#include "util.h"

/* Exit statuses (LSB init-script conventions, as systemd uses them). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_BAD_ARGS = 2,
	EXIT_NOT_RUNNING = 3,	/* --monitor: no cellflashd to watch */
	EXIT_NO_PERMISSION = 4,
	EXIT_UNSUPPORTED = 5,
};

/* Can this kernel run cellflash at all? Returns an exit status. */
static int check_kernel(struct kernel_caps *caps)
{
	const char *root = sysfs_root();
	char state[32];
	int r;

	r = scx_read_state(root, state, sizeof(state));
	if (r == -ENOENT) {
		log_error("This kernel has no sched_ext (%s/kernel/sched_ext is missing): "
			  "cellflash needs Linux 6.16 or newer built with CONFIG_SCHED_CLASS_EXT=y.", root);
		return EXIT_UNSUPPORTED;
	}
	if (r < 0) {
		log_error_errno(r, "Cannot read %s/kernel/sched_ext/state: %m", root);
		return EXIT_FAIL;
	}
	if (kernel_probe(caps) < 0)
		return EXIT_UNSUPPORTED;
	if (!caps->select_cpu_and) {
		log_error("This kernel's sched_ext is too old: cellflash needs Linux 6.16 or newer.");
		return EXIT_UNSUPPORTED;
	}
	if (!streq(state, "disabled")) {
		scx_log_already_loaded(root);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* Cell options that depend on this machine. */
static int check_cell_options(const struct config *cfg, const struct topology *topo)
{
	char path[CONFIG_PATH_MAX + 256];
	struct stat st;

	if (cfg->llc_aware && topo->nr_llcs > CELLFLASH_MAX_DOMAINS) {
		log_error("--enable-llc-awareness: this machine has %u last-level caches; cellflash "
			  "supports %d.", topo->nr_llcs, CELLFLASH_MAX_DOMAINS);
		return -E2BIG;
	}
	if (cfg->cell_parent_cgroup[0]) {
		snprintf(path, sizeof(path), "%s/%s", cgroup_root(), cfg->cell_parent_cgroup);
		if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
			log_error("--cell-parent-cgroup: there is no cgroup %s.", path);
			return -ENOENT;
		}
	}
	if (!cfg->exiting_task_workaround)
		log_debug("--exiting-task-workaround=false: cellflash needs no such workaround.");
	return 0;
}

/* --monitor: watch the running daemon over the bus; needs no privileges. */
static int run_monitor(const struct config *cfg)
{
	sd_bus *bus = NULL;
	int r;

	r = client_connect(&bus);
	if (r >= 0)
		r = client_monitor(bus, cfg->monitor_interval_us, false);
	sd_bus_flush_close_unref(bus);
	return r == CLIENT_NOT_RUNNING ? EXIT_NOT_RUNNING : EXIT_FAIL;
}

int main(int argc, char **argv)
{
	_cleanup_(manager_freep) Manager *m = NULL;
	_cleanup_free_ struct topology *topo = NULL;
	_cleanup_close_ int lock_fd = -1;
	char error[CONFIG_ERROR_MAX];
	struct kernel_caps caps;
	struct config cfg;
	int r;

	log_setup("cellflashd");
	config_init(&cfg);
	r = config_parse(&cfg, argc, argv, error);
	if (r < 0) {
		log_error("%s", error);
		return EXIT_BAD_ARGS;
	}
	if (r == CONFIG_HELP) {
		config_print_help(stdout, "cellflashd");
		return EXIT_OK;
	}
	if (r == CONFIG_VERSION) {
		printf("cellflashd %s\n", PACKAGE_VERSION);
		return EXIT_OK;
	}
	if (r == CONFIG_HELP_STATS) {
		metrics_print_help(stdout);
		return EXIT_OK;
	}
	log_set_max_level(cfg.log_level);
	if (cfg.monitor_interval_us)
		return run_monitor(&cfg);

	if (check_privileges() < 0)
		return EXIT_NO_PERMISSION;
	r = check_kernel(&caps);
	if (r != EXIT_OK)
		return r;
	/* Held until exit: the state in the runtime directory is ours. */
	lock_fd = runtime_lock();
	if (lock_fd < 0)
		return EXIT_FAIL;

	topo = malloc(sizeof(*topo));
	if (!topo) {
		log_oom();
		return EXIT_FAIL;
	}
	if (topology_read(sysfs_root(), topo) < 0)
		return EXIT_FAIL;
	if (domain_spec_check(&cfg.primary_domain, topo, error, sizeof(error)) < 0) {
		log_error("--primary-domain: %s", error);
		return EXIT_BAD_ARGS;
	}
	if (check_cell_options(&cfg, topo) < 0)
		return EXIT_BAD_ARGS;

	r = manager_new(&m, &cfg, &caps, TAKE_PTR(topo));
	if (r < 0)
		return EXIT_FAIL;
	r = manager_start(m);
	if (r < 0)
		return EXIT_FAIL;
	r = manager_run(m);
	return r < 0 ? EXIT_FAIL : EXIT_OK;
}
