# systemctl start returns once the scheduler is attached (Type=notify,
# READY=1), under the unit's full hardening: the pm_qos values are written,
# the bus name is owned, the runtime directory holds the lock. systemctl
# stop detaches it cleanly and restores what it changed.
orig=$(pm_qos_values)
state_is disabled || fail "sched_ext is $(scx_state) before the start"

systemctl start $UNIT || fail "systemctl start failed"
# No waiting: the start job ends only after READY=1.
attached
prop_is SubState running || fail "SubState is $(prop SubState)"
prop_is Type notify || fail "Type is $(prop Type)"
prop_is StatusText "Scheduler attached on 4 CPUs" || fail "STATUS= is '$(prop StatusText)'"
run_log_has 'Attached the cellflash scheduler on 4 CPUs' || fail "the attach was not logged"

# What the hardening must leave possible.
[ "$(pm_qos_values)" = "32 32 32 32 " ] || fail "--idle-resume-us 32 was not written: $(pm_qos_values)"
[ -e /run/cellflash/lock ] || fail "no lock in /run/cellflash"
[ -e /run/cellflash/pm-qos-saved ] || fail "the original pm_qos values were not recorded in /run/cellflash"
wait_for 5 busctl status $BUS_NAME || fail "$BUS_NAME is not on the bus"
[ "$(get State)" = 's "attached"' ] || fail "State is $(get State)"
[ "$(busctl status --no-pager $BUS_NAME | sed -n 's/^PID=//p')" = "$(main_pid)" ] ||
	fail "the bus name is not owned by the main process"
cellflashctl status > /tmp/ctl.out || fail "cellflashctl status failed: $(cat /tmp/ctl.out)"
# Nothing the daemon does is refused by the sandbox.
run_log_has 'Permission denied\|Operation not permitted\|Read-only file system' &&
	fail "the sandbox refused something: $(run_log | grep 'Permission denied\|Operation not permitted\|Read-only')"

systemctl stop $UNIT || fail "systemctl stop failed"
prop_is ActiveState inactive || fail "$UNIT is $(prop ActiveState) after stop"
prop_is Result success || fail "Result is $(prop Result) after stop"
prop_is ExecMainStatus 0 || fail "cellflashd exited $(prop ExecMainStatus) on SIGTERM"
state_is disabled || fail "sched_ext is $(scx_state) after systemctl stop"
[ "$(pm_qos_values)" = "$orig" ] || fail "pm_qos not restored after stop: $(pm_qos_values), was $orig"
test_log_has 'Received Terminated; detaching the scheduler' || fail "no detach on SIGTERM in the journal"
