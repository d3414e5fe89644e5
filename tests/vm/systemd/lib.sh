# Helpers for the systemd guest's tests (tests/vm/systemd/tests/*.sh). A
# test is a bash script that exits 0 to pass; fail() explains why not and
# shows the service's state and journal.

SCX=/sys/kernel/sched_ext
UNIT=cellflash.service
BUS_NAME=org.cellflash.Scheduler1
BUS_OBJ=/org/cellflash/Scheduler1
TEST_START=$(date +%s)

fail() {
	echo "FAIL: $*"
	echo "--- systemctl status:"
	systemctl status --no-pager --lines=0 $UNIT 2>&1
	echo "--- journal of $UNIT:"
	journalctl --no-pager -o short-precise -u $UNIT --since "@$TEST_START" 2>&1 | tail -n 60
	echo "--- sched_ext: state=$(cat $SCX/state 2>/dev/null) ops=$(cat $SCX/root/ops 2>/dev/null)"
	exit 1
}

scx_state() { cat $SCX/state; }
scx_ops() { cat $SCX/root/ops 2>/dev/null; }
enable_seq() { cat $SCX/enable_seq; }
state_is() { [ "$(scx_state)" = "$1" ]; }

# wait_for SECONDS COMMAND...: poll COMMAND every 0.1 s until it succeeds,
# for SECONDS of wall time: on a busy guest a poll (journalctl, systemctl)
# alone can take most of a second.
wait_for() {
	local end=$(( $(date +%s%N) + $1 * 1000000000 ))
	shift
	while ! "$@" > /dev/null 2>&1; do
		[ "$(date +%s%N)" -lt $end ] || return 1
		sleep 0.1
	done
}

# prop NAME: a property of the unit, as systemctl show gives it.
prop() { systemctl show -P "$1" $UNIT; }
prop_is() { [ "$(prop "$1")" = "$2" ]; }
main_pid() { prop MainPID; }

# The journal of the unit's current run (its invocation), or of every run
# since the test started.
run_log() { journalctl --no-pager -o cat _SYSTEMD_INVOCATION_ID="$(prop InvocationID)"; }
test_log() { journalctl --no-pager -o cat -u $UNIT --since "@$TEST_START"; }
run_log_has() { run_log | grep -q -- "$1"; }
test_log_has() { test_log | grep -q -- "$1"; }

# Attached: the service is active and the kernel runs cellflash.
attached() {
	prop_is ActiveState active || fail "$UNIT is $(prop ActiveState)/$(prop SubState), not active"
	state_is enabled || fail "sched_ext is $(scx_state) while $UNIT is active"
	[ "$(scx_ops)" = cellflash ] || fail "root/ops is '$(scx_ops)', not cellflash"
}

# get PROPERTY: busctl's "TYPE VALUE" of a property of the scheduler object.
get() { busctl get-property $BUS_NAME $BUS_OBJ $BUS_NAME "$1"; }

# A drop-in for the unit: dropin NAME LINES...
dropin() {
	local name=$1
	shift
	mkdir -p /etc/systemd/system/$UNIT.d
	printf '%s\n' "$@" > /etc/systemd/system/$UNIT.d/$name.conf
	systemctl daemon-reload
}

PMQOS=/sys/devices/system/cpu/cpu%s/power/pm_qos_resume_latency_us
pm_qos_values() { for c in 0 1 2 3; do cat "$(printf $PMQOS $c)"; done | tr '\n' ' '; }
