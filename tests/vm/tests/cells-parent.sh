# --cell-parent-cgroup: every child of work (but --cell-exclude's) is a cell,
# given CPUs by demand: a busy child gets more CPUs than an idle one after a
# rebalance, and gives them back once it idles and the other works.
mkdir -p $CG/work/a $CG/work/b $CG/work/idle
start_attached --cell-parent-cgroup work --cell-exclude idle --rebalance-cpus-interval-s 0.5 \
	--monitor-interval-s 0.25
wait_for 2 log_has 'New cell 2: work/b, CPUs by demand' || fail "no cells for work's children"
log_has 'work/idle' && fail "the excluded child got a cell"

# busier ID OTHER: cell ID was last given more CPUs than cell OTHER.
busier() {
	[ "$(cpulist_count "$(logged_cell_cpus $1)")" -gt "$(cpulist_count "$(logged_cell_cpus $2)")" ]
}

spin_in work/a 60 3; a=$PID
wait_for 8 busier 1 2 || fail "busy cell a never got more CPUs than idle b: $(grep -E 'Rebalanced|Cells changed' $DAEMON_LOG | tail -n 2)"
echo "a busy: cell a has CPUs $(logged_cell_cpus 1), b $(logged_cell_cpus 2)"
sleep 0.5
sample_workers $a 20 /tmp/a
echo "a's threads: $(tr ' ' '\n' < /tmp/a | grep . | sort | uniq -c | tr -s ' \n' ' ')"
[ "$(distinct_cpus /tmp/a)" -ge 2 ] || fail "a's three threads stayed on one CPU"
for cpu in $(tr ' ' '\n' < /tmp/a | grep . | sort -u); do
	in_cpulist $cpu "$(logged_cell_cpus 1)" || fail "a ran on CPU $cpu, not one of its cell's ($(logged_cell_cpus 1))"
done

kill $a
wait $a
spin_in work/b 60 3; b=$PID
wait_for 8 busier 2 1 || fail "busy cell b never got more CPUs than idle a: $(grep -E 'Rebalanced|Cells changed' $DAEMON_LOG | tail -n 2)"
echo "b busy: cell a has CPUs $(logged_cell_cpus 1), b $(logged_cell_cpus 2)"
sleep 0.5
sample_workers $b 20 /tmp/b
[ "$(distinct_cpus /tmp/b)" -ge 2 ] || fail "b's three threads stayed on one CPU"
kill $b
wait $b
state_is enabled || fail "the scheduler did not survive"
stop_daemon

# A parent cgroup that does not exist: exit 2 in one line, nothing attached.
cellflashd --cell-parent-cgroup no-such-cgroup > /tmp/out 2>&1
rc=$?
[ $rc = 2 ] || fail "a missing --cell-parent-cgroup: exit $rc, not 2: $(cat /tmp/out)"
[ "$(wc -l < /tmp/out)" = 1 ] && grep -q -- '--cell-parent-cgroup: there is no cgroup /sys/fs/cgroup/no-such-cgroup' /tmp/out ||
	fail "a missing --cell-parent-cgroup: $(cat /tmp/out)"
state_is disabled || fail "sched_ext is $(scx_state) after the refused start"
