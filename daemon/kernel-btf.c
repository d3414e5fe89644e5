/* SPDX-License-Identifier: GPL-2.0-only */
#include <bpf/btf.h>
#include <errno.h>
#include <string.h>

#include "kernel-btf.h"
#include "log.h"

/* The kernel's BTF does not change while we run: parse it once. */
static struct btf *vmlinux_btf;

int kernel_btf_load(void)
{
	if (vmlinux_btf)
		return 0;
	vmlinux_btf = btf__load_vmlinux_btf();
	if (!vmlinux_btf)
		return log_error_errno(-errno, "Cannot load the kernel's BTF (CONFIG_DEBUG_INFO_BTF): %m");
	return 0;
}

int kernel_enum_value(const char *enum_name, const char *name, uint64_t *ret)
{
	const struct btf_type *t;
	int id, r;

	r = kernel_btf_load();
	if (r < 0)
		return r;
	id = btf__find_by_name_kind(vmlinux_btf, enum_name, BTF_KIND_ENUM);
	if (id < 0)
		id = btf__find_by_name_kind(vmlinux_btf, enum_name, BTF_KIND_ENUM64);
	if (id < 0)
		return -ENOENT;
	t = btf__type_by_id(vmlinux_btf, id);
	for (unsigned i = 0; i < btf_vlen(t); i++) {
		if (btf_is_enum(t)) {
			const struct btf_enum *e = btf_enum(t) + i;

			if (strcmp(btf__name_by_offset(vmlinux_btf, e->name_off), name) == 0) {
				*ret = (uint32_t)e->val;
				return 0;
			}
		} else {
			const struct btf_enum64 *e = btf_enum64(t) + i;

			if (strcmp(btf__name_by_offset(vmlinux_btf, e->name_off), name) == 0) {
				*ret = btf_enum64_value(e);
				return 0;
			}
		}
	}
	return -ENOENT;
}

bool kernel_has_func(const char *name)
{
	return kernel_btf_load() == 0 &&
	       btf__find_by_name_kind(vmlinux_btf, name, BTF_KIND_FUNC) >= 0;
}
