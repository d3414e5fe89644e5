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

# Cells. CG is the cgroup2 mount. Only cpuset is enabled for its children:
# cells do not need the cpu controller.
CG=/sys/fs/cgroup
enable_cpusets() {
	echo +cpuset > $CG/cgroup.subtree_control || fail "cannot enable the cpuset controller"
}
# spin_in CGROUP SECONDS [THREADS]: CPU hogs in CGROUP (relative to $CG); sets PID.
spin_in() {
	sh -c "echo \$\$ > $CG/$1/cgroup.procs && exec spin $2 ${3:-1}" > /dev/null &
	PID=$!
}
# worker_cpus PID: the CPU each of PID's spinning threads last ran on (not
# the main thread, which sleeps), space-separated.
worker_cpus() {
	for t in /proc/$1/task/*; do
		[ "${t##*/}" = "$1" ] && continue
		awk '{ printf "%s ", $39 }' "$t/stat" 2>/dev/null
	done
}
# sample_workers PID N FILE: worker_cpus N times, 0.1 s apart, a line each,
# from a loop pinned to CPU 0.
sample_workers() {
	: > "$3"
	local i=0
	while [ $i -lt "$2" ]; do
		worker_cpus "$1" >> "$3"
		echo >> "$3"
		sleep 0.1
		i=$((i + 1))
	done
}
# seen_on FILE CPU: some sample in FILE has a thread on CPU.
seen_on() { grep -qE "(^| )$2( |$)" "$1"; }
# within_ms MS COMMAND...: COMMAND succeeds within MS milliseconds (polled
# every 50 ms); prints how long it took.
within_ms() {
	local limit=$1 t0 t1
	shift
	t0=$(awk '{ printf "%d", $1 * 1000 }' /proc/uptime)
	while :; do
		t1=$(awk '{ printf "%d", $1 * 1000 }' /proc/uptime)
		if "$@" >/dev/null 2>&1; then
			echo $((t1 - t0))
			return 0
		fi
		[ $((t1 - t0)) -ge "$limit" ] && { echo $((t1 - t0)); return 1; }
		sleep 0.05
	done
}
# logged_cell_cpus ID: the CPU list of cell ID in the last assignment logged.
logged_cell_cpus() {
	grep -E '^cellflashd: (Cells changed|Rebalanced|Cells on the new set of CPUs): ' "$DAEMON_LOG" |
		tail -n1 | sed 's/^[^:]*: [^:]*: //' | tr ';' '\n' | sed -n "s/^ *cell $1 [^:]*: \([0-9,-]*\)\.\{0,1\}$/\1/p"
}
# cpulist_count LIST: how many CPUs "0-2,5" names.
cpulist_count() {
	echo "$1" | tr ',' '\n' | awk -F- 'NF { n += (NF == 2 ? $2 - $1 + 1 : 1) } END { print n + 0 }'
}
# in_cpulist CPU LIST: LIST ("0-2,5") has CPU.
in_cpulist() {
	echo "$2" | tr ',' '\n' | awk -F- -v c="$1" 'NF && c >= $1 && c <= (NF == 2 ? $2 : $1) { f = 1 } END { exit !f }'
}
# distinct_cpus FILE: how many different CPUs the samples in FILE show.
distinct_cpus() { tr ' ' '\n' < "$1" | grep . | sort -u | wc -l; }
