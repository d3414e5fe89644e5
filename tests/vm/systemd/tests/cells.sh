# Cells made the ways cellflash(7) tells, under the unit's sandbox (the
# cgroup tree read-only, watched with inotify): a unit given AllowedCPUs=
# becomes a cell confined to them within a second and follows
# systemctl set-property; with --cell-parent-cgroup=workload.slice, a unit
# started in that slice becomes a cell sized by demand whose tasks run on
# its CPUs only; each cell goes away with its unit.
cleanup() {
	systemctl stop cells-pinned.service cells-demand.service workload.slice > /dev/null 2>&1
	systemctl reset-failed cells-pinned.service cells-demand.service > /dev/null 2>&1
}
trap cleanup EXIT
cleanup
spin='for i in 1 2; do (while :; do :; done) & done; wait'

# cpus LIST: the CPUs of a list like "0,2-3", one a line.
cpus() {
	local r
	for r in ${1//,/ }; do seq "${r%-*}" "${r#*-}"; done
}
# cell_cpus PATH: the CPUs of the cell of cgroup PATH in the last
# assignment the daemon logged ("Rebalanced: ...; cell 2 workload.slice/x.service: 1-2.").
assignments() { run_log | grep -E '^(Cells changed|Rebalanced|Cells on the new set of CPUs): '; }
cell_cpus() {
	assignments | tail -n1 | tr ';' '\n' | sed -n "s|^ *cell [0-9]* $1: \([0-9,-]*\).*|\1|p"
}
# logged_mono LINE: CLOCK_MONOTONIC (us) of this run's first journal line
# matching LINE, as the journal received it.
logged_mono() {
	journalctl --no-pager -o json _SYSTEMD_INVOCATION_ID="$(prop InvocationID)" | grep -m1 -- "$1" |
		grep -o '"__MONOTONIC_TIMESTAMP":"[0-9]*"' | grep -o '[0-9]*'
}
no_refusals() {
	run_log_has 'Permission denied\|Operation not permitted\|Read-only file system' &&
		fail "the sandbox refused something: $(run_log | grep 'Permission denied\|Operation not permitted\|Read-only')"
	run_log_has 'The scheduler failed' && fail "the scheduler failed: $(run_log | grep -A1 'The scheduler failed')"
	return 0
}

# --- AllowedCPUs= -----------------------------------------------------------
systemctl start $UNIT || fail "systemctl start failed"
attached
systemd-run --quiet --unit=cells-pinned -p AllowedCPUs=2-3 sleep infinity ||
	fail "systemd-run -p AllowedCPUs=2-3 failed"
line='New cell [0-9]*: system.slice/cells-pinned.service, confined to CPUs 2-3\.'
wait_for 5 run_log_has "$line" || fail "the unit with AllowedCPUs=2-3 did not become a cell confined to 2-3"
# From the unit's start (its cgroup and cpuset are there before) to the log
# line, both CLOCK_MONOTONIC: polling from here would add its own delay.
ms=$(( ($(logged_mono "$line") - $(systemctl show -P ExecMainStartTimestampMonotonic cells-pinned.service)) / 1000 ))
[ $ms -le 1000 ] || fail "the cell appeared ${ms} ms after its unit started, not within 1 s"
echo "the cell appeared ${ms} ms after its unit started"
wait_for 2 eval '[ "$(cell_cpus system.slice/cells-pinned.service)" = 2-3 ]' ||
	fail "the cell does not have CPUs 2-3: $(assignments | tail -n1)"

systemctl set-property --runtime cells-pinned.service AllowedCPUs=3 ||
	fail "systemctl set-property AllowedCPUs=3 failed"
wait_for 2 run_log_has 'Cell [0-9]* (system.slice/cells-pinned.service) is now confined to CPUs 3\.' ||
	fail "the cell did not follow AllowedCPUs=3"
systemctl stop cells-pinned.service
wait_for 2 run_log_has 'Cell [0-9]* (system.slice/cells-pinned.service) is gone' ||
	fail "the cell outlived its unit"
no_refusals
systemctl stop $UNIT || fail "systemctl stop failed"

# --- --cell-parent-cgroup ---------------------------------------------------
# cellflashd refuses a parent that is not there, and systemd creates a
# slice's cgroup when the slice starts: the service starts it first.
dropin slice "[Unit]" "Wants=workload.slice" "After=workload.slice"
# Cell 0 keeps two CPUs: under TCG the spinning CPUs take most of the
# host's time, and everything else (the test included) runs in cell 0.
echo 'CELLFLASH_OPTS="--cell-parent-cgroup=workload.slice --cell0-min-cpus=2 --rebalance-cpus-interval-s=0.5 --monitor-interval-s=0.5"' \
	> /etc/default/cellflash
systemctl start $UNIT || fail "systemctl start with --cell-parent-cgroup=workload.slice failed"
attached
systemd-run --quiet --unit=cells-demand --slice=workload.slice sh -c "$spin" ||
	fail "systemd-run --slice=workload.slice failed"
wait_for 5 run_log_has 'New cell [0-9]*: workload.slice/cells-demand.service, CPUs by demand\.' ||
	fail "the unit in workload.slice did not become a cell"
echo "the cell is there: $(assignments | tail -n1)"
# Two spinning loops against an idle cell 0: the cell grows past one CPU.
wait_for 15 eval '[ "$(cpus "$(cell_cpus workload.slice/cells-demand.service)" | wc -l)" -ge 2 ]' ||
	fail "the busy cell did not get a second CPU: $(assignments | tail -n1)"
echo "the cell grew: $(assignments | tail -n1)"
# Its running tasks are on its CPUs only, while the assignment holds (a
# sleeping one shows where it last ran, maybe before the cell was there).
# Builtins only: forks are slow while two CPUs spin.
mine=$(cell_cpus workload.slice/cells-demand.service)
allowed=" $(cpus "$mine" | tr '\n' ' ') "
pids=$(cat /sys/fs/cgroup/workload.slice/cells-demand.service/cgroup.procs)
off=
seen=0
for i in $(seq 10); do
	for p in $pids; do
		read -r -a st < /proc/$p/stat || continue
		[ "${st[2]}" = R ] || continue
		seen=$((seen + 1))
		case $allowed in
		*" ${st[38]} "*) ;;
		*) off="$off $p@${st[38]}" ;;
		esac
	done
	sleep 0.1
done
[ $seen -gt 0 ] || fail "none of the cell's tasks $pids was ever seen running"
if [ "$(cell_cpus workload.slice/cells-demand.service)" = "$mine" ] && [ -n "$off" ]; then
	fail "tasks of the cell (CPUs $mine) ran elsewhere:$off"
fi
echo "$seen samples of the cell's running tasks, all on CPUs $mine"
systemctl stop cells-demand.service
wait_for 2 run_log_has 'Cell [0-9]* (workload.slice/cells-demand.service) is gone' ||
	fail "the cell outlived its unit"
no_refusals
systemctl stop $UNIT || fail "systemctl stop failed"
prop_is ExecMainStatus 0 || fail "cellflashd exited $(prop ExecMainStatus) on SIGTERM"
