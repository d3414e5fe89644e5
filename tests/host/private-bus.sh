# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the host bus tests: a private system bus that loads the shipped
# policy, and helpers. Needs $T (a directory that nobody, too, can enter),
# $dbusdir and $double. The processes started go into $pids, killed on exit
# with $T removed.

pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

wait_for() {	# wait_for SECONDS COMMAND...
	local i
	for i in $(seq $(($1 * 10))); do
		"${@:2}" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# The default context allows everything but what the included policy denies.
start_private_bus() {
	cat > "$T/bus.conf" <<-CONF
	<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
	 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
	<busconfig>
	  <type>system</type>
	  <listen>unix:path=$T/sock</listen>
	  <auth>EXTERNAL</auth>
	  <policy context="default">
	    <allow user="*"/>
	    <allow own="*"/>
	    <allow send_destination="*" eavesdrop="true"/>
	    <allow eavesdrop="true"/>
	  </policy>
	  <include>$dbusdir/org.cellflash.Scheduler1.conf</include>
	</busconfig>
	CONF
	dbus-daemon --config-file="$T/bus.conf" --nofork 2>"$T/dbus.log" &
	pids+=($!)
	export DBUS_SYSTEM_BUS_ADDRESS=unix:path=$T/sock
	wait_for 10 test -S "$T/sock" || { echo "Bail out! dbus-daemon did not start"; cat "$T/dbus.log"; exit 1; }
}

# start_double: the test double of cellflashd; sets double_pid.
start_double() {
	"$double" 2>>"$T/double.log" &
	double_pid=$!
	pids+=($double_pid)
	wait_for 10 busctl --system status org.cellflash.Scheduler1 ||
		{ echo "Bail out! the double did not get the name"; cat "$T/double.log"; exit 1; }
}

nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
