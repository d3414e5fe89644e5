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
	sleep 1.5
	# Both hogs' running threads, sampled: "0 3 " is one sample.
	taskset -c 2 sh -c "for i in \$(seq 10); do cat /proc/$a/task/*/stat /proc/$b/task/*/stat |
		awk '\$3 == \"R\" { printf \"%s \", \$39 } END { print \"\" }'; sleep 0.1; done" > /tmp/cpus
	wait $a $b
}
# Samples in which the two hogs ran on different cores (CPUs 0-1, 2-3).
apart() { grep -cE '^([01] [23]|[23] [01]) $' /tmp/cpus; }
[ "$(cat /sys/devices/system/cpu/cpu0/topology/thread_siblings_list)" = 0-1 ] ||
	fail "the guest has no SMT siblings"

start_attached --stats 1
siblings_then_free
moved=$(stat_sum moved)
echo "SMT-aware: $(apart) of 10 samples on different cores, $moved moves"
cat /tmp/cpus
[ "$moved" -ge 1 ] || fail "nothing was moved off the busy core"
[ "$(apart)" -ge 7 ] || fail "the two hogs kept sharing a core"
stop_daemon

start_attached --disable-smt --stats 1
siblings_then_free
echo "--disable-smt: $(apart) of 10 samples on different cores, $(stat_sum moved) moves"
[ "$(stat_sum moved)" = 0 ] || fail "--disable-smt: tasks were moved for SMT"
stop_daemon
