# qemu: -smp 4,sockets=1,cores=2,threads=2
# SMT awareness: two tasks on the two threads of one core, while the other
# core idles, are moved apart (counted as moves); --disable-smt leaves them.
siblings_then_free() {	# two hogs on CPUs 0 and 1 (one core), then allowed anywhere
	taskset -c 0 spin 4 > /dev/null &
	a=$!
	taskset -c 1 spin 4 > /dev/null &
	b=$!
	sleep 0.5
	taskset -a -p -c 0-3 $a > /dev/null
	taskset -a -p -c 0-3 $b > /dev/null
	sleep 2
	cpus=$(cat /proc/$a/task/*/stat /proc/$b/task/*/stat | awk '$3 == "R" { print $39 }' | sort | tr '\n' ' ')
	wait $a $b
}
[ "$(cat /sys/devices/system/cpu/cpu0/topology/thread_siblings_list)" = 0-1 ] ||
	fail "the guest has no SMT siblings"

start_attached --stats 1
siblings_then_free
moved=$(stat_sum moved)
echo "SMT-aware: running on CPUs $cpus, $moved moves"
[ "$moved" -ge 1 ] || fail "nothing was moved off the busy core"
case "$cpus" in
	*[01]*[23]*) ;;
	*) fail "the two hogs still share a core: CPUs $cpus" ;;
esac
stop_daemon

start_attached --disable-smt --stats 1
siblings_then_free
echo "--disable-smt: running on CPUs $cpus, $(stat_sum moved) moves"
[ "$(stat_sum moved)" = 0 ] || fail "--disable-smt: tasks were moved for SMT"
stop_daemon
