/* SPDX-License-Identifier: GPL-2.0-only */
#include <bpf/btf.h>
#include <errno.h>
#include <string.h>

#include "kernel-btf.h"
#include "log.h"

static void btf_freep(struct btf **btf)
{
	btf__free(*btf);
}

/* Value of enumerator @name of enum @enum_name, or 0 if the kernel lacks it. */
static uint64_t enum_value(const struct btf *btf, const char *enum_name, const char *name)
{
	const struct btf_type *t;
	int id;

	id = btf__find_by_name_kind(btf, enum_name, BTF_KIND_ENUM);
	if (id < 0)
		id = btf__find_by_name_kind(btf, enum_name, BTF_KIND_ENUM64);
	if (id < 0)
		return 0;
	t = btf__type_by_id(btf, id);
	for (unsigned i = 0; i < btf_vlen(t); i++) {
		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t) + i;

			if (strcmp(btf__name_by_offset(btf, e->name_off), name) == 0)
				return (uint32_t)e->val;
		} else {
			const struct btf_enum64 *e = btf_enum64(t) + i;

			if (strcmp(btf__name_by_offset(btf, e->name_off), name) == 0)
				return btf_enum64_value(e);
		}
	}
	return 0;
}

static bool has_func(const struct btf *btf, const char *name)
{
	return btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) >= 0;
}

int kernel_probe(struct kernel_caps *ret)
{
	__attribute__((cleanup(btf_freep))) struct btf *btf = NULL;

	btf = btf__load_vmlinux_btf();
	if (!btf)
		return log_error_errno(-errno, "Cannot read the kernel's BTF (it needs CONFIG_DEBUG_INFO_BTF=y): %m");

	*ret = (struct kernel_caps) {
		.select_cpu_and = has_func(btf, "scx_bpf_select_cpu_and") ||
				  has_func(btf, "__scx_bpf_select_cpu_and"),
		.ops_allow_queued_wakeup = enum_value(btf, "scx_ops_flags", "SCX_OPS_ALLOW_QUEUED_WAKEUP"),
		.ops_enq_last = enum_value(btf, "scx_ops_flags", "SCX_OPS_ENQ_LAST"),
	};
	return 0;
}
