/* SPDX-License-Identifier: GPL-2.0-only */
/* The BPF scheduler's arithmetic (bpf/deadline.h), compiled for the host. */
#include <linux/types.h>

#include "deadline.h"
#include "test.h"

TEST(weights)
{
	ASSERT_U64_EQ(task_weight(100, 100), 100);	/* nice 0, default cgroup */
	ASSERT_U64_EQ(task_weight(100, 200), 200);
	ASSERT_U64_EQ(task_weight(8668, 100), 8668);	/* nice -20 */
	ASSERT_U64_EQ(task_weight(1, 50), 1);		/* never 0 */
	ASSERT_U64_EQ(task_weight(10000, 10000), 1000000);
}

TEST(share_weight_splits_the_cgroup)
{
	uint64_t one = WEIGHT_DFL << WEIGHT_SHIFT;

	/* alone in a default cgroup: a nice-0 task weighs 100 */
	ASSERT_U64_EQ(task_share_weight(100, 100, 100), one);
	/* three nice-0 tasks split it; together they weigh what one alone does */
	ASSERT_U64_EQ(task_share_weight(100, 100, 300), one / 3);
	ASSERT_TRUE(3 * task_share_weight(100, 100, 300) <= one);
	ASSERT_TRUE(3 * task_share_weight(100, 100, 300) >= one - 3);
	/* nice splits within the cgroup: nice 0 (100) vs nice 5 (about 33) */
	ASSERT_U64_EQ(task_share_weight(100, 300, 133), (300ULL * 100 << WEIGHT_SHIFT) / 133);
	/* cpu.weight 200: twice as much in all */
	ASSERT_U64_EQ(task_share_weight(100, 200, 200), one);
	/* a stale count below its own weight counts it alone */
	ASSERT_U64_EQ(task_share_weight(100, 100, 0), one);
	ASSERT_U64_EQ(task_share_weight(100, 100, 50), one);
	/* a big cgroup keeps its fraction: 100 split 64 ways is 1.5625 */
	ASSERT_U64_EQ(task_share_weight(100, 100, 6400), (WEIGHT_DFL << WEIGHT_SHIFT) / 64);
	ASSERT_U64_EQ(share_weight_units(task_share_weight(100, 100, 6400)), 1);
	/* never 0 */
	ASSERT_TRUE(task_share_weight(1, 1, 1000000) >= 1);
	/* charges follow the share: a third of the weight, three times the vtime */
	ASSERT_U64_EQ(vtime_charge_share(1000, one), 1000);
	ASSERT_U64_EQ(vtime_charge_share(1000, one / 2), 2000);
	ASSERT_U64_EQ(vtime_charge_share(1000, 3 * one), 333);
	/* a run of a week at the default share does not overflow */
	ASSERT_U64_EQ(vtime_charge_share(UINT64_C(604800) * 1000000000, one), UINT64_C(604800) * 1000000000);
	ASSERT_U64_EQ(vtime_charge_share(UINT64_C(604800) * 1000000000, one * 2), UINT64_C(302400) * 1000000000);
}

TEST(slice_scales_with_weight_within_bounds)
{
	uint64_t base = 700 * NSEC_PER_USEC;

	ASSERT_U64_EQ(task_slice_ns(base, 100), base);
	ASSERT_U64_EQ(task_slice_ns(base, 200), 2 * base);
	ASSERT_U64_EQ(task_slice_ns(base, 1), base / 8);	/* nice 19 */
	ASSERT_U64_EQ(task_slice_ns(base, 8668), 8 * base);	/* nice -20 */
	/* a tiny base never goes below SLICE_MIN_NS */
	ASSERT_U64_EQ(task_slice_ns(20 * NSEC_PER_USEC, 1), SLICE_MIN_NS);
	for (uint64_t w = 1; w <= 10000; w += 37) {
		uint64_t s = task_slice_ns(base, w);

		if (s < base / 8 || s > base * 8)
			FAIL_AT("weight %llu: slice %llu out of bounds", (unsigned long long)w,
				(unsigned long long)s);
		if (w > 1 && s < task_slice_ns(base, w - 37))
			FAIL_AT("slice not monotonic in weight at %llu", (unsigned long long)w);
	}
}

TEST(vtime_charge_inverse_to_weight)
{
	ASSERT_U64_EQ(vtime_charge(1000000, 100), 1000000);
	ASSERT_U64_EQ(vtime_charge(1000000, 200), 500000);
	ASSERT_U64_EQ(vtime_charge(1000000, 50), 2000000);
	/* two tasks at 1:2 weight reach equal vtime at 1:2 CPU time */
	ASSERT_U64_EQ(vtime_charge(3000, 100), vtime_charge(6000, 200));
}

TEST(wakeup_frequency)
{
	uint64_t f = 0;

	/* waking every 1 ms is 100 per 100 ms: capped at the maximum */
	for (int i = 0; i < 50; i++)
		f = wakeup_freq_update(f, NSEC_PER_MSEC);
	ASSERT_TRUE(f >= WAKEUP_FREQ_MAX - 4 && f <= WAKEUP_FREQ_MAX);
	/* waking every 10 ms: converges to 10 */
	for (int i = 0; i < 60; i++)
		f = wakeup_freq_update(f, 10 * NSEC_PER_MSEC);
	ASSERT_TRUE(f >= 9 && f <= 12);
	/* rare wakeups decay it towards 0 */
	for (int i = 0; i < 60; i++)
		f = wakeup_freq_update(f, 10000 * NSEC_PER_MSEC);
	ASSERT_TRUE(f <= 3);
	/* a zero delta does not divide by zero */
	ASSERT_TRUE(wakeup_freq_update(0, 0) <= WAKEUP_FREQ_MAX);
}

TEST(deadline_caps_sleep_credit)
{
	uint64_t now = 1000 * NSEC_PER_MSEC, lag = 20 * NSEC_PER_MSEC;

	/* a task that ran recently keeps its own vtime */
	ASSERT_U64_EQ(task_deadline(now - NSEC_PER_MSEC, now, lag, 1, 100), now - NSEC_PER_MSEC);
	ASSERT_U64_EQ(task_deadline(now + 5, now, lag, 1, 100), now + 5);
	/* a long sleeper comes back at most one lag behind */
	ASSERT_U64_EQ(task_deadline(0, now, lag, 1, 100), now - lag);
	ASSERT_U64_EQ(task_deadline(0, now, lag, 0, 100), now - lag);
	/* frequent wakers earn proportionally more credit */
	ASSERT_U64_EQ(task_deadline(0, now, lag, 10, 100), now - 10 * lag);
	/* heavier tasks earn more credit */
	ASSERT_U64_EQ(task_deadline(0, now, lag, 1, 200), now - 2 * lag);
	/* credit larger than the whole vtime clamps at 0 instead of wrapping */
	ASSERT_U64_EQ(task_deadline(0, lag, lag, 10, 100), 0);
}

TEST(deadline_orders_interactive_before_hogs)
{
	uint64_t now = 5000 * NSEC_PER_MSEC, lag = 20 * NSEC_PER_MSEC;
	/* both asleep for long: same vtime far behind */
	uint64_t interactive = task_deadline(0, now, lag, 50, 100);
	uint64_t hog = task_deadline(0, now, lag, 1, 100);

	ASSERT_TRUE(time_before(interactive, hog));
}

TEST(time_before_wraps)
{
	ASSERT_TRUE(time_before(1, 2));
	ASSERT_FALSE(time_before(2, 1));
	ASSERT_FALSE(time_before(2, 2));
	ASSERT_TRUE(time_before(UINT64_MAX - 1, 1));	/* across the wrap */
}

TEST(ewma)
{
	ASSERT_U64_EQ(ewma(0, 400), 100);
	ASSERT_U64_EQ(ewma(400, 400), 400);
	ASSERT_U64_EQ(ewma(400, 0), 300);
}

TEST(wakeup_storms)
{
	ASSERT_FALSE(is_wakeup_storm(0));		/* never ran: no verdict */
	ASSERT_TRUE(is_wakeup_storm(3 * NSEC_PER_USEC));
	ASSERT_TRUE(is_wakeup_storm(WAKEUP_STORM_NS - 1));
	ASSERT_FALSE(is_wakeup_storm(WAKEUP_STORM_NS));
	ASSERT_FALSE(is_wakeup_storm(700 * NSEC_PER_USEC));
}
