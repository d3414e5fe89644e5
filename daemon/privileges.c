/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <linux/capability.h>
#include <sys/syscall.h>

#include "log.h"
#include "privileges.h"
#include "util.h"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

static bool has_cap(const struct __user_cap_data_struct *data, int cap)
{
	return data[cap / 32].effective & (1u << (cap % 32));
}

/*
 * Loading the scheduler takes CAP_BPF, and CAP_PERFMON for reading kernel
 * memory (the exit information); CAP_SYS_ADMIN implies both. Nothing else:
 * measured with a reduced bounding set in tests/vm/tests/privileges.sh.
 */
int check_privileges(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
	bool bpf, perfmon;

	if (syscall(SYS_capget, &hdr, data) < 0)
		return log_error_errno(-errno, "Cannot read this process's capabilities: %m");

	if (has_cap(data, CAP_SYS_ADMIN))
		return 0;
	bpf = has_cap(data, CAP_BPF);
	perfmon = has_cap(data, CAP_PERFMON);
	if (bpf && perfmon)
		return 0;
	return log_error_errno(-EPERM,
			       "Must run as root: attaching a scheduler needs CAP_BPF and CAP_PERFMON, "
			       "or CAP_SYS_ADMIN (missing: %s).",
			       !bpf && !perfmon ? "CAP_BPF, CAP_PERFMON" : bpf ? "CAP_PERFMON" : "CAP_BPF");
}
