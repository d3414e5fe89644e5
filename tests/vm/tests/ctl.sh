# cellflashctl, every command, against the real daemon: status (text and
# JSON), monitor (text and JSON) across a restart, restart as root and as
# nobody, cellflashd --monitor; and "not running" once it stopped.
start_system_bus
cellflashctl status > /tmp/out 2>&1
rc=$?
[ $rc = 3 ] || fail "status without cellflashd: exit $rc, not 3"
[ "$(wc -l < /tmp/out)" = 1 ] && grep -q 'cellflashd is not running' /tmp/out || fail "status without cellflashd: $(cat /tmp/out)"

start_attached
wait_for 10 has_bus_name || fail "cellflashd did not take the name $BUS_NAME"
wakeup 1 1000 > /dev/null

cellflashctl status > /tmp/out 2>&1 || fail "status failed: $(cat /tmp/out)"
cat /tmp/out
grep -q 'scheduler cellflash: attached' /tmp/out || fail "status: not attached"
grep -q 'Running: .* of 4 CPUs' /tmp/out || fail "status: no CPU count"
grep -Eq 'Dispatches: [1-9][0-9]* since it attached' /tmp/out || fail "status: no dispatches"

as_nobody cellflashctl status --json > /tmp/out 2>&1 || fail "status --json as nobody failed: $(cat /tmp/out)"
cat /tmp/out
grep -q '^{"state":"attached",.*"restart_count":0,"last_exit":null,.*"nr_online_cpus":4,' /tmp/out ||
	fail "status --json: $(cat /tmp/out)"

cellflashctl monitor --interval 0.5 > /tmp/monitor 2>&1 &
monitor_pid=$!
cellflashctl monitor --interval 0.5 --json > /tmp/monitor.json 2>&1 &
json_pid=$!
cellflashd --monitor 0.5 > /tmp/dmonitor 2>&1 &
dmonitor_pid=$!
wakeup 2 1000 > /dev/null
seq0=$(enable_seq)
cellflashctl restart > /tmp/out 2>&1 || fail "restart failed: $(cat /tmp/out)"
grep -q 're-attached' /tmp/out || fail "restart: $(cat /tmp/out)"
[ "$(enable_seq)" -gt "$seq0" ] || fail "restart did not re-attach"
wakeup 2 1000 > /dev/null
kill $monitor_pid $json_pid $dmonitor_pid
cat /tmp/monitor /tmp/monitor.json /tmp/dmonitor
grep -Eq '^attached +running [0-9]+/4 CPUs, dispatches [0-9]+ total, \+[1-9][0-9]* in 0\.[0-9]s \([0-9]+/s\): kthread' /tmp/monitor ||
	fail "monitor: no line with a rate"
grep -q ' \[restarted\]$' /tmp/monitor || fail "monitor: the restart is not marked"
grep -q '"restarted":true' /tmp/monitor.json || fail "monitor --json: the restart is not marked"
[ "$(grep -vc '^{"state":"[a-z]*",.*}$' /tmp/monitor.json)" = 0 ] || fail "monitor --json: a line is not an object"
grep -Eq '^attached +running [0-9]+/4 CPUs' /tmp/dmonitor || fail "cellflashd --monitor printed no line"

seq0=$(enable_seq)
as_nobody cellflashctl restart > /tmp/out 2>&1
rc=$?
cat /tmp/out
[ $rc = 1 ] || fail "restart as nobody: exit $rc, not 1"
grep -q 'polkit is not running' /tmp/out || fail "restart as nobody: $(cat /tmp/out)"
[ "$(enable_seq)" = "$seq0" ] || fail "restart as nobody re-attached the scheduler"
[ "$(get RestartCount)" = 'u 1' ] || fail "RestartCount is $(get RestartCount)"

stop_daemon
cellflashctl status > /tmp/out 2>&1
rc=$?
[ $rc = 3 ] || fail "status after cellflashd stopped: exit $rc, not 3"
