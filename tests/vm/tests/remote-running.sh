# The kernel runs ops.running()/ops.stopping() on another CPU when it changes
# a task that runs there (affinity, nice): put_prev/set_next_task under that
# CPU's run-queue lock. With --cpufreq the scheduler sets the performance
# level of the task's CPU then, which the kernel allows only for that CPU:
# using the calling CPU's ended the scheduler ("Invalid target CPU").
start_attached --cpufreq
spin 20 2 > /dev/null &
hog=$!
sleep 0.5
i=0
while [ $i -lt 300 ]; do
	for t in /proc/$hog/task/*; do
		taskset -p -c $((i % 4)),$(((i + 1) % 4)) ${t##*/} > /dev/null 2>&1
		renice -n $((i % 5)) -p ${t##*/} > /dev/null 2>&1
	done
	i=$((i + 1))
done
state_is enabled || fail "the scheduler stopped while running tasks were changed: $(grep -m1 'failed' $DAEMON_LOG)"
log_has 'The scheduler failed' && fail "the scheduler failed meanwhile: $(grep -m1 'failed' $DAEMON_LOG)"
kill $hog
wait $hog
stop_daemon
