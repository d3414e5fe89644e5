/* SPDX-License-Identifier: GPL-2.0-only */
#include "libbpf-log.h"
#include "test.h"

/* As libbpf prints a rejection on 7.3 (abridged). */
static const char log_7_3[] =
	"libbpf: loaded kernel BTF from '/sys/kernel/btf/vmlinux'\n"
	"libbpf: prog 'cellflash_dispatch': BPF program load failed: Permission denied\n"
	"libbpf: prog 'cellflash_dispatch': -- BEGIN PROG LOAD LOG --\n"
	"0: R1=ctx() R10=fp0\n"
	"; void BPF_STRUCT_OPS(cellflash_dispatch, s32 cpu, struct task_struct *prev) @ cellflash.bpf.c:121\n"
	"0: (79) r7 = *(u64 *)(r1 +0)          ; R1=ctx() R7=scalar()\n"
	"134: (85) call bpf_get_prandom_u32#7          ; R0=scalar()\n"
	"135: (bc) w1 = w0                     ; R0=scalar()\n"
	"136: (79) r9 = *(u64 *)(r1 +0)\n"
	"R1 invalid mem access 'scalar'\n"
	"\n"
	"Verification failed: Register Type Safety: Invalid dereference\n"
	"\n"
	"Reason:\n"
	"  R1 is an integer scalar here, not a pointer to memory.\n"
	"Instruction context:\n"
	"    134 | (85) call bpf_get_prandom_u32#7\n"
	"    135 | (bc) w1 = w0\n"
	">>> 136 | (79) r9 = *(u64 *)(r1 +0)\n"
	"processed 60 insns (limit 1000000) max_states_per_insn 0 total_states 5\n"
	"-- END PROG LOAD LOG --\n"
	"libbpf: prog 'cellflash_dispatch': failed to load: -13\n";

/* Older kernels: the error is the line after the last instruction. */
static const char log_old[] =
	"libbpf: prog 'cellflash_enqueue': -- BEGIN PROG LOAD LOG --\n"
	"10: (85) call scx_bpf_now#1234\n"
	"11: (bf) r1 = r0\n"
	"12: (79) r2 = *(u64 *)(r1 +0)\n"
	"R1 invalid mem access 'scalar'\n"
	"processed 12 insns (limit 1000000)\n"
	"-- END PROG LOAD LOG --\n";

TEST(excerpt_7_3)
{
	char buf[4096], prog[64];
	int n = verifier_log_excerpt(log_7_3, 24, buf, sizeof(buf), prog, sizeof(prog));

	ASSERT_TRUE(n > 4);
	ASSERT_STREQ(prog, "cellflash_dispatch");
	/* starts two instructions before the failing one */
	ASSERT_TRUE(strncmp(buf, "134: (85) call bpf_get_prandom_u32", 34) == 0);
	ASSERT_CONTAINS(buf, "R1 invalid mem access 'scalar'");
	ASSERT_CONTAINS(buf, "Verification failed: Register Type Safety");
	ASSERT_FALSE(strstr(buf, "END PROG LOAD LOG"));
	ASSERT_FALSE(strstr(buf, "0: R1=ctx()"));
}

TEST(excerpt_old_kernel)
{
	char buf[4096], prog[64];

	ASSERT_EQ(verifier_log_excerpt(log_old, 24, buf, sizeof(buf), prog, sizeof(prog)), 5);
	ASSERT_STREQ(prog, "cellflash_enqueue");
	ASSERT_STREQ(buf, "10: (85) call scx_bpf_now#1234\n11: (bf) r1 = r0\n12: (79) r2 = *(u64 *)(r1 +0)\n"
			  "R1 invalid mem access 'scalar'\nprocessed 12 insns (limit 1000000)");
}

TEST(excerpt_limits)
{
	char buf[4096], small[40], prog[64];

	ASSERT_EQ(verifier_log_excerpt(log_7_3, 2, buf, sizeof(buf), prog, sizeof(prog)), 2);
	ASSERT_TRUE(verifier_log_excerpt(log_7_3, 24, small, sizeof(small), prog, sizeof(prog)) >= 0);
	ASSERT_TRUE(strlen(small) < sizeof(small));
}

TEST(no_verifier_log)
{
	char buf[256], prog[64];

	ASSERT_EQ(verifier_log_excerpt("libbpf: failed to find BTF for extern 'scx_bpf_now'\n", 24,
				       buf, sizeof(buf), prog, sizeof(prog)), 0);
	ASSERT_EQ(verifier_log_excerpt("", 24, buf, sizeof(buf), prog, sizeof(prog)), 0);
}

TEST(log_without_instructions)
{
	char buf[256], prog[64];
	const char *text = "libbpf: prog 'x': -- BEGIN PROG LOAD LOG --\nline a\nline b\nline c\n"
			   "-- END PROG LOAD LOG --\n";

	ASSERT_EQ(verifier_log_excerpt(text, 2, buf, sizeof(buf), prog, sizeof(prog)), 2);
	ASSERT_STREQ(buf, "line b\nline c");
	ASSERT_STREQ(prog, "x");
}
