# D-Bus activation: once the service is enabled (its Alias
# dbus-org.cellflash.Scheduler1.service exists), a call to
# org.cellflash.Scheduler1 starts it through systemd and is answered by the
# attached scheduler. While it is disabled, a call starts nothing and
# cellflashctl says the daemon is not running.
prop_is ActiveState inactive || fail "$UNIT is $(prop ActiveState) at the start"

busctl get-property $BUS_NAME $BUS_OBJ $BUS_NAME State > /tmp/out 2>&1 &&
	fail "a disabled service answered: $(cat /tmp/out)"
prop_is ActiveState inactive || fail "the call started the disabled service"
state_is disabled || fail "sched_ext is $(scx_state)"
# cellflashctl says so: exit 3, as without the activation file.
cellflashctl status > /tmp/out 2>&1
rc=$?
[ $rc = 3 ] || fail "cellflashctl status on the disabled service: exit $rc, not 3: $(cat /tmp/out)"
grep -q 'cellflashd is not running' /tmp/out || fail "cellflashctl did not say it is not running: $(cat /tmp/out)"

systemctl enable $UNIT || fail "systemctl enable failed"
[ -L /etc/systemd/system/dbus-org.cellflash.Scheduler1.service ] || fail "enable made no D-Bus alias"
prop_is ActiveState inactive || fail "enable started the service"

out=$(busctl get-property $BUS_NAME $BUS_OBJ $BUS_NAME State 2>&1) || fail "the activating call failed: $out"
# Type=notify: the name is owned before the attach, but the event loop
# answers only after it.
[ "$out" = 's "attached"' ] || fail "the activated daemon answered State $out"
attached
run_log_has 'Attached the cellflash scheduler' || fail "no attach in the activated run's journal"

systemctl stop $UNIT || fail "systemctl stop failed"
state_is disabled || fail "sched_ext is $(scx_state) after stop"

# cellflashctl's calls may start it too (cellflashctl(1) says so).
cellflashctl status > /tmp/out 2>&1 || fail "cellflashctl status did not start the enabled service: $(cat /tmp/out)"
grep -q 'scheduler cellflash: attached' /tmp/out || fail "cellflashctl status: $(cat /tmp/out)"
attached
systemctl stop $UNIT
