#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cellflashctl and cellflashd --monitor/--help-stats against the test double
# of cellflashd on a private system bus (bus-double, see bus.sh). TAP.
#   ctl.sh CELLFLASHCTL CELLFLASHD BUS-DOUBLE DBUS-DIR
set -u
ctl=$1
daemon=$2
double=$3
dbusdir=$(cd "$4" && pwd)
PY=/usr/bin/python3
. "$(dirname "$0")/tap.sh"

echo "1..30"
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
	for i in $(seq 30); do echo "ok $i - cellflashctl case $i # SKIP needs root and setpriv"; done
	exit 0
fi
T=$(mktemp -d)
chmod 755 "$T"
out=$T/out
. "$(dirname "$0")/private-bus.sh"

json_get() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval("d" + sys.argv[2]))' "$out" "$1"; }
# Every line of $out is a JSON object with these keys.
json_lines() {
	"$PY" -c 'import json,sys
keys = sys.argv[2:]
n = 0
for line in open(sys.argv[1]):
    d = json.loads(line); n += 1
    assert all(k in d for k in keys), line
assert n > 0' "$out" "$@"
}

# --- usage, and no daemon -------------------------------------------------------
run "$ctl" --help
check "--help lists every command" \
	eval '[ $rc = 0 ] && for c in status monitor cells set-primary-domain rebalance restart; do has "^  $c\( \|$\)" || exit 1; done'
run "$ctl" --version
check "--version" eval '[ $rc = 0 ] && has "^cellflashctl [0-9]"'
bad=0
for args in "" "bogus" "restart --json" "status extra" "monitor --interval=0" "monitor --interval=x" \
	"status --interval=2" "--no-such-option status" "set-primary-domain" "set-primary-domain 0 1" \
	"cells extra" "rebalance --json" "set-primary-domain --json all"; do
	# shellcheck disable=SC2086 # split on purpose
	run "$ctl" $args
	{ [ $rc = 2 ] && lines 1; } || { echo "# '$args': rc $rc"; bad=1; }
done
check "bad usage exits 2 with one line" eval '[ $bad = 0 ]'

run env DBUS_SYSTEM_BUS_ADDRESS=unix:path=$T/none "$ctl" status
check "without a system bus: not running, one line, exit 3" eval '[ $rc = 3 ] && lines 1 && has "cellflashd is not running"'

start_private_bus
for cmd in status "status --json" restart cells "set-primary-domain all" rebalance; do
	# shellcheck disable=SC2086
	run "$ctl" $cmd
	{ [ $rc = 3 ] && lines 1 && has "cellflashd is not running"; } || break
done
check "without the daemon every command says it is not running, exit 3" eval '[ $rc = 3 ] && lines 1'
run timeout 10 "$daemon" --monitor 0.2
check "cellflashd --monitor without the daemon: exit 3, one line" eval '[ $rc = 3 ] && lines 1'

# --- reading -------------------------------------------------------------------
start_double
run "$ctl" status
check "status summarizes state, version, options and counters" \
	eval '[ $rc = 0 ] && has "scheduler cellflash: attached" && has "Restarts:   0" && has "Last exit:  none" &&
	      has "slice 700 us" && has "Running:    1 of 4 CPUs" && has "Dispatches: [1-9][0-9]* since it attached"'
run "$ctl" status --json
check "status --json is JSON with the state, options and metrics" \
	eval '[ $rc = 0 ] && [ "$(json_get "[\"state\"]")" = attached ] && [ "$(json_get "[\"options\"][\"slice_us\"]")" = 700 ] &&
	      [ "$(json_get "[\"last_exit\"]")" = None ] && [ "$(json_get "[\"metrics\"][\"nr_online_cpus\"]")" = 4 ]'
run nobody "$ctl" status --json
check "nobody may read the status" eval '[ $rc = 0 ] && [ "$(json_get "[\"restart_count\"]")" = 0 ]'

run timeout 3 "$ctl" monitor --interval 0.2
check "monitor prints a line per interval with totals, rate and shares" \
	eval '[ $(grep -c "^attached   running 1/4 CPUs, dispatches [0-9]* total, +10 in 0\.[0-9]s ([0-9]*/s): kthread 10\.0%, direct 60\.0%, shared 30\.0%, cpu-queue 0\.0%$" "$out") -ge 2 ]'
run timeout 3 "$ctl" monitor --interval=0.2 --json
check "monitor --json prints a JSON object per line" \
	eval 'json_lines state interval_usec restarted nr_running shared_dispatches interval && [ $(wc -l < "$out") -ge 2 ]'
run timeout 3 "$daemon" --monitor 0.2
check "cellflashd --monitor prints the same lines" eval '[ $(grep -c "^attached   running 1/4 CPUs, dispatches" "$out") -ge 2 ]'
run "$daemon" --help-stats
check "cellflashd --help-stats describes every metric" \
	eval '[ $rc = 0 ] && for m in NrRunning NrOnlineCpus KthreadDispatches DirectDispatches SharedDispatches Timestamp AttachedAt \
		CpuQueueDispatches KeptRunning Moved WakeupThrottled AffinityViolations Steals CpuPerfMin CpuPerfMax; do
		has "^  $m " || exit 1; done'

run "$ctl" cells
check "cells lists each cell with its cgroup, CPUs and use" \
	eval '[ $rc = 0 ] && lines 2 && has "^cell 0 / (everything else): by demand, 2 CPUs (0-1), 25% busy" &&
	      has "^cell 1 /work.slice: cpuset, 2 CPUs (2-3), 50% busy, [0-9]* placements since attach$"'
run nobody "$ctl" cells --json
check "nobody gets cells --json: an array of cells" \
	eval '[ $rc = 0 ] && [ "$(json_get "[1][\"cgroup_path\"]")" = /work.slice ] && [ "$(json_get "[1][\"pinned\"]")" = True ] &&
	      [ "$(json_get "[0][\"nr_cpus\"]")" = 2 ] && [ "$(json_get "[1][\"local\"]")" -gt 0 ]'
run timeout 3 "$ctl" monitor --interval 0.2
check "monitor adds a line per cell with the interval's placements" \
	eval '[ $(grep -c "^  cell 1: 2 CPUs, placements [0-9]* (.*% of all): local .* - /work.slice$" "$out") -ge 2 ]'
run timeout 3 "$ctl" monitor --interval 0.2 --json
check "monitor --json gives each line the cells' intervals" \
	eval 'json_lines cells &&
	      "$PY" -c "import json,sys; d=json.loads(open(sys.argv[1]).readline()); assert d[\"cells\"][1][\"cgroup_path\"] == \"/work.slice\" and d[\"cells\"][1][\"interval\"][\"local\"] > 0" "$out"'

# --- changes -----------------------------------------------------------------------
run "$ctl" set-primary-domain fast
check "set-primary-domain with a bad domain: exit 1, one line saying why" \
	eval '[ $rc = 1 ] && lines 1 && has "Invalid primary domain: .fast. is not one of"'
run nobody "$ctl" --no-ask-password set-primary-domain 0-1
check "set-primary-domain as nobody without polkit: refused, exit 1" eval '[ $rc = 1 ] && lines 1'
run "$ctl" set-primary-domain 0-1
check "set-primary-domain as root: status shows the new domain" \
	eval '[ $rc = 0 ] && has "now .0-1." && "$ctl" status | grep -q "^  Primary:    0-1: cpus, CPUs 0-1$"'
run "$ctl" rebalance
check "rebalance as root: the cells are planned again" \
	eval '[ $rc = 0 ] && has "planned anew" && [ "$("$ctl" cells | wc -l)" = 3 ]'

# --- restart ---------------------------------------------------------------------
"$ctl" monitor --interval 0.2 >"$T/monitor" 2>&1 &
monitor=$!
pids+=($monitor)
wait_for 10 grep -q attached "$T/monitor"
run "$ctl" restart
check "restart as root re-attaches" eval '[ $rc = 0 ] && has "re-attached" && [ "$(busctl --system get-property org.cellflash.Scheduler1 /org/cellflash/Scheduler1 org.cellflash.Scheduler1 RestartCount)" = "u 1" ]'
check "the monitor marks the interval in which the counters started again" \
	wait_for 5 grep -q ' \[restarted\]$' "$T/monitor"
run nobody "$ctl" --no-ask-password restart
check "restart as nobody without polkit: refused in one line, exit 1, nothing changed" \
	eval '[ $rc = 1 ] && lines 1 && has "polkit is not running" &&
	      [ "$(busctl --system get-property org.cellflash.Scheduler1 /org/cellflash/Scheduler1 org.cellflash.Scheduler1 RestartCount)" = "u 1" ]'

kill -USR2 $double_pid
wait_for 5 eval '"$ctl" status | grep -q ": failed"'
run "$ctl" status
check "status shows the last exit" eval 'has "Last exit:  BPF error (code -22): scx_bpf_error: a \"quoted\"" && has "Metrics:    none"'
run "$ctl" status --json
check "status --json escapes the exit message" eval '[ "$(json_get "[\"last_exit\"][\"message\"]")" = "$(printf "a \"quoted\" message\twith a tab")" ]'
run "$ctl" restart
check "restart when the daemon gave up: exit 1, says why" eval '[ $rc = 1 ] && lines 1 && has "gave up"'
check "the monitor says 'no scheduler attached' meanwhile" wait_for 5 grep -q '^failed     no scheduler attached$' "$T/monitor"

kill $double_pid
wait $monitor
rc=$?
cp "$T/monitor" "$out"
check "the monitor ends with exit 3 when the daemon goes away" eval '[ $rc = 3 ] && [ "$(tail -n1 "$out")" = "cellflashctl: cellflashd is not running (org.cellflash.Scheduler1 is not on the system bus)." ]'
run "$ctl" status
check "status after the daemon went away: exit 3" eval '[ $rc = 3 ] && lines 1'

exit $failed
