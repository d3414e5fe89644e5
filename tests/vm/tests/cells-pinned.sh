# A task of cell 0 that may run only on a CPU of another cell still runs
# there (on that CPU's own queue, sharing it fairly), and every placement of
# it counts as an affinity violation.
enable_cpusets
start_attached --stats 1
mkdir $CG/b
echo 2-3 > $CG/b/cpuset.cpus
wait_for 2 log_has 'New cell 1: b' || fail "no cell for b"
spin_in b 30 2; b=$PID
taskset -c 2 spin 30 > /dev/null &
pinned=$!
sleep 1
t0=$(ticks $pinned)
up0=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
sleep 3
t1=$(ticks $pinned)
up1=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
echo "the pinned task ran $((t1 - t0)) of $((up1 - up0)) ticks on CPU 2"
# CPU 2 has it and one of b's hogs: about half each.
[ $(( (t1 - t0) * 100 )) -ge $(( (up1 - up0) * 30 )) ] || fail "the pinned task got less than 30% of its CPU"
worker_cpus $pinned | grep -qE '^2 $' || fail "the pinned task is not on CPU 2"
violations_counted() { [ "$(stat_sum 'affinity violations')" -gt 0 ]; }
wait_for 3 violations_counted || fail "no affinity violations counted"
[ "$(stat_sum 'cpu-queue')" -gt 0 ] || fail "no placements on a CPU's own queue counted"
grep 'cell 0:' $DAEMON_LOG | tail -n1
grep -qE 'cell 0: .*affinity violations [1-9]' $DAEMON_LOG || fail "cell 0's line shows no violations"
kill $b $pinned
wait $b $pinned
stop_daemon
