# Wakeup preemption. In a cell of its own (CPUs 2-3, so that the guest's
# other wakeups find idle CPUs in cell 0 and preempt nothing here), hogs
# whose slices end at the tick do not kick each other; a task that sleeps
# between short bursts, woken while the hogs fill the cell, does kick a
# hog's CPU instead of waiting for the tick. So does one pinned to a CPU
# (its wakeups queue on that CPU's own queue, not the cell's).
start_attached --stats 1
enable_cpusets
mkdir $CG/fg
echo 2-3 > $CG/fg/cpuset.cpus
wait_for 2 log_has 'New cell [0-9]: fg, confined to CPUs 2-3' || fail "no cell for fg"

# preemptions_during CMD...: the preemptions counted while CMD runs (the
# --stats lines of the seconds around it).
preemptions_during() {
	local before
	sleep 1.1
	before=$(stat_sum "preempted")
	"$@" > /dev/null
	sleep 1.1
	echo $(( $(stat_sum "preempted") - before ))
}
# with_hogs CPUS: 4 hogs on CPUS beside a task waking every 5 ms for 3 s.
with_hogs() {
	taskset -c "$1" spin 4 4 > /dev/null &
	sleep 0.5
	taskset -c "$1" wakeup 3 5000 > /tmp/wakeups
	wait
}

echo $$ > $CG/fg/cgroup.procs
hogs_only=$(preemptions_during spin 3 4)
echo "hogs alone in the cell: $hogs_only preemptions"
[ "$hogs_only" -lt 10 ] || fail "hogs alone caused $hogs_only preemptions"

cell=$(preemptions_during with_hogs 2-3)
read -r wakeups worst_us < /tmp/wakeups
echo "in the cell: $cell preemptions for $wakeups wakeups (worst lateness ${worst_us} us)"
[ "$wakeups" -gt 100 ] || fail "only $wakeups wakeups in 3 s"
[ "$cell" -ge $((wakeups / 2)) ] || fail "$wakeups wakeups beside hogs preempted only $cell times"

echo $$ > $CG/cgroup.procs
pinned=$(preemptions_during with_hogs 1)
read -r wakeups worst_us < /tmp/wakeups
echo "pinned to CPU 1: $pinned preemptions for $wakeups wakeups (worst lateness ${worst_us} us)"
[ "$pinned" -ge $((wakeups / 2)) ] || fail "$wakeups pinned wakeups beside hogs preempted only $pinned times"
state_is enabled || fail "sched_ext is $(scx_state)"
stop_daemon
