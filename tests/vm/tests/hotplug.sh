# A CPU going offline and online makes the kernel restart the scheduler;
# the daemon re-attaches by itself each time, with the current CPUs.
start_attached
seq=$(enable_seq)

echo 0 > /sys/devices/system/cpu/cpu3/online || fail "cannot offline CPU 3"
wait_for 20 log_has 'Attached the cellflash scheduler on 3 CPUs' || fail "no re-attach after CPU 3 went offline"
log_has 'The kernel asked for a restart: cpu 3 going offline' || fail "the restart request was not logged"
state_is enabled || fail "sched_ext is $(scx_state) after the offline re-attach"
[ "$(enable_seq)" -gt "$seq" ] || fail "enable_seq did not move: no real re-attach"

echo 1 > /sys/devices/system/cpu/cpu3/online || fail "cannot online CPU 3"
wait_for 20 sh -c "[ \$(grep -c 'Attached the cellflash scheduler on 4 CPUs' $DAEMON_LOG) -ge 2 ]" ||
	fail "no re-attach after CPU 3 came back"
state_is enabled || fail "sched_ext is $(scx_state) after the online re-attach"
[ "$(scx_ops)" = cellflash ] || fail "root/ops is '$(scx_ops)'"
alive $DAEMON_PID || fail "cellflashd died"
stop_daemon
