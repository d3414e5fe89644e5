# kill -9: the kernel drops the scheduler with its process, systemd
# restarts the daemon (Restart=on-failure), the scheduler is back, and the
# new daemon restores the pm_qos values the killed one left set (the
# runtime directory survives the restart).
orig=$(pm_qos_values)
systemctl start $UNIT || fail "systemctl start failed"
attached
pid=$(main_pid)
seq=$(enable_seq)
[ "$(pm_qos_values)" = "32 32 32 32 " ] || fail "pm_qos was not set: $(pm_qos_values)"

kill -9 "$pid"
wait_for 30 eval '[ "$(prop NRestarts)" = 1 ] && prop_is ActiveState active' ||
	fail "systemd did not restart the daemon (NRestarts=$(prop NRestarts), $(prop ActiveState)/$(prop SubState))"
[ "$(main_pid)" != "$pid" ] || fail "the main PID did not change"
attached
[ "$(enable_seq)" -gt "$seq" ] || fail "the scheduler was not attached again (enable_seq $seq -> $(enable_seq))"
run_log_has 'Restored pm_qos_resume_latency_us of 4 CPUs left set by a cellflashd that did not exit cleanly' ||
	fail "the restarted daemon did not repair the killed one's pm_qos values"
test_log | grep -q 'Main process exited, code=killed, status=9/KILL' || fail "systemd did not see the kill"

systemctl stop $UNIT || fail "systemctl stop failed"
state_is disabled || fail "sched_ext is $(scx_state) after stop"
[ "$(pm_qos_values)" = "$orig" ] || fail "pm_qos not restored after stop: $(pm_qos_values), was $orig"
