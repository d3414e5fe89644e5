# Helpers for guest tests. A test is a shell script that exits 0 to pass;
# fail() explains why not.

SCX=/sys/kernel/sched_ext
DAEMON_LOG=/tmp/daemon.log
NOTIFY_LOG=/tmp/notify.log

fail() {
	echo "FAIL: $*"
	echo "--- daemon log:"
	cat "$DAEMON_LOG" 2>/dev/null
	echo "--- notify log:"
	cat "$NOTIFY_LOG" 2>/dev/null
	echo "--- sched_ext: state=$(cat $SCX/state 2>/dev/null) ops=$(cat $SCX/root/ops 2>/dev/null)"
	exit 1
}

scx_state() { cat $SCX/state; }
scx_ops() { cat $SCX/root/ops 2>/dev/null; }
enable_seq() { cat $SCX/enable_seq; }

# wait_for SECONDS COMMAND...: poll COMMAND every 0.1 s until it succeeds.
wait_for() {
	local limit=$(( $1 * 10 )) i=0
	shift
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -ge $limit ] && return 1
		sleep 0.1
	done
}

state_is() { [ "$(scx_state)" = "$1" ]; }
log_has() { grep -q -- "$1" "$DAEMON_LOG"; }
notified() { grep -q -- "$1" "$NOTIFY_LOG"; }
alive() { kill -0 "$1" 2>/dev/null; }

# start_daemon [ARGS...]: a fresh cellflashd in the background (run through
# $DAEMON_WRAPPER if set), its sd_notify messages collected in $NOTIFY_LOG;
# sets DAEMON_PID.
start_daemon() {
	: > "$DAEMON_LOG"
	: > "$NOTIFY_LOG"
	if [ -z "$NOTIFY_PID" ]; then
		notify-listen /run/notify.sock >> "$NOTIFY_LOG" &
		NOTIFY_PID=$!
		wait_for 5 test -S /run/notify.sock || fail "notify-listen did not start"
	fi
	NOTIFY_SOCKET=/run/notify.sock $DAEMON_WRAPPER cellflashd "$@" > "$DAEMON_LOG" 2>&1 &
	DAEMON_PID=$!
}

# Attached and ready, or fail.
start_attached() {
	start_daemon "$@"
	wait_for 30 notified READY=1 || fail "cellflashd did not report READY=1"
	state_is enabled || fail "sched_ext state is $(scx_state) after READY=1"
	[ "$(scx_ops)" = cellflash ] || fail "root/ops is '$(scx_ops)', not cellflash"
}

# stop_daemon: SIGTERM; fails unless it exits 0 and sched_ext is disabled,
# and if the scheduler failed at any time (a restart can hide that).
stop_daemon() {
	if log_has 'The scheduler failed'; then
		fail "the scheduler failed during the test: $(grep -A1 'The scheduler failed' "$DAEMON_LOG" | head -n 2)"
	fi
	kill -TERM "$DAEMON_PID"
	wait "$DAEMON_PID"
	local rc=$?
	[ $rc = 0 ] || fail "cellflashd exited $rc after SIGTERM"
	state_is disabled || fail "sched_ext is $(scx_state) after SIGTERM"
}

# ext_task PID: is the task scheduled by sched_ext?
ext_task() { grep -Eq '^ext\.enabled +: +1$' "/proc/$1/sched"; }

# The system bus, for the tests that need one (the others run without, as
# cellflashd must too).
BUS_NAME=org.cellflash.Scheduler1
BUS_OBJ=/org/cellflash/Scheduler1
start_system_bus() {
	mkdir -p /run/dbus
	dbus-daemon --config-file=/etc/dbus-1/system.conf --nofork > /tmp/dbus.log 2>&1 &
	wait_for 10 test -S /run/dbus/system_bus_socket || fail "dbus-daemon did not start: $(cat /tmp/dbus.log)"
}
# get PROPERTY: busctl's "TYPE VALUE" of a property of the scheduler object.
get() { busctl get-property $BUS_NAME $BUS_OBJ $BUS_NAME "$1"; }
has_bus_name() { busctl status $BUS_NAME; }
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB$/\1/p' "/proc/$1/status"; }
SETPRIV=/usr/local/bin/setpriv
as_nobody() { $SETPRIV --reuid=65534 --regid=65534 --clear-groups "$@"; }

# stat_sum FIELD: FIELD ("kept running", "moved", ...) summed over the
# --stats lines logged so far.
stat_sum() { grep -o "$1 [0-9]*" "$DAEMON_LOG" | awk '{ s += $NF } END { print s + 0 }'; }
# last_stats: the last --stats line.
last_stats() { grep 'dispatches' "$DAEMON_LOG" | tail -n1; }
ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }

# sample_cpus PID N FILE: the CPU each thread of PID last ran on, N times
# 0.1 s apart, one line per sample ("2 " for one thread), from a loop
# pinned to CPU 0 so that sampling takes no other CPU.
sample_cpus() {
	taskset -c 0 sh -c "for i in \$(seq $2); do cat /proc/$1/task/*/stat 2>/dev/null |
		awk '{ printf \"%s \", \$39 } END { print \"\" }'; sleep 0.1; done" > "$3"
}
