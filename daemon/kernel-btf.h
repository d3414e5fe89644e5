/* SPDX-License-Identifier: GPL-2.0-only */
/* Questions about the running kernel, answered from its BTF. */
#ifndef CELLFLASH_KERNEL_BTF_H
#define CELLFLASH_KERNEL_BTF_H

#include <stdbool.h>
#include <stdint.h>

/* Value of enumerator @name of enum @enum_name; -ENOENT if the kernel lacks it. */
int kernel_enum_value(const char *enum_name, const char *name, uint64_t *ret);
/* Does the kernel have the kfunc (or any function) @name? */
bool kernel_has_func(const char *name);
/* Loads the kernel's BTF once; -errno if it has none. */
int kernel_btf_load(void);

#endif
