# CPU-bound and sleeping tasks run under the scheduler, in the ext class,
# and finish; the daemon's counters show both queued and direct dispatches.
start_attached --stats 1

spin 4 8 > /tmp/spin.out &
spin_pid=$!
wakeup 4 1000 > /tmp/wakeup.out &
wakeup_pid=$!
sleep 1
ext_task $spin_pid || fail "the CPU hog is not in the ext class: $(grep ext.enabled /proc/$spin_pid/sched)"
ext_task $wakeup_pid || fail "the sleeper is not in the ext class"
ext_task $$ || fail "the test shell is not in the ext class"

wait $spin_pid || fail "spin failed"
wait $wakeup_pid || fail "wakeup failed"
[ "$(wc -l < /tmp/spin.out)" = 8 ] || fail "spin reported $(wc -l < /tmp/spin.out) threads, not 8"
while read -r loops; do
	[ "$loops" -gt 0 ] || fail "a spin thread made no progress: $(cat /tmp/spin.out)"
done < /tmp/spin.out
read -r wakeups worst < /tmp/wakeup.out
[ "$wakeups" -gt 200 ] || fail "the sleeper woke only $wakeups times in 4 s (worst lateness ${worst} us)"

state_is enabled || fail "the scheduler did not survive the workload"
alive $DAEMON_PID || fail "cellflashd died"
wait_for 3 log_has 'running [0-9]*/4 CPUs, dispatches' || fail "no --stats line"
grep -q 'direct [1-9][0-9]* ' $DAEMON_LOG || fail "no direct dispatch counted"
grep -q 'shared [1-9][0-9]* ' $DAEMON_LOG || fail "no shared (queued) dispatch counted"
grep 'dispatches' $DAEMON_LOG | tail -n 3
stop_daemon
