# tools/demo's guest side: attach cellflash, run a mixed workload, and show
# what the scheduler did.
say() { printf '\n== %s\n' "$*"; }

say "Kernel $(uname -r), $(nproc) CPUs; sched_ext state: $(scx_state)"
say "Starting cellflashd --stats 1"
start_attached --stats 1
echo "state: $(scx_state), scheduler: $(scx_ops), enable_seq: $(enable_seq)"

say "Workload: 8 CPU hogs and a task waking every millisecond, for 6 s"
spin 6 8 > /tmp/spin.out &
spin_pid=$!
wakeup 6 1000 > /tmp/wakeup.out &
wakeup_pid=$!
sleep 1
echo "hog $spin_pid: $(grep ext.enabled /proc/$spin_pid/sched | tr -s ' ')"
wait $spin_pid $wakeup_pid
read -r wakeups worst < /tmp/wakeup.out
echo "the sleeper woke $wakeups times; its worst lateness was ${worst} us"
echo "hog loops per thread: $(tr '\n' ' ' < /tmp/spin.out)"

say "cellflashd's counters, one line per second"
grep 'dispatches' "$DAEMON_LOG"

say "The kernel's sched_ext events (/sys/kernel/sched_ext/root/events)"
cat $SCX/root/events

say "Stopping cellflashd (SIGTERM)"
stop_daemon
echo "state: $(scx_state)"
cat "$DAEMON_LOG" | grep -v dispatches
