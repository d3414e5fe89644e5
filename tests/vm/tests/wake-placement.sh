# qemu: -smp 2
# A woken task that finds no CPU idle waits on the run queue of the CPU
# that woke it (when it may run there), not on its previous CPU's: the
# wakeup then stays local. Two hogs keep both CPUs busy while handoff's
# waker, pinned to CPU 1, wakes a sleeper whose previous CPU is always 0.
# The kernel's sched_wakeup event names the run queue the sleeper was
# activated on (target_cpu): CPU 1, the waker's, nearly every time.
start_attached
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
TR=/sys/kernel/tracing
spin 30 2 > /dev/null &
hogs=$!
sleep 1
echo > $TR/trace
echo 1 > $TR/events/sched/sched_wakeup/enable
woken=$(handoff 300)
echo 0 > $TR/events/sched/sched_wakeup/enable
kill $hogs 2>/dev/null; wait $hogs 2>/dev/null
# "... sched_wakeup: comm=handoff-sleeper pid=N prio=P target_cpu=00T"
grep 'sched_wakeup: comm=handoff-sleeper ' $TR/trace | sed -n 's/.*target_cpu=0*\([0-9]*\)$/\1/p' > /tmp/targets
total=$(wc -l < /tmp/targets)
on_waker=$(grep -cx 1 /tmp/targets)
echo "the sleeper woke $woken times; $on_waker of $total traced wakeups queued on the waker's CPU 1"
[ "$total" -ge 250 ] || fail "only $total wakeups of the sleeper traced"
[ $((on_waker * 100)) -ge $((total * 90)) ] || fail "only $on_waker of $total wakeups queued on the waking CPU"
state_is enabled || fail "sched_ext is $(scx_state)"
stop_daemon
