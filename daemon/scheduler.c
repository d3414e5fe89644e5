/* SPDX-License-Identifier: GPL-2.0-only */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpf-skel.h"
#include "libbpf-log.h"
#include "log.h"
#include "scheduler.h"
#include "scx-sysfs.h"
#include "util.h"

#define EXIT_DUMP_DFL_LEN	32768	/* the kernel's SCX_EXIT_DUMP_DFL_LEN */
#define VERIFIER_EXCERPT_LINES	24

/*
 * Once attached, the daemon needs only a few of the object's maps and
 * programs; libbpf's model of the object (its BTF, instructions, section
 * data: some 300 kB of heap) is freed then, and these stay.
 *
 * Every map keeps a file descriptor, as under libbpf: when a map's last
 * one closes, the kernel cancels the BPF timers in it (the tickless and
 * throttle timers), although the programs still use the map.
 */
#define MAX_MAPS 32

struct loaded {
	struct cellflash_bpf__bss *bss;	/* the .bss map, mapped */
	size_t bss_size;
	struct cellflash_bpf__data_exit_dump *exit_dump;
	size_t exit_dump_size;
	int map_fds[MAX_MAPS];
	unsigned nr_maps;
	int cell_owners_fd, cell_stats_fd, exit_events_fd;	/* among map_fds */
	int apply_power_fd, apply_cells_fd;
};

struct scheduler {
	struct cellflash_bpf *skel;	/* until attached */
	void *object;			/* $CELLFLASH_BPF_OBJECT's bytes, if used */
	struct loaded bpf;
	struct bpf_link *link;
	struct ring_buffer *exit_rb;
	unsigned nr_cpus;		/* possible CPUs, for the per-CPU counters */
	uint32_t exit_dump_len;
	struct cell_stats *cell_stats;	/* read buffer: nr_cpus per cell, all cells */
	unsigned nr_owners;		/* the owners in the cell_owners map */
	struct cell_owner owners[CELLFLASH_MAX_CELLS];
};

/*
 * libbpf's messages: warnings always, the rest with --verbose. While
 * loading they are collected instead, so that a verifier rejection can be
 * summed up with the relevant part of the verifier's log.
 */
static bool libbpf_verbose;
static FILE *libbpf_capture;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char buf[1024];

	if (libbpf_capture) {
		va_list aq;

		va_copy(aq, ap);
		vfprintf(libbpf_capture, fmt, aq);
		va_end(aq);
		if (!libbpf_verbose)
			return 0;
	}
	if (level != LIBBPF_WARN && !libbpf_verbose)
		return 0;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	strstrip_end(buf);
	log_internal(level == LIBBPF_WARN ? LOG_WARNING : LOG_INFO, 0, "%s", buf);
	return 0;
}

/* Reads @path whole: a development copy of the BPF object. */
static int read_object_file(const char *path, void **ret, size_t *ret_size)
{
	_cleanup_close_ int fd = -1;
	_cleanup_free_ void *buf = NULL;
	struct stat st;
	size_t done = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		return log_error_errno(-errno, "Cannot read the BPF object %s: %m", path);
	buf = malloc((size_t)st.st_size);
	if (!buf)
		return log_oom();
	while (done < (size_t)st.st_size) {
		ssize_t n = read(fd, (char *)buf + done, (size_t)st.st_size - done);

		if (n <= 0)
			return log_error_errno(n < 0 ? -errno : -EIO, "Cannot read the BPF object %s: %m", path);
		done += (size_t)n;
	}
	*ret = TAKE_PTR(buf);
	*ret_size = done;
	return 0;
}

/*
 * An object from $CELLFLASH_BPF_OBJECT must lay out the globals the daemon
 * reads and writes (.bss, .rodata) as the built-in one does: the skeleton
 * accesses them at fixed offsets.
 */
static int check_object_layout(struct bpf_object *obj, const char *path)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "cellflash_bpf");
	size_t size;
	const void *elf = cellflash_bpf__elf_bytes(&size);
	struct bpf_object *builtin;
	struct bpf_map *map, *other;
	int r = 0;

	/* Named as the skeleton names it, so the maps' names match. */
	builtin = bpf_object__open_mem(elf, size, &opts);
	if (!builtin)
		return log_error_errno(-errno, "Cannot open the built-in BPF object: %m");
	bpf_object__for_each_map(map, builtin) {
		const char *name = bpf_map__name(map), *dot = strrchr(name, '.');

		if (!dot || (strcmp(dot, ".bss") != 0 && strcmp(dot, ".rodata") != 0))
			continue;
		other = bpf_object__find_map_by_name(obj, name);
		if (!other || bpf_map__value_size(other) != bpf_map__value_size(map)) {
			r = log_error_errno(-EINVAL, "The BPF object %s does not match this cellflashd "
					    "(map %s differs); build both from the same sources.",
					    path, bpf_map__name(map));
			break;
		}
	}
	bpf_object__close(builtin);
	return r;
}

static int sched_open(struct scheduler *s, const struct config *cfg)
{
	const char *path = getenv("CELLFLASH_BPF_OBJECT");
	struct cellflash_bpf *skel;
	size_t size = 0;
	int r;

	libbpf_verbose = cfg->verbose;
	libbpf_set_print(libbpf_print);

	/* The skeleton's open, split so another object can stand in. */
	s->skel = skel = calloc(1, sizeof(*skel));
	if (!skel)
		return log_oom();
	r = cellflash_bpf__create_skeleton(skel);
	if (r < 0)
		return log_error_errno(r, "Cannot create the BPF skeleton: %m");
	if (path && *path) {
		r = read_object_file(path, &s->object, &size);
		if (r < 0)
			return r;
		skel->skeleton->data = s->object;
		skel->skeleton->data_sz = size;
		log_notice("Using the BPF object %s ($CELLFLASH_BPF_OBJECT).", path);
	}
	r = bpf_object__open_skeleton(skel->skeleton, NULL);
	if (r < 0)
		return log_error_errno(r, "Cannot open the BPF scheduler: %m");
	if (s->object) {
		r = check_object_layout(skel->obj, path);
		if (r < 0)
			return r;
	}
	skel->struct_ops.cellflash_ops = bpf_map__initial_value(skel->maps.cellflash_ops, NULL);

	r = libbpf_num_possible_cpus();
	if (r < 0)
		return log_error_errno(r, "Cannot count the possible CPUs: %m");
	s->nr_cpus = (unsigned)r;
	if (s->nr_cpus > CELLFLASH_MAX_CPUS)
		return log_error_errno(-E2BIG, "This machine has %u possible CPUs; cellflash supports %d.",
				       s->nr_cpus, CELLFLASH_MAX_CPUS);
	return 0;
}

static void request_power(struct cellflash_bpf__bss *bss, const struct power_setting *power)
{
	memcpy(bss->power_request.primary, power->primary.bits, sizeof(bss->power_request.primary));
	bss->power_request.cpuperf = power->cpuperf;
}

/*
 * A queue per cell and NUMA node, or LLC, or one for all; more NUMA nodes
 * than the BPF side has room for share one.
 */
static int configure_domains(struct cellflash_bpf *skel, const struct config *cfg,
			     const struct topology *topo)
{
	enum queue_domain kind = cfg->disable_numa ? QUEUE_DOMAIN_ONE :
				 cfg->llc_aware ? QUEUE_DOMAIN_LLC : QUEUE_DOMAIN_NODE;
	uint8_t domain[CPUMASK_MAX_CPUS];
	unsigned n;

	n = topology_queue_domains(topo, kind, CELLFLASH_MAX_DOMAINS, domain);
	if (!n && kind == QUEUE_DOMAIN_LLC)
		return log_error_errno(-E2BIG, "--enable-llc-awareness: this machine has %u last-level "
				       "caches, cellflash supports %d.", topo->nr_llcs, CELLFLASH_MAX_DOMAINS);
	if (!n) {
		log_warning("This machine has %u NUMA nodes, more than the %d queues per cell cellflash "
			    "keeps: one queue for all nodes.", topo->nr_nodes, CELLFLASH_MAX_DOMAINS);
		n = topology_queue_domains(topo, QUEUE_DOMAIN_ONE, 1, domain);
	}
	skel->rodata->nr_domains = n;
	for (unsigned cpu = 0; cpu < CELLFLASH_MAX_CPUS; cpu++)
		skel->rodata->cpu_domain[cpu] = domain[cpu];
	return 0;
}

/* --cpu-controller-disabled: no cgroup callbacks at all. */
static void drop_cgroup_ops(struct cellflash_bpf *skel)
{
	struct bpf_program *progs[] = {
		skel->progs.cellflash_cgroup_init, skel->progs.cellflash_cgroup_exit,
		skel->progs.cellflash_cgroup_set_weight, skel->progs.cellflash_cgroup_move,
	};

	skel->struct_ops.cellflash_ops->cgroup_init = NULL;
	skel->struct_ops.cellflash_ops->cgroup_exit = NULL;
	skel->struct_ops.cellflash_ops->cgroup_set_weight = NULL;
	skel->struct_ops.cellflash_ops->cgroup_move = NULL;
	for (size_t i = 0; i < ELEMENTSOF(progs); i++)
		bpf_program__set_autoload(progs[i], false);
}

static int sched_configure(struct scheduler *s, const struct config *cfg,
			   const struct kernel_caps *caps, const struct topology *topo,
			   const struct power_setting *power)
{
	struct cellflash_bpf *skel = s->skel;
	uint64_t hotplug_seq = 0;
	unsigned cpu;
	size_t size;
	int r;

	skel->rodata->slice_base_ns = cfg->slice_us * NSEC_PER_USEC;
	skel->rodata->slice_lag_ns = cfg->slice_lag_us * NSEC_PER_USEC;
	skel->rodata->throttle_ns = cfg->throttle_us * NSEC_PER_USEC;
	skel->rodata->tickless = cfg->tickless;
	skel->rodata->rr_sched = cfg->rr_sched;
	skel->rodata->wakeup_throttle = cfg->wakeup_throttle;
	skel->rodata->smt_enabled = topo->smt && !cfg->disable_smt;
	skel->rodata->debug = cfg->debug;
	skel->rodata->llc_aware = cfg->llc_aware;
	skel->rodata->work_stealing = cfg->work_stealing;
	skel->rodata->reject_multicpu_pinning = cfg->reject_multicpu_pinning;
	skel->rodata->debug_events_enabled = cfg->debug_events;
	skel->rodata->cgroup_shares = !cfg->cpu_controller_disabled;
	if (cfg->cpu_controller_disabled)
		drop_cgroup_ops(skel);

	r = configure_domains(skel, cfg, topo);
	if (r < 0)
		return r;
	for (cpu = 0; cpu < CELLFLASH_MAX_CPUS; cpu++)
		skel->rodata->cpu_sibling[cpu] = cpu < topo->nr_cpu_ids ?
						 (s16)topology_sibling(topo, cpu) : -1;
	request_power(skel->bss, power);

	/*
	 * Wakeups may skip ops.select_cpu(); ops.enqueue() then picks a CPU.
	 * The last task of a CPU goes through ops.enqueue() when dispatch
	 * lets it go, so it can move to a better CPU (and so throttling can
	 * idle the CPU).
	 */
	skel->struct_ops.cellflash_ops->flags = caps->ops_allow_queued_wakeup | caps->ops_enq_last;

	/* A CPU that comes or goes between now and attach makes the kernel
	 * restart us rather than run with a stale view of the CPUs. */
	r = scx_read_u64(sysfs_root(), "hotplug_seq", &hotplug_seq);
	if (r < 0)
		log_warning_errno(r, "Cannot read sched_ext's hotplug_seq, not checking it: %m");
	skel->struct_ops.cellflash_ops->hotplug_seq = hotplug_seq;

	s->exit_dump_len = cfg->exit_dump_len ?: EXIT_DUMP_DFL_LEN;
	skel->struct_ops.cellflash_ops->exit_dump_len = s->exit_dump_len;
	skel->rodata->exit_dump_len = s->exit_dump_len;
	r = bpf_map__set_value_size(skel->maps.data_exit_dump, s->exit_dump_len);
	if (r < 0)
		return log_error_errno(r, "Cannot size the exit dump buffer: %m");
	skel->data_exit_dump = bpf_map__initial_value(skel->maps.data_exit_dump, &size);
	if (!skel->data_exit_dump || size != s->exit_dump_len)
		return log_error_errno(-ENOMEM, "Cannot size the exit dump buffer.");
	return 0;
}

/*
 * The built-in object is 180 kB of the binary's read-only data, read only
 * while loading; left mapped it would stay resident for as long as the
 * daemon runs. Its pages are the executable file's, so a later load (a
 * restart) reads them back in.
 */
static void release_builtin_object(void)
{
	size_t size, page = (size_t)sysconf(_SC_PAGESIZE);
	uintptr_t start = (uintptr_t)cellflash_bpf__elf_bytes(&size);
	uintptr_t first = (start + page - 1) & ~(page - 1), end = (start + size) & ~(page - 1);

	if (end > first && madvise((void *)first, end - first, MADV_DONTNEED) < 0)
		log_debug_errno(-errno, "Cannot release the BPF object's pages: %m");
}

static int dup_fd(int fd, const char *kind, const char *name, int *ret)
{
	*ret = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (*ret < 0)
		return log_error_errno(-errno, "Cannot keep the BPF %s %s: %m", kind, name);
	return 0;
}

/* Maps @map (one of the object's global data sections) for the daemon's own use. */
static int map_section(const struct bpf_map *map, void **ret, size_t *ret_size)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t size = (bpf_map__value_size(map) + page - 1) & ~(page - 1);
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(map), 0);

	if (p == MAP_FAILED)
		return log_error_errno(-errno, "Cannot map the BPF section %s: %m", bpf_map__name(map));
	*ret = p;
	*ret_size = size;
	return 0;
}

/* What the daemon keeps of the loaded object: see struct loaded. */
static int keep_handles(struct scheduler *s)
{
	struct cellflash_bpf *skel = s->skel;
	struct loaded *l = &s->bpf;
	struct bpf_map *map;
	int r, fd;

	r = map_section(skel->maps.bss, (void **)&l->bss, &l->bss_size);
	if (r < 0)
		return r;
	r = map_section(skel->maps.data_exit_dump, (void **)&l->exit_dump, &l->exit_dump_size);
	if (r < 0)
		return r;
	bpf_object__for_each_map(map, skel->obj) {
		if (bpf_map__fd(map) < 0)	/* one libbpf did not create */
			continue;
		if (l->nr_maps == MAX_MAPS)
			return log_error_errno(-E2BIG, "The BPF object has more than %d maps.", MAX_MAPS);
		r = dup_fd(bpf_map__fd(map), "map", bpf_map__name(map), &fd);
		if (r < 0)
			return r;
		l->map_fds[l->nr_maps++] = fd;
		if (map == skel->maps.cell_owners)
			l->cell_owners_fd = fd;
		else if (map == skel->maps.cell_stats)
			l->cell_stats_fd = fd;
		else if (map == skel->maps.exit_events)
			l->exit_events_fd = fd;
	}
	r = dup_fd(bpf_program__fd(skel->progs.apply_power), "program", "apply_power", &l->apply_power_fd);
	if (r < 0)
		return r;
	return dup_fd(bpf_program__fd(skel->progs.apply_cells), "program", "apply_cells", &l->apply_cells_fd);
}

static void drop_handles(struct loaded *l)
{
	if (l->bss)
		munmap(l->bss, l->bss_size);
	if (l->exit_dump)
		munmap(l->exit_dump, l->exit_dump_size);
	for (unsigned i = 0; i < l->nr_maps; i++)
		closep(&l->map_fds[i]);
	closep(&l->apply_power_fd);
	closep(&l->apply_cells_fd);
}

static int sched_load(struct scheduler *s)
{
	char excerpt[4096], prog[128];
	_cleanup_free_ char *text = NULL;
	size_t text_len = 0;
	int r;

	libbpf_capture = open_memstream(&text, &text_len);
	r = cellflash_bpf__load(s->skel);
	if (libbpf_capture) {
		fclose(libbpf_capture);
		libbpf_capture = NULL;
	}
	if (r == 0) {
		if (text && *text)
			log_debug("libbpf's output while loading:\n%s", text);
		if (!s->object)
			release_builtin_object();
		return 0;
	}

	if (text && verifier_log_excerpt(text, VERIFIER_EXCERPT_LINES, excerpt, sizeof(excerpt), prog, sizeof(prog)) > 0) {
		log_debug("libbpf's output while loading:\n%s", text);
		return log_error_errno(r, "The kernel's BPF verifier rejected the scheduler's program '%s' (%m). "
				       "From the verifier's log:\n%s", prog, excerpt);
	}
	if (text && *text)
		log_warning("libbpf:\n%s", strstrip_end(text));
	return log_error_errno(r, "Cannot load the BPF scheduler: %m");
}

/*
 * Writes @cells for the BPF side: the owners into the cell_owners map (the
 * stale ones out first), the CPUs into cell_request. apply_cells() (or
 * ops.init()) then publishes them.
 */
/* The index of @cgroup_id in s->owners, or -1. */
static int owner_index(const struct scheduler *s, uint64_t cgroup_id)
{
	for (unsigned i = 0; i < s->nr_owners; i++)
		if (s->owners[i].cgroup_id == cgroup_id)
			return (int)i;
	return -1;
}

/*
 * Brings the cell_owners map to @cells and stages the CPUs' cells for
 * apply_cells. s->owners always says what the map holds, also after a
 * failure half-way (the next request then finishes the job); the CPUs'
 * cells are staged only once the map is complete.
 */
static int request_cells(struct scheduler *s, const struct cell_setting *cells)
{
	int fd = s->bpf.cell_owners_fd, r = 0;
	unsigned kept = 0;

	for (unsigned i = 0; i < s->nr_owners; i++) {
		bool wanted = false;

		for (unsigned j = 0; j < cells->nr_owners && !wanted; j++)
			wanted = cells->owners[j].cgroup_id == s->owners[i].cgroup_id;
		if (!wanted && !r && (bpf_map_delete_elem(fd, &s->owners[i].cgroup_id) == 0 || errno == ENOENT))
			continue;
		if (!wanted && !r)
			r = log_error_errno(-errno, "Cannot remove cgroup %" PRIu64 " from the cell owners: %m",
					    s->owners[i].cgroup_id);
		s->owners[kept++] = s->owners[i];
	}
	s->nr_owners = kept;
	if (r < 0)
		return r;
	for (unsigned i = 0; i < cells->nr_owners; i++) {
		const struct cell_owner *o = &cells->owners[i];
		uint32_t cell = o->cell;
		int at = owner_index(s, o->cgroup_id);

		if (bpf_map_update_elem(fd, &o->cgroup_id, &cell, BPF_ANY) < 0)
			return log_error_errno(-errno, "Cannot make cgroup %" PRIu64 " the owner of cell %u: %m",
					       o->cgroup_id, cell);
		if (at < 0)
			at = (int)s->nr_owners++;
		s->owners[at] = *o;
	}
	s->bpf.bss->cell_request.nr_cells = cells->nr_cells;
	memcpy(s->bpf.bss->cell_request.cpu_cell, cells->cpu_cell, sizeof(cells->cpu_cell));
	return 0;
}

static int on_exit_event(void *ctx, void *data, size_t size)
{
	/* The record only wakes us up; the details are in exit_info. */
	return 0;
}

static int sched_attach(struct scheduler *s)
{
	int r;

	s->exit_rb = ring_buffer__new(s->bpf.exit_events_fd, on_exit_event, s, NULL);
	if (!s->exit_rb)
		return log_error_errno(-errno, "Cannot set up the exit ring buffer: %m");

	s->link = bpf_map__attach_struct_ops(s->skel->maps.cellflash_ops);
	if (!s->link) {
		r = -errno;
		if (r == -EBUSY || r == -EEXIST)
			return scx_log_already_loaded(sysfs_root());
		return log_error_errno(r, "Cannot attach the scheduler: %m");
	}
	return 0;
}

int scheduler_attach(struct scheduler **ret, const struct config *cfg,
		     const struct kernel_caps *caps, const struct topology *topo,
		     const struct power_setting *power, const struct cell_setting *cells)
{
	_cleanup_(scheduler_freep) struct scheduler *s = NULL;
	int r;

	s = calloc(1, sizeof(*s));
	if (!s)
		return log_oom();
	s->bpf = (struct loaded) {
		.cell_owners_fd = -1, .cell_stats_fd = -1, .exit_events_fd = -1,
		.apply_power_fd = -1, .apply_cells_fd = -1,
	};

	r = sched_open(s, cfg);
	if (r < 0)
		return r;
	r = sched_configure(s, cfg, caps, topo, power);
	if (r < 0)
		return r;
	r = sched_load(s);
	if (r < 0)
		return r;
	r = keep_handles(s);
	if (r < 0)
		return r;
	s->cell_stats = calloc((size_t)s->nr_cpus * CELLFLASH_MAX_CELLS, sizeof(*s->cell_stats));
	if (!s->cell_stats)
		return log_oom();
	r = request_cells(s, cells);
	if (r < 0)
		return r;
	r = sched_attach(s);
	if (r < 0)
		return r;
	/* The link holds the scheduler; the handles, what the daemon uses. */
	cellflash_bpf__destroy(TAKE_PTR(s->skel));
	free(TAKE_PTR(s->object));
	/*
	 * Loading parsed the kernel's BTF and the object's ELF, megabytes
	 * that are free again but would stay in the heap of a daemon that
	 * then idles for days.
	 */
	malloc_trim(0);

	*ret = TAKE_PTR(s);
	return 0;
}

void scheduler_free(struct scheduler *s)
{
	bpf_link__destroy(s->link);
	ring_buffer__free(s->exit_rb);
	drop_handles(&s->bpf);
	cellflash_bpf__destroy(s->skel);
	free(s->object);
	free(s->cell_stats);
	free(s);
}

/* Runs one of the SEC("syscall") programs that apply a request. */
static int run_apply(int prog_fd, const char *what)
{
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	int r;

	r = bpf_prog_test_run_opts(prog_fd, &opts);
	if (r < 0)
		return log_error_errno(-errno, "Cannot run the BPF program that applies %s: %m", what);
	if ((int)opts.retval < 0)
		return log_error_errno((int)opts.retval, "The BPF side could not apply %s: %m", what);
	return 0;
}

int scheduler_set_power(struct scheduler *s, const struct power_setting *power)
{
	request_power(s->bpf.bss, power);
	return run_apply(s->bpf.apply_power_fd, "the primary domain");
}

int scheduler_set_cells(struct scheduler *s, const struct cell_setting *cells)
{
	int r = request_cells(s, cells);

	if (r < 0)
		return r;
	return run_apply(s->bpf.apply_cells_fd, "the cells");
}

uint64_t scheduler_cell_seq(struct scheduler *s)
{
	return __atomic_load_n(&s->bpf.bss->cell_seq, __ATOMIC_ACQUIRE);
}

uint64_t scheduler_power_seq(struct scheduler *s)
{
	return __atomic_load_n(&s->bpf.bss->power_seq, __ATOMIC_ACQUIRE);
}

int scheduler_exit_event_fd(struct scheduler *s)
{
	return ring_buffer__epoll_fd(s->exit_rb);
}

int scheduler_link_fd(struct scheduler *s)
{
	return bpf_link__fd(s->link);
}

void scheduler_drain_exit_events(struct scheduler *s)
{
	ring_buffer__consume(s->exit_rb);
}

bool scheduler_exited(struct scheduler *s, struct scheduler_exit *ret)
{
	struct exit_info *ei = &s->bpf.bss->exit_info;
	int kind = __atomic_load_n(&ei->kind, __ATOMIC_ACQUIRE);

	if (!kind)
		return false;
	ret->kind = kind;
	ret->code = ei->exit_code;
	snprintf(ret->reason, sizeof(ret->reason), "%s", ei->reason);
	snprintf(ret->msg, sizeof(ret->msg), "%s", ei->msg);
	return true;
}

const char *scheduler_exit_dump(struct scheduler *s)
{
	char *dump = s->bpf.exit_dump->exit_dump;

	dump[s->exit_dump_len - 1] = 0;
	return dump;
}

void scheduler_read_cell(struct scheduler *s, const struct cpumask *cpus, unsigned cell,
			 struct cell_counts *ret)
{
	uint32_t key = cell;

	*ret = (struct cell_counts) {};
	/* One key of the per-CPU array: a value per possible CPU. */
	if (bpf_map_lookup_elem(s->bpf.cell_stats_fd, &key, s->cell_stats) < 0) {
		log_debug_errno(-errno, "Cannot read the counters of cell %u: %m", cell);
		return;
	}
	cell_counts_sum_cpus(ret, s->cell_stats, s->nr_cpus, cpus);
}

void scheduler_read_metrics(struct scheduler *s, const struct cpumask *cpus, struct metrics *ret,
			    struct cell_counts *ret_cells)
{
	LIBBPF_OPTS(bpf_map_batch_opts, opts);
	uint32_t keys[CELLFLASH_MAX_CELLS], out_batch, count = CELLFLASH_MAX_CELLS;
	int fd = s->bpf.cell_stats_fd;

	*ret = (struct metrics) { .nr_online_cpus = s->bpf.bss->nr_online_cpus };
	metrics_sum_cpus(ret, s->bpf.bss->cpu_stats, s->nr_cpus, cpus);

	/* All cells in one go: a per-CPU array holds a value per possible CPU. */
	if (bpf_map_lookup_batch(fd, NULL, &out_batch, keys, s->cell_stats, &count, &opts) < 0 &&
	    errno != ENOENT) {
		log_debug_errno(-errno, "Cannot read the cell counters: %m");
		count = 0;
	}
	for (uint32_t i = 0; i < count; i++) {
		struct cell_counts c;

		if (keys[i] >= CELLFLASH_MAX_CELLS)
			continue;
		cell_counts_sum_cpus(&c, &s->cell_stats[(size_t)i * s->nr_cpus], s->nr_cpus, cpus);
		metrics_add_cell(ret, &c);
		if (ret_cells)
			ret_cells[keys[i]] = c;
	}
}
