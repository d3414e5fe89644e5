# SIGINT detaches and exits 0, like SIGTERM.
start_attached
kill -INT $DAEMON_PID
wait $DAEMON_PID
rc=$?
[ $rc = 0 ] || fail "cellflashd exited $rc after SIGINT"
state_is disabled || fail "sched_ext is $(scx_state) after SIGINT"
log_has 'Received Interrupt' || fail "SIGINT not logged"
