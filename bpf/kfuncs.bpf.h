/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel interface the scheduler uses: vmlinux.h types, the sched_ext
 * kfuncs it calls, and the sched_ext constants it needs.
 *
 * kfuncs are declared here rather than taken from vmlinux.h, so that a kfunc
 * the scheduler needs is a hard link-time dependency (libbpf names it when it
 * is missing) and an optional one is __weak and tested with
 * bpf_ksym_exists(). The baseline is Linux 6.16; newer interfaces are used
 * when the running kernel has them.
 */
#ifndef CELLFLASH_KFUNCS_BPF_H
#define CELLFLASH_KFUNCS_BPF_H

#define BPF_NO_KFUNC_PROTOTYPES
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "intf.h"

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#define PF_KTHREAD		0x00200000	/* include/linux/sched.h */
#define ENOMEM			12
#define ENOENT			2
#define EBUSY			16
#define CLOCK_MONOTONIC		1

/* Makes clang forget what it knows of @var (see cpu_domain_of()). */
#define barrier_var(var)	asm volatile("" : "+r"(var))

#define BPF_STRUCT_OPS(name, args...)		\
	SEC("struct_ops/" #name) BPF_PROG(name, ##args)
#define BPF_STRUCT_OPS_SLEEPABLE(name, args...)	\
	SEC("struct_ops.s/" #name) BPF_PROG(name, ##args)

/* Required: present from 6.16 on. */
s32 scx_bpf_create_dsq(u64 dsq_id, s32 node) __ksym;
s32 scx_bpf_pick_idle_cpu(const struct cpumask *cpus_allowed, u64 flags) __ksym;
bool scx_bpf_test_and_clear_cpu_idle(s32 cpu) __ksym;
void scx_bpf_kick_cpu(s32 cpu, u64 flags) __ksym;
s32 scx_bpf_task_cpu(const struct task_struct *p) __ksym;
struct cgroup *bpf_cgroup_from_id(u64 cgid) __ksym;
u64 scx_bpf_now(void) __ksym;
u32 scx_bpf_nr_node_ids(void) __ksym;
s32 scx_bpf_cpu_node(s32 cpu) __ksym;
const struct cpumask *scx_bpf_get_online_cpumask(void) __ksym;
void scx_bpf_put_cpumask(const struct cpumask *cpumask) __ksym;
void scx_bpf_error_bstr(char *fmt, unsigned long long *data, u32 data_len) __ksym;
void scx_bpf_dump_bstr(char *fmt, unsigned long long *data, u32 data_len) __ksym;
struct cgroup *bpf_cgroup_ancestor(struct cgroup *cgrp, int level) __ksym;
u32 bpf_cpumask_any_distribute(const struct cpumask *cpumask) __ksym;
int bpf_iter_scx_dsq_new(struct bpf_iter_scx_dsq *it, u64 dsq_id, u64 flags) __ksym;
struct task_struct *bpf_iter_scx_dsq_next(struct bpf_iter_scx_dsq *it) __ksym;
void bpf_iter_scx_dsq_destroy(struct bpf_iter_scx_dsq *it) __ksym;
u32 bpf_cpumask_weight(const struct cpumask *cpumask) __ksym;
struct bpf_cpumask *bpf_cpumask_create(void) __ksym;
void bpf_cpumask_release(struct bpf_cpumask *cpumask) __ksym;
void bpf_cpumask_set_cpu(u32 cpu, struct bpf_cpumask *cpumask) __ksym;
bool bpf_cpumask_test_cpu(u32 cpu, const struct cpumask *cpumask) __ksym;
bool bpf_cpumask_subset(const struct cpumask *src1, const struct cpumask *src2) __ksym;
bool bpf_cpumask_intersects(const struct cpumask *src1, const struct cpumask *src2) __ksym;
bool bpf_cpumask_empty(const struct cpumask *cpumask) __ksym;
void bpf_cgroup_release(struct cgroup *cgrp) __ksym;
u32 scx_bpf_nr_cpu_ids(void) __ksym;
s32 scx_bpf_dsq_nr_queued(u64 dsq_id) __ksym;
void scx_bpf_cpuperf_set(s32 cpu, u32 perf) __ksym;
const struct cpumask *scx_bpf_get_idle_cpumask(void) __ksym;
const struct cpumask *scx_bpf_get_idle_smtmask(void) __ksym;
void scx_bpf_put_idle_cpumask(const struct cpumask *cpumask) __ksym;
struct cgroup *scx_bpf_task_cgroup(struct task_struct *p) __ksym;

/*
 * Kernels moved some kfuncs to new forms; each pair below is tried newest
 * first. libbpf drops one "___suffix" when matching kernel names, so
 * "x___v2___new" binds to the kernel's "x___v2" and "x___old" to "x".
 */
bool __scx_bpf_dsq_insert_vtime(struct task_struct *p,
				struct scx_bpf_dsq_insert_vtime_args *args) __ksym __weak; /* 6.19 */
void scx_bpf_dsq_insert_vtime___old(struct task_struct *p, u64 dsq_id, u64 slice, u64 vtime,
				    u64 enq_flags) __ksym __weak;
bool scx_bpf_dsq_insert___v2___new(struct task_struct *p, u64 dsq_id, u64 slice,
				   u64 enq_flags) __ksym __weak;		/* 6.19 */
void scx_bpf_dsq_insert___old(struct task_struct *p, u64 dsq_id, u64 slice,
			      u64 enq_flags) __ksym __weak;
s32 __scx_bpf_select_cpu_and(struct task_struct *p, const struct cpumask *cpus_allowed,
			     struct scx_bpf_select_cpu_and_args *args) __ksym __weak; /* 6.19 */
s32 scx_bpf_select_cpu_and___old(struct task_struct *p, s32 prev_cpu, u64 wake_flags,
				 const struct cpumask *cpus_allowed, u64 flags) __ksym __weak;
bool scx_bpf_dsq_move_to_local___v2___new(u64 dsq_id, u64 enq_flags) __ksym __weak; /* 7.1 */
bool scx_bpf_dsq_move_to_local___old(u64 dsq_id) __ksym __weak;

/* Optional. */
struct task_struct *scx_bpf_dsq_peek(u64 dsq_id) __ksym __weak;		/* 6.19, safe from 7.1 */
bool scx_bpf_task_set_slice(struct task_struct *p, u64 slice) __ksym __weak;	/* 6.19 */
bool scx_bpf_task_set_dsq_vtime(struct task_struct *p, u64 vtime) __ksym __weak; /* 6.19 */

extern u32 LINUX_KERNEL_VERSION __kconfig;

/*
 * sched_ext constants, relocated against the running kernel's BTF at load
 * time: flag values are kernel-internal and have moved between releases.
 */
#define ENQ_WAKEUP		bpf_core_enum_value(enum scx_enq_flags, SCX_ENQ_WAKEUP)
#define ENQ_CPU_SELECTED	bpf_core_enum_value(enum scx_enq_flags, SCX_ENQ_CPU_SELECTED)
#define DSQ_LOCAL		bpf_core_enum_value(enum scx_dsq_id_flags, SCX_DSQ_LOCAL)
#define DSQ_LOCAL_ON		bpf_core_enum_value(enum scx_dsq_id_flags, SCX_DSQ_LOCAL_ON)
#define WAKE_SYNC		bpf_core_enum_value(enum scx_wake_flags, SCX_WAKE_SYNC)
#define KICK_IDLE		bpf_core_enum_value(enum scx_kick_flags, SCX_KICK_IDLE)
#define KICK_PREEMPT		bpf_core_enum_value(enum scx_kick_flags, SCX_KICK_PREEMPT)
#define ENQ_LAST		bpf_core_enum_value(enum scx_enq_flags, SCX_ENQ_LAST)
#define ENQ_REENQ		bpf_core_enum_value(enum scx_enq_flags, SCX_ENQ_REENQ)
#define SLICE_INF		bpf_core_enum_value(enum scx_public_consts, SCX_SLICE_INF)
#define TASK_QUEUED		bpf_core_enum_value(enum scx_ent_flags, SCX_TASK_QUEUED)

/* Calls a kfunc that takes a format and its arguments as an array. */
#define bstr_call(func, fmt, args...)						\
({										\
	static char ___fmt[] = fmt;						\
	unsigned long long ___param[___bpf_narg(args)];				\
										\
	_Pragma("GCC diagnostic push")						\
	_Pragma("GCC diagnostic ignored \"-Wint-conversion\"")			\
	___bpf_fill(___param, args);						\
	_Pragma("GCC diagnostic pop")						\
	func(___fmt, ___param, sizeof(___param));				\
})

/* Abort the scheduler with a formatted message (shown by the daemon). */
#define scx_bpf_error(fmt, args...)	bstr_call(scx_bpf_error_bstr, fmt, ##args)
/* A line of the debug dump, from ops.dump(). */
#define scx_bpf_dump(fmt, args...)	bstr_call(scx_bpf_dump_bstr, fmt, ##args)

static __always_inline void dsq_insert(struct task_struct *p, u64 dsq_id, u64 slice,
				       u64 enq_flags)
{
	if (bpf_ksym_exists(scx_bpf_dsq_insert___v2___new))
		scx_bpf_dsq_insert___v2___new(p, dsq_id, slice, enq_flags);
	else
		scx_bpf_dsq_insert___old(p, dsq_id, slice, enq_flags);
}

static __always_inline void dsq_insert_vtime(struct task_struct *p, u64 dsq_id, u64 slice,
					     u64 vtime, u64 enq_flags)
{
	if (bpf_core_type_exists(struct scx_bpf_dsq_insert_vtime_args)) {
		struct scx_bpf_dsq_insert_vtime_args args = {
			.dsq_id = dsq_id, .slice = slice, .vtime = vtime, .enq_flags = enq_flags,
		};

		__scx_bpf_dsq_insert_vtime(p, &args);
	} else {
		scx_bpf_dsq_insert_vtime___old(p, dsq_id, slice, vtime, enq_flags);
	}
}

static __always_inline bool dsq_move_to_local(u64 dsq_id)
{
	if (bpf_ksym_exists(scx_bpf_dsq_move_to_local___v2___new))
		return scx_bpf_dsq_move_to_local___v2___new(dsq_id, 0);
	return scx_bpf_dsq_move_to_local___old(dsq_id);
}

/* An idle CPU in @cpus_allowed for @p, claimed, or a negative errno. */
static __always_inline s32 select_cpu_and(struct task_struct *p, s32 prev_cpu, u64 wake_flags,
					  const struct cpumask *cpus_allowed, u64 flags)
{
	if (bpf_core_type_exists(struct scx_bpf_select_cpu_and_args)) {
		struct scx_bpf_select_cpu_and_args args = {
			.prev_cpu = prev_cpu, .wake_flags = wake_flags, .flags = flags,
		};

		return __scx_bpf_select_cpu_and(p, cpus_allowed, &args);
	}
	return scx_bpf_select_cpu_and___old(p, prev_cpu, wake_flags, cpus_allowed, flags);
}

static __always_inline bool cpu_valid(s32 cpu)
{
	return (u32)cpu < CELLFLASH_MAX_CPUS;
}

/*
 * &@array[@cpu] of an array of CELLFLASH_MAX_CPUS, or NULL. The index is
 * masked after the check and hidden from clang in between: clang would
 * drop one of them, and the verifier needs both in the same register.
 */
#define cpu_slot(array, cpu)							\
({										\
	u64 ___i = (u32)(cpu);							\
	typeof(&(array)[0]) ___slot = NULL;					\
										\
	if (___i < CELLFLASH_MAX_CPUS) {					\
		barrier_var(___i);						\
		___slot = &(array)[___i & (CELLFLASH_MAX_CPUS - 1)];		\
	}									\
	___slot;								\
})

static __always_inline bool is_pcpu_kthread(const struct task_struct *p)
{
	return (p->flags & PF_KTHREAD) && p->nr_cpus_allowed == 1;
}

static __always_inline void task_set_slice(struct task_struct *p, u64 slice)
{
	if (bpf_ksym_exists(scx_bpf_task_set_slice))
		scx_bpf_task_set_slice(p, slice);
	else
		p->scx.slice = slice;
}

static __always_inline void task_set_vtime(struct task_struct *p, u64 vtime)
{
	if (bpf_ksym_exists(scx_bpf_task_set_dsq_vtime))
		scx_bpf_task_set_dsq_vtime(p, vtime);
	else
		p->scx.dsq_vtime = vtime;
}

/*
 * The first task of a DSQ. The lockless peek kfunc could return stale tasks
 * before 7.1; older kernels walk the queue with an iterator instead.
 */
static __always_inline struct task_struct *dsq_first(u64 dsq_id)
{
	struct task_struct *p;

	if (LINUX_KERNEL_VERSION >= KERNEL_VERSION(7, 1, 0) && bpf_ksym_exists(scx_bpf_dsq_peek))
		return scx_bpf_dsq_peek(dsq_id);

	bpf_for_each(scx_dsq, p, dsq_id, 0)
		return p;
	return NULL;
}

#endif
