/* SPDX-License-Identifier: GPL-2.0-only */
#include "exit-info.h"
#include "test.h"

TEST(kind_names)
{
	ASSERT_STREQ(exit_kind_to_string(EXIT_KIND_SYSRQ), "SysRq-S");
	ASSERT_STREQ(exit_kind_to_string(EXIT_KIND_ERROR_BPF), "BPF error");
	ASSERT_STREQ(exit_kind_to_string(EXIT_KIND_ERROR_STALL), "stall");
	ASSERT_STREQ(exit_kind_to_string(EXIT_KIND_UNREG), "unregistered");
	ASSERT_STREQ(exit_kind_to_string(EXIT_KIND_UNREG_KERN), "unregistered by the kernel");
	/* kinds added by later kernels still classify by range */
	ASSERT_STREQ(exit_kind_to_string(1027), "error");
	ASSERT_STREQ(exit_kind_to_string(68), "unregistered");
	ASSERT_TRUE(exit_kind_is_error(1027));
	ASSERT_FALSE(exit_kind_is_error(EXIT_KIND_SYSRQ));
}

TEST(actions)
{
	/* CPU hotplug: UNREG_KERN with ACT_RESTART | RSN_HOTPLUG */
	ASSERT_EQ(exit_action_of(EXIT_KIND_UNREG_KERN, 0x0001000100000000LL), EXIT_ACTION_RESTART);
	ASSERT_EQ(exit_action_of(EXIT_KIND_SYSRQ, 0), EXIT_ACTION_STAY_DETACHED);
	ASSERT_EQ(exit_action_of(EXIT_KIND_UNREG, 0), EXIT_ACTION_STAY_DETACHED);
	ASSERT_EQ(exit_action_of(EXIT_KIND_ERROR_BPF, 0), EXIT_ACTION_BACKOFF);
	ASSERT_EQ(exit_action_of(EXIT_KIND_ERROR_STALL, 0), EXIT_ACTION_BACKOFF);
	ASSERT_EQ(exit_action_of(EXIT_KIND_UNREG_BPF, 7), EXIT_ACTION_BACKOFF);
	/* an unregister the kernel did not ask to restart from is not an operator's */
	ASSERT_EQ(exit_action_of(EXIT_KIND_UNREG_KERN, 2LL << 32), EXIT_ACTION_BACKOFF);
}

TEST(backoff_doubles_then_gives_up)
{
	struct restart_policy p = {};
	static const uint64_t want[] = { 500000, 1000000, 2000000, 4000000, 8000000 };

	for (unsigned i = 0; i < 5; i++)
		ASSERT_U64_EQ(restart_policy_failed(&p, 1000), want[i]);
	ASSERT_U64_EQ(restart_policy_failed(&p, 1000), 0);
}

TEST(backoff_is_bounded)
{
	uint64_t d = 0;

	for (unsigned failures = 1; failures <= RESTART_MAX_RETRIES; failures++) {
		struct restart_policy q = { .failures = failures - 1 };

		d = restart_policy_failed(&q, 0);
		ASSERT_TRUE(d >= RESTART_BACKOFF_MIN_USEC && d <= RESTART_BACKOFF_MAX_USEC);
	}
	ASSERT_TRUE(d > 0);
}

TEST(backoff_resets_after_stable_run)
{
	struct restart_policy p = {};

	for (unsigned i = 0; i < 4; i++)
		restart_policy_failed(&p, 1000);
	/* ran a minute before failing again: starts over */
	ASSERT_U64_EQ(restart_policy_failed(&p, RESTART_STABLE_USEC), RESTART_BACKOFF_MIN_USEC);
	ASSERT_EQ(p.failures, 1);
}
