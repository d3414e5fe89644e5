/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-task and per-cgroup state, and a task's weights.
 *
 * A cgroup's cpu.weight is what the cgroup weighs as a whole, split among
 * its runnable tasks by their nice weights (task_share_weight()): each
 * cgroup counts the nice weights of its runnable tasks (ops.runnable() and
 * ops.quiescent()), and a task's share is refreshed when it wakes up and
 * when it stops running, where its vtime is charged by it. Tasks of the
 * root cgroup weigh their nice weight each. The share is the task's own
 * cgroup's (the one the cpu controller sees): a nested cgroup weighs its
 * cpu.weight against every task and cgroup competing in its cell, not
 * within its parent's share (no hierarchical flattening yet).
 *
 * A task's slice follows its nice weight times its cgroup's cpu.weight
 * (task_weight()), not its share: a cgroup of many tasks does not make
 * them switch more often.
 */
#ifndef CELLFLASH_TASK_BPF_H
#define CELLFLASH_TASK_BPF_H

struct task_ctx {
	u64 last_run_at;	/* when it last started running */
	u64 last_woke_at;	/* when it last woke up */
	u64 wakeup_freq;	/* wakeups per 100 ms, smoothed */
	u64 avg_runtime;	/* CPU time per run, smoothed (--wakeup-throttle) */
	u64 cgroup_id;		/* its cgroup */
	u64 weight;		/* its share weight, fixed-point: task_share_weight() */
	u64 slice_ns;		/* its time slice, from task_weight() */
	u64 counted_cgroup_id;	/* the cgroup whose nice_sum counts it, while runnable */
	u32 counted_weight;	/* the nice weight it added there (0: none) */
	u32 cgroup_weight;	/* cpu.weight of its cgroup */
	u32 cgroup_weight_seq;	/* cgroup_weight_seq when read */
	/* Its cell (cells.bpf.h), resolved for this cgroup and configuration. */
	u64 cell_cgroup_id;	/* unified-hierarchy cgroup; 0 while no cells exist */
	u64 cell_seq;		/* cell_seq when resolved; CELL_SEQ_STALE: resolve again */
	u64 pin_violation_seq;	/* --reject-multicpu-pinning: cell_seq when first seen */
	u32 cell;
	u32 vtime_cell;		/* the cell whose vtime p->scx.dsq_vtime counts in */
	bool covered;		/* may run on every CPU of its cell */
	bool in_root_cgroup;	/* its cgroup is the root (every kernel thread's) */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_ctx);
} task_ctxs SEC(".maps");

struct cgroup_ctx {
	u32 weight;		/* cpu.weight, 1..10000 */
	u32 pad;
	u64 nice_sum;		/* nice weights of its runnable tasks (not kept for the root) */
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
 * Recomputes the slice cached in @tctx, and the share weight until its
 * cgroup's count refines it. Tickless slices never end by themselves;
 * round-robin slices ignore weight.
 */
static __always_inline void task_update_weight(struct task_ctx *tctx, u32 nice_weight)
{
	u64 weight = task_weight(nice_weight, tctx->cgroup_weight);

	if (!tctx->counted_weight)
		tctx->weight = weight << WEIGHT_SHIFT;
	tctx->slice_ns = tickless ? SLICE_INF :
			 rr_sched ? slice_base_ns : task_slice_ns(slice_base_ns, weight);
}

/*
 * @p became runnable (@runnable) or stopped being (!@runnable): counts it in
 * or out of its cgroup's nice_sum, and refreshes its share weight. Only in
 * ops on @p itself (scx_bpf_task_cgroup() is limited to those).
 */
static __always_inline void task_count_runnable(struct task_struct *p, struct task_ctx *tctx,
						bool runnable)
{
	struct cgroup *cgrp;
	struct cgroup_ctx *cgc = NULL;
	u64 cgid;

	/*
	 * Without the cgroup ops no cgroup has a weight to share, and the
	 * root keeps no count: nice alone, without looking the cgroup up
	 * (half of what ops.runnable() costs in the test VM). Kernel threads
	 * are all in the root.
	 */
	if (!cgroup_shares || (tctx->in_root_cgroup && !tctx->counted_weight)) {
		if (runnable)
			tctx->weight = task_weight(p->scx.weight, WEIGHT_DFL) << WEIGHT_SHIFT;
		return;
	}
	cgrp = scx_bpf_task_cgroup(p);
	cgid = cgrp->kn->id;
	if (cgrp->level > 0)
		cgc = bpf_cgrp_storage_get(&cgroup_ctxs, cgrp, NULL, 0);
	bpf_cgroup_release(cgrp);

	if (tctx->counted_weight) {
		/* A cgroup move without ops.quiescent() would land here: uncount it there. */
		if (tctx->counted_cgroup_id != cgid) {
			struct cgroup *old = bpf_cgroup_from_id(tctx->counted_cgroup_id);
			struct cgroup_ctx *oldc;

			if (old) {
				oldc = bpf_cgrp_storage_get(&cgroup_ctxs, old, NULL, 0);
				if (oldc)
					__sync_fetch_and_add(&oldc->nice_sum, -(u64)tctx->counted_weight);
				bpf_cgroup_release(old);
			}
		} else if (cgc) {
			__sync_fetch_and_add(&cgc->nice_sum, -(u64)tctx->counted_weight);
		}
		tctx->counted_weight = 0;
	}
	if (runnable && cgc) {
		tctx->counted_weight = p->scx.weight;
		tctx->counted_cgroup_id = cgid;
		__sync_fetch_and_add(&cgc->nice_sum, (u64)tctx->counted_weight);
		tctx->weight = task_share_weight(p->scx.weight, cgc->weight, cgc->nice_sum);
	} else if (runnable) {
		tctx->weight = task_weight(p->scx.weight, WEIGHT_DFL) << WEIGHT_SHIFT;
	}
}

/* Refreshes @p's share weight from its cgroup's current count (ops on @p only). */
static __always_inline void task_refresh_share(struct task_struct *p, struct task_ctx *tctx)
{
	struct cgroup *cgrp;
	struct cgroup_ctx *cgc;

	if (!tctx->counted_weight)
		return;
	cgrp = scx_bpf_task_cgroup(p);
	cgc = bpf_cgrp_storage_get(&cgroup_ctxs, cgrp, NULL, 0);
	if (cgc)
		tctx->weight = task_share_weight(p->scx.weight, cgc->weight, cgc->nice_sum);
	bpf_cgroup_release(cgrp);
}

static __always_inline void task_set_cgroup(struct task_struct *p, struct task_ctx *tctx,
					    struct cgroup *cgrp)
{
	tctx->cgroup_id = cgrp ? cgrp->kn->id : 0;
	tctx->in_root_cgroup = !cgrp || !cgrp->level;
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

/*
 * The share weight of @p, fixed-point (WEIGHT_SHIFT): 100 << WEIGHT_SHIFT
 * for a nice-0 task alone in a default cgroup.
 */
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
