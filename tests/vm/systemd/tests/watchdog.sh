# The watchdog: the daemon's event loop pings it (sd_event_set_watchdog), so
# a running daemon outlives WatchdogSec several times over; a daemon that stops
# pinging (SIGSTOP) is killed by systemd and restarted. The period leaves
# room for an attach under emulation (1-3.5 s on a loaded host), which
# blocks the loop: a shorter one kills restarted daemons while they load.
dropin watchdog "[Service]" "WatchdogSec=5s" "TimeoutAbortSec=2s"
systemctl start $UNIT || fail "systemctl start failed"
attached
prop_is WatchdogUSec 5s || fail "WatchdogUSec is $(prop WatchdogUSec)"
pid=$(main_pid)
sleep 16
prop_is NRestarts 0 || fail "the daemon was restarted although it ran (no pings?)"
[ "$(main_pid)" = "$pid" ] || fail "the main PID changed"
attached

kill -STOP "$pid"
wait_for 30 eval '[ "$(prop NRestarts)" = 1 ] && prop_is ActiveState active' ||
	fail "a stopped daemon was not restarted by the watchdog ($(prop ActiveState)/$(prop SubState))"
test_log_has 'Watchdog timeout' || fail "systemd logged no watchdog timeout"
attached
systemctl stop $UNIT
