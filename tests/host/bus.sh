#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The bus object against a real dbus-daemon: a private system bus that loads
# the shipped policy (dbus/org.cellflash.Scheduler1.conf), the test double of
# the scheduler (bus-double), and python3-dbusmock's polkitd for allow/deny.
# Unprivileged callers run as nobody through setpriv. TAP output.
#   bus.sh BUS-DOUBLE DBUS-DIR
set -u
double=$1
dbusdir=$(cd "$2" && pwd)
NAME=org.cellflash.Scheduler1
OBJ=/org/cellflash/Scheduler1
IFACE=org.cellflash.Scheduler1
ACTION=org.cellflash.scheduler.manage
PY=/usr/bin/python3	# the python3 on PATH may lack the dbus module
. "$(dirname "$0")/tap.sh"

echo "1..52"

if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	for i in $(seq 52); do skip "bus case $i" "needs root and setpriv"; done
	exit 0
fi

T=$(mktemp -d)
chmod 755 "$T"	# nobody must reach the socket
out=$T/out
. "$(dirname "$0")/private-bus.sh"
start_private_bus
start_double

# Everything sent to polkit and every PropertiesChanged, for the cases below.
dbus-monitor --system "type='method_call',interface='org.freedesktop.PolicyKit1.Authority'" \
	"type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'" \
	"type='signal',interface='org.freedesktop.DBus.ObjectManager'" >"$T/monitor" 2>&1 &
pids+=($!)
# Becoming a monitor makes it lose its unique name: then it is watching.
wait_for 10 grep -q member=NameLost "$T/monitor" || { echo "Bail out! dbus-monitor did not start"; exit 1; }

# send [nobody] METHOD [ARGS]: dbus-send, which prints the error's name and message.
send() {
	local who=
	[ "$1" = nobody ] && { who=nobody; shift; }
	run $who dbus-send --system --print-reply --dest=$NAME $OBJ "$@"
}
prop() { busctl --system get-property $NAME $OBJ $IFACE "$1"; }
restarts() { prop RestartCount | cut -d' ' -f2; }
polkit_calls() { grep -c 'member=CheckAuthorization' "$T/monitor"; }
CELL1=org.cellflash.Cell1
cellprop() { busctl --system get-property $NAME $OBJ/cells/$1 $CELL1 "$2"; }

# --- the interface ---------------------------------------------------------
run busctl --system introspect --xml-interface $NAME $OBJ
cp "$out" "$T/live.xml"
run "$PY" "$(dirname "$0")/introspect-diff.py" $IFACE "$dbusdir/$IFACE.xml" "$T/live.xml"
check "the shipped interface XML matches the live introspection" eval '[ $rc = 0 ]'

run busctl --system introspect $NAME $OBJ
check "counters say they emit no change; state does; version is const" \
	eval 'grep -Eq "^\.SharedDispatches +property +t +[0-9]+ +-$" "$out" &&
	      grep -Eq "^\.State +property +s +\"attached\" +emits-change" "$out" &&
	      grep -Eq "^\.Version +property +s .* const" "$out"'

# --- reading, as nobody --------------------------------------------------------
run nobody busctl --system call $NAME $OBJ org.freedesktop.DBus.Properties GetAll s $IFACE
check "nobody reads every property" \
	eval 'has "\"State\" s \"attached\"" && has "\"OpsName\" s \"cellflash\"" && has "\"SliceUs\" t 700" &&
	      has "\"LastExitKind\" s \"none\"" && has "\"RestartCount\" u 0" && has "\"NrCells\" u 2" &&
	      has "\"PrimaryDomain\" s \"auto\"" && has "\"PrimaryDomainCpus\" s \"0-3\"" &&
	      has "\"PowerProfile\" s \"balanced\"" && has "\"RunId\" t 0"'
run nobody busctl --system get-property $NAME $OBJ $IFACE Options
check "Options lists the options in force by their names and types" \
	eval 'has "\"slice-us\" t 700" && has "\"enable-llc-awareness\" b false" &&
	      has "\"rebalance-cpus-interval-s\" d 5" && has "\"cell-exclude\" as 0" && ! has "primary-domain"'
version=$(sed -n "s/^ *version : '\([^']*\)'.*/\1/p" "$dbusdir/../meson.build")
run nobody busctl --system get-property $NAME $OBJ $IFACE Version
check "Version is the package version" eval 'has "s \"$version\""'

run nobody busctl --system call $NAME $OBJ $IFACE GetMetrics
first=$(cat "$out")
check "nobody gets GetMetrics with every key" \
	eval 'for k in Timestamp AttachedAt State NrRunning NrOnlineCpus KthreadDispatches DirectDispatches SharedDispatches \
		       CpuQueueDispatches KeptRunning Moved WakeupThrottled AffinityViolations Steals CpuPerfMin CpuPerfMax; do
		has "\"$k\"" || exit 1; done'
run nobody busctl --system call $NAME $OBJ $IFACE GetMetrics
check "the counters move between snapshots" eval '[ "$(cat "$out")" != "$first" ] && has "\"SharedDispatches\" t [1-9]"'

run nobody busctl --system call $NAME $OBJ org.freedesktop.DBus.ObjectManager GetManagedObjects
check "nobody enumerates the cells through ObjectManager, with their properties" \
	eval '[ $rc = 0 ] && has "a{oa{sa{sv}}} 2 \"$OBJ/cells/0\"" && has "\"$OBJ/cells/1\" 4 " && has "\"$CELL1\" 11 \"Id\" u 1" &&
	      has "\"CgroupPath\" s \"/work.slice\"" && has "\"Cpus\" s \"2-3\"" && has "\"Pinned\" b true"'
run busctl --system introspect --xml-interface $NAME $OBJ/cells/1
cp "$out" "$T/live-cell.xml"
run "$PY" "$(dirname "$0")/introspect-diff.py" $CELL1 "$dbusdir/$CELL1.xml" "$T/live-cell.xml"
check "the shipped Cell1 XML matches a live cell's introspection" eval '[ $rc = 0 ]'
a=$(nobody busctl --system get-property $NAME $OBJ/cells/1 $CELL1 LocalDispatches)
run nobody busctl --system get-property $NAME $OBJ/cells/1 $CELL1 LocalDispatches
check "nobody reads a cell's counters, and they move" eval '[ $rc = 0 ] && has "^t [1-9]" && [ "$(cat "$out")" != "$a" ]'
run busctl --system get-property $NAME $OBJ/cells/7 $CELL1 Cpus
check "a cell that does not exist is an unknown object" eval '[ $rc != 0 ] && has "Unknown object"'
run busctl --system get-property $NAME $OBJ/cells/01 $CELL1 Cpus
check "cell paths are plain decimal ids" eval '[ $rc != 0 ] && has "Unknown object"'
run nobody busctl --system call $NAME $OBJ org.freedesktop.DBus.Peer Ping
check "nobody may Ping (Peer)" eval '[ $rc = 0 ]'

# --- the bus policy ----------------------------------------------------------
send nobody $IFACE.NoSuchMethod
check "the bus refuses nobody an unlisted member" eval 'has "AccessDenied: Rejected send message"'
send $IFACE.NoSuchMethod
check "root reaches the daemon, which does not know it" eval 'has "Error org.freedesktop.DBus.Error.UnknownMethod"'
send nobody org.freedesktop.DBus.Properties.Set string:$IFACE string:State variant:string:failed
check "the bus refuses nobody Properties.Set" eval 'has "AccessDenied: Rejected send message"'

# --- bad arguments -----------------------------------------------------------
calls=$(polkit_calls)
send nobody $IFACE.Restart string:now
check "Restart with an argument: InvalidArgs, before polkit is asked" \
	eval 'has "Error org.freedesktop.DBus.Error.InvalidArgs: .*expecting" && [ "$(polkit_calls)" = "$calls" ]'
send $IFACE.GetMetrics uint32:1
check "GetMetrics with an argument: InvalidArgs" eval 'has "Error org.freedesktop.DBus.Error.InvalidArgs"'
send nobody org.freedesktop.DBus.Properties.Get string:$IFACE string:NoSuchProperty
check "Get of an unknown property: UnknownProperty" eval 'has "Error org.freedesktop.DBus.Error.UnknownProperty"'
calls=$(polkit_calls)
send nobody $IFACE.SetPrimaryDomain string:fast
check "SetPrimaryDomain of a word it does not know: InvalidArgs saying why, before polkit, nothing changed" \
	eval 'has "InvalidArgs: Invalid primary domain: .fast. is not one of auto, turbo" &&
	      [ "$(prop PrimaryDomain)" = "s \"auto\"" ] && [ "$(polkit_calls)" = "$calls" ]'
send $IFACE.SetPrimaryDomain string:2-9
check "SetPrimaryDomain of CPUs this machine lacks: InvalidArgs naming them, nothing changed" \
	eval 'has "InvalidArgs: Invalid primary domain: .*4-9" && [ "$(prop PrimaryDomainCpus)" = "s \"0-3\"" ]'
send $IFACE.SetPrimaryDomain uint32:3
check "SetPrimaryDomain with a number, not a string: InvalidArgs" eval 'has "Error org.freedesktop.DBus.Error.InvalidArgs"'
send nobody $IFACE.Rebalance string:now
check "Rebalance with an argument: InvalidArgs, before polkit" \
	eval 'has "Error org.freedesktop.DBus.Error.InvalidArgs" && [ "$(polkit_calls)" = "$calls" ]'

# --- Restart: root without polkit, others through polkit -----------------------
send nobody $IFACE.Restart
check "without polkit, nobody may not Restart and nothing changes" \
	eval 'has "AccessDenied: Only root may do this: polkit is not running" && [ "$(restarts)" = 0 ]'

send $IFACE.Restart
check "root may Restart without polkit" eval '[ $rc = 0 ] && [ "$(restarts)" = 1 ]'

send nobody $IFACE.SetPrimaryDomain string:2-3
check "without polkit, nobody may not SetPrimaryDomain and nothing changes" \
	eval 'has "AccessDenied" && [ "$(prop PrimaryDomain)" = "s \"auto\"" ]'
send nobody $IFACE.Rebalance
check "without polkit, nobody may not Rebalance and nothing changes" \
	eval 'has "AccessDenied" && [ "$(prop NrCells)" = "u 2" ]'
send $IFACE.SetPrimaryDomain string:2-3
check "root sets the primary domain: PrimaryDomain, its mode and CPUs follow" \
	eval '[ $rc = 0 ] && [ "$(prop PrimaryDomain)" = "s \"2-3\"" ] && [ "$(prop PrimaryDomainMode)" = "s \"cpus\"" ] &&
	      [ "$(prop PrimaryDomainCpus)" = "s \"2-3\"" ]'
check "SetPrimaryDomain emitted PropertiesChanged with the new CPUs" \
	wait_for 5 eval 'grep -A40 member=PropertiesChanged "$T/monitor" | grep -A1 "string \"PrimaryDomainCpus\"" | grep -q "string \"2-3\""'
send $IFACE.Rebalance
check "Rebalance adds the double's new cell: NrCells, InterfacesAdded for cells/2" \
	eval '[ $rc = 0 ] && [ "$(prop NrCells)" = "u 3" ] && [ "$(cellprop 2 CgroupPath)" = "s \"/batch\"" ] &&
	      wait_for 5 eval "grep -A3 member=InterfacesAdded \"$T/monitor\" | grep -q \"object path \\\"$OBJ/cells/2\\\"\""'
check "only the new cell was announced: the cells of the start were exported, not added" \
	eval '[ "$(grep -c member=InterfacesAdded "$T/monitor")" = 1 ]'
check "the CPU that went to the new cell left cell 0, and cell 0 said so" \
	eval '[ "$(cellprop 0 Cpus)" = "s \"0\"" ] &&
	      wait_for 5 eval "grep -B2 -A12 member=PropertiesChanged \"$T/monitor\" | grep -q \"path=$OBJ/cells/0;\""'
send $IFACE.Rebalance
check "Rebalance again: the cell is gone, InterfacesRemoved for cells/2" \
	eval '[ $rc = 0 ] && [ "$(prop NrCells)" = "u 2" ] &&
	      wait_for 5 eval "grep -A3 member=InterfacesRemoved \"$T/monitor\" | grep -q \"object path \\\"$OBJ/cells/2\\\"\""'
check "Restart emitted PropertiesChanged with the new RestartCount" \
	wait_for 5 eval 'grep -A30 member=PropertiesChanged "$T/monitor" | grep -A1 "string \"RestartCount\"" | grep -q "uint32 1"'

"$PY" -m dbusmock --system --template polkitd >"$T/polkit.log" 2>&1 &
polkit_pid=$!
pids+=($polkit_pid)
wait_for 10 busctl --system status org.freedesktop.PolicyKit1 || { echo "Bail out! dbusmock's polkitd did not start"; cat "$T/polkit.log"; exit 1; }
mock() { busctl --system call org.freedesktop.PolicyKit1 /org/freedesktop/PolicyKit1/Authority org.freedesktop.DBus.Mock "$@"; }

calls=$(polkit_calls)
send nobody $IFACE.Restart
check "polkit says no: AccessDenied, nothing changed" \
	eval 'has "AccessDenied: Not authorized" && [ "$(restarts)" = 1 ] && [ "$(polkit_calls)" = $((calls + 1)) ]'
check "polkit was asked about $ACTION for the caller's bus name" \
	eval 'grep -A12 "member=CheckAuthorization" "$T/monitor" | grep -q "string \"$ACTION\"" &&
	      grep -A12 "member=CheckAuthorization" "$T/monitor" | grep -q "string \"system-bus-name\""'

cp "$T/monitor" "$T/monitor.before"
run nobody busctl --system --allow-interactive-authorization=no call $NAME $OBJ $IFACE Restart
run nobody busctl --system --allow-interactive-authorization=yes call $NAME $OBJ $IFACE Restart
# The CheckAuthorization flags: 0 without interaction, then 1 with it.
flags=$(diff "$T/monitor.before" "$T/monitor" | grep -A20 'member=CheckAuthorization' | grep -o 'uint32 [0-9]*' | tr '\n' ' ')
check "the check is interactive exactly when the caller allows it" eval '[ "$flags" = "uint32 0 uint32 1 " ]'

mock SetAllowed as 1 $ACTION >/dev/null
send nobody $IFACE.Restart
check "polkit says yes: nobody may Restart" eval '[ $rc = 0 ] && [ "$(restarts)" = 2 ]'
send nobody $IFACE.SetPrimaryDomain string:powersave
check "polkit says yes: nobody may SetPrimaryDomain" eval '[ $rc = 0 ] && [ "$(prop PrimaryDomain)" = "s \"powersave\"" ]'

calls=$(polkit_calls)
mock SetAllowed as 0 >/dev/null
send $IFACE.Restart
check "root is not checked with polkit" eval '[ $rc = 0 ] && [ "$(restarts)" = 3 ] && [ "$(polkit_calls)" = "$calls" ]'

# The check does not block the daemon: a call while polkit has not answered.
mock SetAllowed as 1 $ACTION >/dev/null
mock SimulateHang b true >/dev/null
nobody dbus-send --system --print-reply --dest=$NAME $OBJ $IFACE.Restart >"$T/pending" 2>&1 &
pending=$!
wait_for 10 eval '[ "$(mock HaveHangingCalls)" = "b true" ]'
run nobody busctl --system --timeout=5 call $NAME $OBJ $IFACE GetMetrics
check "the daemon answers others while a polkit check is pending" eval '[ $rc = 0 ] && [ "$(restarts)" = 3 ]'
mock ReleaseHangingCalls >/dev/null
wait $pending
rc=$?
check "the pending Restart goes ahead once polkit allows it" eval '[ $rc = 0 ] && [ "$(restarts)" = 4 ]'
mock SimulateHang b false >/dev/null

# polkit's other answers, from a hand-made mock: a challenge, an error.
kill $polkit_pid
wait_for 10 eval '! busctl --system status org.freedesktop.PolicyKit1'
"$PY" -m dbusmock --system org.freedesktop.PolicyKit1 /org/freedesktop/PolicyKit1/Authority \
	org.freedesktop.PolicyKit1.Authority >"$T/polkit2.log" 2>&1 &
pids+=($!)
wait_for 10 busctl --system status org.freedesktop.PolicyKit1 || { echo "Bail out! the polkit mock did not start"; exit 1; }
check_returns() {	# check_returns PYTHON: CheckAuthorization runs PYTHON
	mock AddMethod sssss "" CheckAuthorization "(sa{sv})sa{ss}us" "(bba{ss})" "$1" >/dev/null
}
check_returns "ret = (False, True, {})"
send nobody $IFACE.Restart
check "a polkit challenge: InteractiveAuthorizationRequired, nothing changed" \
	eval 'has "Error org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" && [ "$(restarts)" = 4 ]'
check_returns "raise dbus.exceptions.DBusException('broken', name='org.freedesktop.PolicyKit1.Error.Failed')"
send nobody $IFACE.Restart
check "polkit fails: AccessDenied saying so, nothing changed" \
	eval 'has "AccessDenied: Cannot check the authorization with polkit: broken" && [ "$(restarts)" = 4 ]'

# --- a method that cannot act now ------------------------------------------------
kill -HUP $double_pid
wait_for 5 grep -q "next Restart fails with Device or resource busy" "$T/double.log"
send $IFACE.Restart
check "Restart while another scheduler is loaded: Error.Busy" \
	eval 'has "Error $IFACE.Error.Busy: Another sched_ext scheduler is loaded" && [ "$(prop State)" = "s \"restarting\"" ]'
kill -ALRM $double_pid
wait_for 5 grep -q "next Restart fails with Input/output error" "$T/double.log"
send $IFACE.Restart
check "Restart that cannot attach: Error.AttachFailed, saying why" \
	eval 'has "Error $IFACE.Error.AttachFailed: The scheduler could not be attached (Input/output error)"'
kill -USR2 $double_pid
wait_for 5 eval '[ "$(prop State)" = "s \"failed\"" ]'
check "a state change emits PropertiesChanged with the new State" \
	wait_for 5 grep -q 'string "failed"' "$T/monitor"
send $IFACE.Restart
check "Restart after the daemon gave up: Error.ShuttingDown, state unchanged" \
	eval 'has "Error $IFACE.Error.ShuttingDown" && [ "$(prop State)" = "s \"failed\"" ] && [ "$(restarts)" = 6 ]'
send $IFACE.Rebalance
check "Rebalance after the daemon gave up: Error.ShuttingDown" \
	eval 'has "Error $IFACE.Error.ShuttingDown" && [ "$(prop NrCells)" = "u 2" ]'
run busctl --system get-property $NAME $OBJ $IFACE LastExitKind LastExitCode LastExitMessage
check "the last exit is exported" eval 'has "s \"BPF error\"" && has "x -22" && has "quoted"'

# A second daemon cannot take the name, and says so.
"$double" 2>"$T/second.log" &
second=$!
pids+=($second)
check "a second daemon says another process owns the name" \
	wait_for 5 grep -q "Cannot own the name $NAME on the system bus (another process owns it)" "$T/second.log"
kill $second

# The bus goes away: the daemon (here its double) goes on, and says why the
# interface is gone.
kill "${pids[0]}"	# dbus-daemon, started first
check "without the bus the daemon goes on and says so" \
	eval 'wait_for 5 grep -q "Lost the connection to the system bus" "$T/double.log" && kill -0 $double_pid'

exit $failed
