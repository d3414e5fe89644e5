# cellflashd attaches the scheduler, says so to the service manager, keeps
# its watchdog fed, and detaches on SIGTERM; without a system bus it says so
# once and schedules all the same.
state_is disabled || fail "sched_ext is $(scx_state) before the test"
seq0=$(enable_seq)

WATCHDOG_USEC=1000000 start_attached
[ "$(enable_seq)" -gt "$seq0" ] || fail "enable_seq did not move"
notified 'STATUS=Scheduler attached on 4 CPUs' || fail "no STATUS= with the CPU count"
log_has 'Attached the cellflash scheduler on 4 CPUs' || fail "no attach log line"
[ "$(grep -c 'running without the D-Bus interface' $DAEMON_LOG)" = 1 ] || fail "no single warning about the missing bus"
wait_for 5 notified WATCHDOG=1 || fail "no WATCHDOG=1 ping with WATCHDOG_USEC set"

stop_daemon
wait_for 5 notified STOPPING=1 || fail "no STOPPING=1"
log_has 'Received Terminated' || fail "SIGTERM not logged"
