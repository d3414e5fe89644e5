# --run-id: logged when the scheduler attaches and exported as RunId; 0 without it.
start_system_bus
start_attached --run-id 42
wait_for 10 has_bus_name || fail "cellflashd did not take the name $BUS_NAME"
log_has 'Attached the cellflash scheduler on 4 CPUs (.*; run id 42)' || fail "the run id was not logged"
[ "$(get RunId)" = 't 42' ] || fail "RunId is $(get RunId)"
busctl get-property $BUS_NAME $BUS_OBJ $BUS_NAME Options > /tmp/out || fail "no Options"
grep -q '"slice-us" t 700' /tmp/out || fail "Options: $(cat /tmp/out)"
stop_daemon
start_attached
wait_for 10 has_bus_name || fail "cellflashd did not take the name $BUS_NAME"
[ "$(get RunId)" = 't 0' ] || fail "RunId is $(get RunId) without --run-id"
log_has 'run id' && fail "a run id was logged without --run-id"
stop_daemon
