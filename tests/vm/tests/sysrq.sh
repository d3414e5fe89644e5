# SysRq-S ejects the scheduler: the daemon says so and stays out, running.
start_attached
echo S > /proc/sysrq-trigger
wait_for 10 log_has 'staying detached' || fail "the ejection was not reported"
log_has 'SysRq-S' || fail "the log does not name SysRq-S"
wait_for 5 notified 'STATUS=Detached: disabled by sysrq-S' || fail "no STATUS= for the ejection"
sleep 3
state_is disabled || fail "sched_ext is $(scx_state): the daemon fought the operator"
[ "$(grep -c 'Attached the cellflash' $DAEMON_LOG)" = 1 ] || fail "the daemon re-attached"
alive $DAEMON_PID || fail "cellflashd exited instead of staying up"
stop_daemon
