# cellflashd on a real system bus: introspection, properties and GetMetrics
# return real values that move as the scheduler works; Restart re-attaches
# (from attached and from detached) or says why it cannot (another
# scheduler is loaded); nobody may read but not restart; and
# 10,000 GetMetrics calls leave the daemon's memory where it was.
start_system_bus
state_is disabled || fail "sched_ext is $(scx_state) before the test"
start_attached
wait_for 10 has_bus_name || fail "cellflashd did not take the name $BUS_NAME"

busctl introspect $BUS_NAME $BUS_OBJ > /tmp/introspect.txt || fail "busctl introspect failed"
cat /tmp/introspect.txt
grep -Eq '^\.State +property +s +"attached" +emits-change' /tmp/introspect.txt || fail "introspect: State is not attached/emits-change"
grep -Eq '^\.NrOnlineCpus +property +t +4 +-' /tmp/introspect.txt || fail "introspect: NrOnlineCpus is not 4"
grep -q '^org.freedesktop.DBus.ObjectManager' /tmp/introspect.txt || fail "no ObjectManager"
[ "$(get OpsName)" = 's "cellflash"' ] || fail "OpsName is $(get OpsName)"
[ "$(get RestartCount)" = 'u 0' ] || fail "RestartCount is $(get RestartCount)"
[ "$(get LastExitKind)" = 's "none"' ] || fail "LastExitKind is $(get LastExitKind)"

# The counters move as tasks run.
d0=$(get SharedDispatches | cut -d' ' -f2)
spin 2 4 > /dev/null
wakeup 2 1000 > /dev/null
d1=$(get SharedDispatches | cut -d' ' -f2)
[ "$d1" -gt "$d0" ] || fail "SharedDispatches did not move: $d0 -> $d1"
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME GetMetrics > /tmp/m1 || fail "GetMetrics failed"
wakeup 1 1000 > /dev/null
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME GetMetrics > /tmp/m2 || fail "GetMetrics failed"
cat /tmp/m1 /tmp/m2
grep -q '"State" s "attached"' /tmp/m2 || fail "GetMetrics: no attached State"
grep -q '"NrOnlineCpus" t 4' /tmp/m2 || fail "GetMetrics: NrOnlineCpus is not 4"
direct() { sed 's/.*"DirectDispatches" t \([0-9]*\).*/\1/' "$1"; }
[ "$(direct /tmp/m2)" -gt "$(direct /tmp/m1)" ] || fail "GetMetrics: DirectDispatches did not move"

# Restart re-attaches, and says so with PropertiesChanged.
busctl monitor --match "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'" \
	> /tmp/signals 2>&1 &
monitor_pid=$!
sleep 1
seq0=$(enable_seq)
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME Restart || fail "Restart failed"
[ "$(enable_seq)" -gt "$seq0" ] || fail "Restart did not re-attach: enable_seq stayed $seq0"
state_is enabled || fail "sched_ext is $(scx_state) after Restart"
[ "$(scx_ops)" = cellflash ] || fail "root/ops is '$(scx_ops)' after Restart"
[ "$(get State)" = 's "attached"' ] || fail "State is $(get State) after Restart"
[ "$(get RestartCount)" = 'u 1' ] || fail "RestartCount is $(get RestartCount) after Restart"
log_has 'Restart requested by :' || fail "the restart's requester was not logged"
wait_for 5 grep -q RestartCount /tmp/signals || fail "no PropertiesChanged with RestartCount: $(cat /tmp/signals)"
kill $monitor_pid

# Restart also brings it back after an operator removed it.
echo S > /proc/sysrq-trigger
wait_for 10 eval '[ "$(get State)" = "s \"detached\"" ]' || fail "State is $(get State) after SysRq-S"
[ "$(get LastExitKind)" = 's "SysRq-S"' ] || fail "LastExitKind is $(get LastExitKind) after SysRq-S"
seq0=$(enable_seq)
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME Restart || fail "Restart from detached failed"
state_is enabled || fail "Restart from detached: sched_ext is $(scx_state)"
[ "$(enable_seq)" -gt "$seq0" ] || fail "Restart from detached did not attach"
[ "$(get State)" = 's "attached"' ] || fail "State is $(get State) after Restart from detached"

# A Restart that cannot act now: another scheduler holds sched_ext (a second
# daemon, which cannot have the bus name). The first re-attaches once it is gone.
echo S > /proc/sysrq-trigger
wait_for 10 eval '[ "$(get State)" = "s \"detached\"" ]' || fail "State is $(get State) after SysRq-S"
# (Its own RUNTIME_DIRECTORY: once cellflashd keeps state there, it locks it.)
mkdir -p /tmp/second-rt
RUNTIME_DIRECTORY=/tmp/second-rt cellflashd > /tmp/second.log 2>&1 &
second=$!
wait_for 30 state_is enabled || fail "the second daemon did not attach: $(cat /tmp/second.log)"
wait_for 10 grep -q "Cannot own the name $BUS_NAME" /tmp/second.log || fail "the second daemon got the bus name: $(cat /tmp/second.log)"
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME Restart > /tmp/out 2>&1 && fail "Restart succeeded with another scheduler loaded"
grep -q 'Another sched_ext scheduler is loaded' /tmp/out || fail "Restart with another scheduler loaded: $(cat /tmp/out)"
kill -TERM $second
wait $second
wait_for 20 eval '[ "$(get State)" = "s \"attached\"" ]' || fail "not re-attached after the other scheduler left: $(get State)"
state_is enabled || fail "sched_ext is $(scx_state) after the other scheduler left"

# nobody reads, and may not restart (no polkit here: only root may).
as_nobody busctl get-property $BUS_NAME $BUS_OBJ $BUS_NAME State > /tmp/out 2>&1 || fail "nobody cannot read State: $(cat /tmp/out)"
as_nobody busctl call $BUS_NAME $BUS_OBJ $BUS_NAME GetMetrics > /tmp/out 2>&1 || fail "nobody cannot GetMetrics: $(cat /tmp/out)"
seq0=$(enable_seq)
count0=$(get RestartCount)
as_nobody busctl call $BUS_NAME $BUS_OBJ $BUS_NAME Restart > /tmp/out 2>&1 && fail "nobody restarted the scheduler"
cat /tmp/out
grep -q 'Access denied' /tmp/out || fail "nobody's Restart: $(cat /tmp/out)"
[ "$(enable_seq)" = "$seq0" ] || fail "nobody's refused Restart re-attached the scheduler"
[ "$(get RestartCount)" = "$count0" ] || fail "nobody's refused Restart changed RestartCount"
log_has 'Refused Restart to' || fail "the refusal was not logged"
as_nobody busctl call $BUS_NAME $BUS_OBJ $BUS_NAME NoSuchMethod > /tmp/out 2>&1 && fail "the bus let nobody call an unlisted member"

# Memory: warm up, then 10,000 snapshots.
bus-hammer 1000 || fail "bus-hammer (warm-up) failed"
rss0=$(rss_kb $DAEMON_PID)
bus-hammer 10000 || fail "bus-hammer failed"
rss1=$(rss_kb $DAEMON_PID)
echo "cellflashd RSS: $rss0 kB before, $rss1 kB after 10,000 GetMetrics calls"
[ -n "$rss0" ] && [ -n "$rss1" ] && [ "$rss0" -gt 0 ] || fail "cannot read cellflashd's RSS: '$rss0' '$rss1'"
[ $((rss1 - rss0)) -le 256 ] || fail "RSS grew from $rss0 kB to $rss1 kB over 10,000 GetMetrics calls"
alive $DAEMON_PID || fail "cellflashd died"

stop_daemon
