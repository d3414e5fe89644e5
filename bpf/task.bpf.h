/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-task and per-cgroup state, and a task's effective weight: its nice
 * weight scaled by the cpu.weight of its own cgroup (per task: a cgroup's
 * weight does not cap what its tasks get together).
 */
#ifndef CELLFLASH_TASK_BPF_H
#define CELLFLASH_TASK_BPF_H

struct task_ctx {
	u64 last_run_at;	/* when it last started running */
	u64 last_woke_at;	/* when it last woke up */
	u64 wakeup_freq;	/* wakeups per 100 ms, smoothed */
	u64 avg_runtime;	/* CPU time per run, smoothed (--wakeup-throttle) */
	u64 cgroup_id;		/* its cgroup */
	u64 weight;		/* effective weight, see task_weight() */
	u64 slice_ns;		/* its time slice, from the weight */
	u32 cgroup_weight;	/* cpu.weight of its cgroup */
	u32 cgroup_weight_seq;	/* cgroup_weight_seq when read */
	/* Its cell (cells.bpf.h), resolved for this cgroup and configuration. */
	u64 cell_cgroup_id;	/* unified-hierarchy cgroup; 0 while no cells exist */
	u64 cell_seq;		/* cell_seq when resolved; CELL_SEQ_STALE: resolve again */
	u64 pin_violation_seq;	/* --reject-multicpu-pinning: cell_seq when first seen */
	u32 cell;
	u32 vtime_cell;		/* the cell whose vtime p->scx.dsq_vtime counts in */
	bool covered;		/* may run on every CPU of its cell */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_ctx);
} task_ctxs SEC(".maps");

struct cgroup_ctx {
	u32 weight;		/* cpu.weight, 1..10000 */
};

struct {
	__uint(type, BPF_MAP_TYPE_CGRP_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct cgroup_ctx);
} cgroup_ctxs SEC(".maps");

/*
 * Bumped whenever a cgroup's cpu.weight changes, so tasks re-read theirs
 * lazily instead of the hot path looking up the cgroup every time. Read on
 * every weight lookup: keep it off vtime_now's cache line.
 */
u32 cgroup_weight_seq __attribute__((aligned(64)));

static __always_inline struct task_ctx *task_ctx(const struct task_struct *p)
{
	return bpf_task_storage_get(&task_ctxs, (struct task_struct *)p, NULL, 0);
}

static __always_inline u32 cgroup_weight(struct cgroup *cgrp)
{
	struct cgroup_ctx *cgc;

	cgc = cgrp ? bpf_cgrp_storage_get(&cgroup_ctxs, cgrp, NULL, 0) : NULL;
	return cgc ? cgc->weight : WEIGHT_DFL;
}

/*
 * Recomputes the weight and slice cached in @tctx. Tickless slices never
 * end by themselves; round-robin slices ignore weight.
 */
static __always_inline void task_update_weight(struct task_ctx *tctx, u32 nice_weight)
{
	tctx->weight = task_weight(nice_weight, tctx->cgroup_weight);
	tctx->slice_ns = tickless ? SLICE_INF :
			 rr_sched ? slice_base_ns : task_slice_ns(slice_base_ns, tctx->weight);
}

static __always_inline void task_set_cgroup(struct task_struct *p, struct task_ctx *tctx,
					    struct cgroup *cgrp)
{
	tctx->cgroup_id = cgrp ? cgrp->kn->id : 0;
	tctx->cgroup_weight_seq = cgroup_weight_seq;
	tctx->cgroup_weight = cgroup_weight(cgrp);
	task_update_weight(tctx, p->scx.weight);
}

/*
 * Brings @tctx up to date after any cgroup's cpu.weight changed. The cgroup
 * is found by id: scx_bpf_task_cgroup() only works on the task an op was
 * called for, and this also runs for prev in dispatch.
 */
static __always_inline void task_refresh(struct task_struct *p, struct task_ctx *tctx)
{
	struct cgroup *cgrp;

	if (tctx->cgroup_weight_seq == cgroup_weight_seq)
		return;
	cgrp = bpf_cgroup_from_id(tctx->cgroup_id);
	tctx->cgroup_weight_seq = cgroup_weight_seq;
	tctx->cgroup_weight = cgroup_weight(cgrp);
	if (cgrp)
		bpf_cgroup_release(cgrp);
	task_update_weight(tctx, p->scx.weight);
}

/* Effective weight of @p; 100 for a nice-0 task in a default cgroup. */
static __always_inline u64 task_weight_of(struct task_struct *p, struct task_ctx *tctx)
{
	task_refresh(p, tctx);
	return tctx->weight;
}

static __always_inline u64 task_slice(struct task_struct *p, struct task_ctx *tctx)
{
	task_refresh(p, tctx);
	return tctx->slice_ns;
}

#endif
