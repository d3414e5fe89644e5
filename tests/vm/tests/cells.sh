# Cgroups whose cpuset.cpus take part of the CPUs become cells: their hogs
# run on their CPUs, and the hogs of everything else (cell 0) never do.
# Deleting a cell's cgroup gives its CPU back within a second, and so does a
# cpuset edit move a cell. The test itself runs in a cell of its own on
# CPU 0, so that sampling does not wait behind the hogs.
start_attached --stats 1
enable_cpusets
mkdir $CG/tester $CG/a $CG/b
echo 0 > $CG/tester/cpuset.cpus
echo $$ > $CG/tester/cgroup.procs
echo 1 > $CG/a/cpuset.cpus
echo 2 > $CG/b/cpuset.cpus
# Ids go in the order the scan meets the cgroups.
wait_for 2 log_has 'New cell [0-9]: b, confined to CPUs 2' || fail "no cell for b"
log_has 'New cell [0-9]: a, confined to CPUs 1' || fail "no cell for a"
log_has 'New cell [0-9]: tester, confined to CPUs 0' || fail "no cell for tester"

spin_in a 40; a=$PID
spin_in b 40; b=$PID
spin_in . 40 2; rest=$PID
sleep 1
sample_workers $a 20 /tmp/a
sample_workers $b 20 /tmp/b
sample_workers $rest 30 /tmp/rest
echo "cell a: $(sort /tmp/a | uniq -c | tr -s ' \n' ' ')"
echo "cell b: $(sort /tmp/b | uniq -c | tr -s ' \n' ' ')"
echo "cell 0: $(tr ' ' '\n' < /tmp/rest | grep . | sort | uniq -c | tr -s ' \n' ' ')"
[ "$(grep -cE '^1 $' /tmp/a)" = 20 ] || fail "a's hog left CPU 1"
[ "$(grep -cE '^2 $' /tmp/b)" = 20 ] || fail "b's hog left CPU 2"
for cpu in 0 1 2; do
	seen_on /tmp/rest $cpu && fail "a cell 0 hog ran on CPU $cpu, another cell's"
done
seen_on /tmp/rest 3 || fail "cell 0's hogs did not run on its CPU 3"
wait_for 3 grep -q 'cell [1-3]: 1 CPUs, placements' $DAEMON_LOG || fail "no per-cell --stats line"

rest_on() { worker_cpus $rest | grep -qE "(^| )$1 "; }

# Deleting a: its CPU goes back to cell 0.
kill $a
wait $a
rmdir $CG/a || fail "cannot remove cgroup a"
ms=$(within_ms 1000 rest_on 1) || fail "cell 0 did not get CPU 1 within 1 s of rmdir ($ms ms)"
echo "CPU 1 in cell 0 after $ms ms"
log_has 'Cell [0-9] (a) is gone' || fail "the removal was not logged"

# Editing b's cpuset moves its cell from CPU 2 to CPU 3.
echo 3 > $CG/b/cpuset.cpus
ms=$(within_ms 1000 rest_on 2) || fail "cell 0 did not get CPU 2 within 1 s of the cpuset edit ($ms ms)"
echo "CPU 2 in cell 0 after $ms ms"
sleep 0.3
sample_workers $rest 20 /tmp/rest
sample_workers $b 10 /tmp/b
seen_on /tmp/rest 3 && fail "a cell 0 hog ran on CPU 3, b's now"
[ "$(grep -cE '^3 $' /tmp/b)" = 10 ] || fail "b's hog is not on CPU 3"

kill $b $rest
wait $b $rest
state_is enabled || fail "the scheduler did not survive"
stop_daemon
