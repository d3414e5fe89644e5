# 200 times over: a cgroup with a cpuset appears (a cell), a hog moves in and
# back out, the cgroup goes - while hogs keep every CPU busy. The scheduler
# never exits, and every hog thread keeps getting CPU time.
enable_cpusets
start_attached --stats 1
mkdir $CG/base
spin 300 4 > /dev/null &
rest=$!
spin_in base 300 2; base=$PID
spin_in base 300 1; mover=$PID
sleep 1

thread_ticks() {
	for t in /proc/$1/task/*; do
		[ "${t##*/}" = "$1" ] || awk '{ printf "%d ", $14 + $15 }' "$t/stat"
	done
}
before="$(thread_ticks $rest)$(thread_ticks $base)$(thread_ticks $mover)"
t0=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)

i=0
while [ $i -lt 200 ]; do
	d=$CG/churn$((i % 5))
	mkdir $d || fail "cycle $i: mkdir $d"
	echo $((i % 3 + 1)) > $d/cpuset.cpus || fail "cycle $i: cpuset.cpus"
	echo $mover > $d/cgroup.procs || fail "cycle $i: moving in"
	[ $((i % 7)) = 0 ] && sleep 0.05	# now and then, let the daemon see the cell
	echo $mover > $CG/base/cgroup.procs || fail "cycle $i: moving out"
	rmdir $d || fail "cycle $i: rmdir"
	state_is enabled || fail "the scheduler stopped at cycle $i"
	i=$((i + 1))
done
t1=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
sleep 1
after="$(thread_ticks $rest)$(thread_ticks $base)$(thread_ticks $mover)"
echo "200 cycles in $((t1 - t0)) ticks; thread ticks [$before] -> [$after]"
log_has 'New cell' || fail "the daemon never saw a cell come"
log_has 'is gone' || fail "the daemon never saw a cell go"

# 7 hog threads on 4 CPUs: a fair share is 4/7 of the time; none below a fifth of it.
set -- $before
for a in $after; do
	[ $(( (a - $1) * 7 * 5 )) -ge $(( (t1 - t0 + 100) * 4 )) ] ||
		fail "a hog thread starved: $(( a - $1 )) ticks in $((t1 - t0 + 100))"
	shift
done
kill $rest $base $mover
wait $rest $base $mover
stop_daemon
