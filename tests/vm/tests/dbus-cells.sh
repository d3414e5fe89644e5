# The cells and the primary domain on the real system bus: a cgroup with a
# cpuset appears as a cell object (InterfacesAdded) with its CPUs and
# counters that move, and goes away with its cgroup (InterfacesRemoved);
# SetPrimaryDomain applies good domains live and refuses bad ones with
# nothing changed; Rebalance runs; nobody reads but changes nothing;
# cellflashctl cells and set-primary-domain against the real daemon.
CELL1=org.cellflash.Cell1
cell() { busctl get-property $BUS_NAME $BUS_OBJ/cells/$1 $CELL1 "$2"; }
start_system_bus
enable_cpusets
start_attached
wait_for 10 has_bus_name || fail "cellflashd did not take the name $BUS_NAME"
[ "$(get NrCells)" = 'u 1' ] || fail "NrCells is $(get NrCells) without cells"
[ "$(cell 0 Cpus)" = 's "0-3"' ] || fail "cell 0 has $(cell 0 Cpus)"

busctl monitor --match "type='signal',interface='org.freedesktop.DBus.ObjectManager'" > /tmp/om 2>&1 &
om=$!
sleep 1
mkdir $CG/box
echo 2-3 > $CG/box/cpuset.cpus
wait_for 2 eval '[ "$(get NrCells)" = "u 2" ]' || fail "NrCells is $(get NrCells) after a cpuset cgroup appeared"
busctl call $BUS_NAME $BUS_OBJ org.freedesktop.DBus.ObjectManager GetManagedObjects > /tmp/objects
cat /tmp/objects
grep -q "\"$BUS_OBJ/cells/1\"" /tmp/objects || fail "GetManagedObjects has no cells/1"
[ "$(cell 1 CgroupPath)" = 's "/box"' ] || fail "cells/1 CgroupPath is $(cell 1 CgroupPath)"
[ "$(cell 1 Cpus)" = 's "2-3"' ] || fail "cells/1 Cpus is $(cell 1 Cpus)"
[ "$(cell 1 Pinned)" = 'b true' ] || fail "cells/1 is not pinned"
[ "$(cell 0 Cpus)" = 's "0-1"' ] || fail "cell 0 kept $(cell 0 Cpus)"
wait_for 5 grep -q "InterfacesAdded" /tmp/om || fail "no InterfacesAdded: $(cat /tmp/om)"

spin_in box 3 2
box=$PID
sleep 1
n=$(cell 1 CellQueueDispatches | cut -d' ' -f2)
m=$(cell 1 LocalDispatches | cut -d' ' -f2)
echo "cells/1: $n cell-queue, $m local placements"
[ $((n + m)) -gt 0 ] || fail "cells/1's counters did not move with its hogs running"
cellflashctl cells > /tmp/out 2>&1 || fail "cellflashctl cells: $(cat /tmp/out)"
cat /tmp/out
grep -q '^cell 1 /box: cpuset, 2 CPUs (2-3), ' /tmp/out || fail "cellflashctl cells: $(cat /tmp/out)"
wait $box

# The primary domain, live.
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME SetPrimaryDomain s 0-9 > /tmp/out 2>&1 && fail "SetPrimaryDomain 0-9 succeeded on 4 CPUs"
grep -q 'Invalid primary domain' /tmp/out || fail "SetPrimaryDomain 0-9: $(cat /tmp/out)"
[ "$(get PrimaryDomain)" = 's "auto"' ] || fail "a refused SetPrimaryDomain changed it to $(get PrimaryDomain)"
as_nobody busctl call $BUS_NAME $BUS_OBJ $BUS_NAME SetPrimaryDomain s 1 > /tmp/out 2>&1 && fail "nobody set the primary domain"
grep -q 'Access denied' /tmp/out || fail "nobody's SetPrimaryDomain: $(cat /tmp/out)"
[ "$(get PrimaryDomainCpus)" = 's "0-3"' ] || fail "nobody's refused SetPrimaryDomain changed it to $(get PrimaryDomainCpus)"
seq0=$(enable_seq)
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME SetPrimaryDomain s 1 || fail "SetPrimaryDomain 1 failed"
[ "$(get PrimaryDomainCpus)" = 's "1"' ] || fail "PrimaryDomainCpus is $(get PrimaryDomainCpus) after SetPrimaryDomain 1"
[ "$(get PrimaryDomainMode)" = 's "cpus"' ] || fail "PrimaryDomainMode is $(get PrimaryDomainMode)"
log_has 'Primary domain set: .*primary domain cpus: 1;' || fail "the new domain was not logged"
[ "$(enable_seq)" = "$seq0" ] || fail "SetPrimaryDomain re-attached the scheduler"
cellflashctl set-primary-domain all > /tmp/out 2>&1 || fail "cellflashctl set-primary-domain all: $(cat /tmp/out)"
[ "$(get PrimaryDomainCpus)" = 's "0-3"' ] || fail "PrimaryDomainCpus is $(get PrimaryDomainCpus) after set-primary-domain all"

# Rebalance, and who may.
as_nobody busctl call $BUS_NAME $BUS_OBJ $BUS_NAME Rebalance > /tmp/out 2>&1 && fail "nobody rebalanced"
busctl call $BUS_NAME $BUS_OBJ $BUS_NAME Rebalance || fail "Rebalance failed"
log_has 'Cell rebalance requested by :' || fail "the rebalance was not logged"
log_has 'Rebalanced on request' || fail "the rebalance did not run"

rmdir $CG/box
wait_for 2 eval '[ "$(get NrCells)" = "u 1" ]' || fail "NrCells is $(get NrCells) after the cgroup went"
wait_for 5 grep -q "InterfacesRemoved" /tmp/om || fail "no InterfacesRemoved: $(cat /tmp/om)"
busctl get-property $BUS_NAME $BUS_OBJ/cells/1 $CELL1 Cpus > /tmp/out 2>&1 && fail "cells/1 is still there"
[ "$(cell 0 Cpus)" = 's "0-3"' ] || fail "cell 0 did not get its CPUs back: $(cell 0 Cpus)"
kill $om
stop_daemon
