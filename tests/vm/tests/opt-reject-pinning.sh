# --reject-multicpu-pinning: a task of a cell allowed on some of its CPUs but
# not all stops the scheduler, with a message naming the option; without
# the option it just runs. Pinning to a single CPU is always allowed.
enable_cpusets
mkdir $CG/c
echo 1-3 > $CG/c/cpuset.cpus
in_c() { sh -c "echo \$\$ > $CG/c/cgroup.procs && exec taskset -c $1 spin $2" > /dev/null & }

start_attached --reconfiguration-interval-s 0.3
wait_for 2 log_has 'New cell 1: c' || fail "no cell for c"
in_c 1-2 3; partial=$!
in_c 3 3; single=$!
wait $partial $single
state_is enabled || fail "without the option, partial pinning stopped the scheduler"
stop_daemon

start_attached --reject-multicpu-pinning --reconfiguration-interval-s 0.3
wait_for 2 log_has 'New cell 1: c' || fail "no cell for c"
in_c 3 2; single=$!
wait $single
log_has 'The scheduler failed' && fail "pinning to one CPU stopped the scheduler"
in_c 1-2 5; partial=$!
wait_for 4 log_has 'do not cover its cell 1 (--reject-multicpu-pinning)' ||
	fail "partial pinning did not stop the scheduler"
grep 'reject-multicpu-pinning' $DAEMON_LOG | head -n1
kill $partial
kill -TERM $DAEMON_PID
wait $DAEMON_PID
