# --reconfiguration-interval-s: cgroups are rescanned that often besides on
# inotify events, so a cpuset written where no watch reaches (here, the
# watches ran out) still makes a cell within the interval.
echo 1 > /proc/sys/fs/inotify/max_user_watches
enable_cpusets
start_attached --reconfiguration-interval-s 0.5
mkdir -p $CG/outer/inner
echo +cpuset > $CG/outer/cgroup.subtree_control
wait_for 2 log_has 'Out of inotify watches' || fail "running out of watches was not reported"
echo 3 > $CG/outer/inner/cpuset.cpus
wait_for 2 log_has 'New cell 1: outer/inner' || fail "the rescan did not find the cell within 2 s"
[ "$(grep -c 'Out of inotify watches' $DAEMON_LOG)" = 1 ] || fail "the warning was repeated"
stop_daemon
