# Every scheduling and cell option of cellflashd works under the unit's sandbox
# (given through /etc/default/cellflash, as an administrator would): the
# service attaches, nothing is refused, and it stops cleanly.
# with OPTS [LINE...]: start with CELLFLASH_OPTS=OPTS, check that the
# journal of the run has each LINE, stop.
with() {
	echo "CELLFLASH_OPTS=\"$1\"" > /etc/default/cellflash
	TEST_START=$(date +%s)
	systemctl start $UNIT || fail "$1: systemctl start failed"
	attached
	sleep 2		# a few --stats lines
	run_log_has 'Permission denied\|Operation not permitted\|Read-only file system' &&
		fail "$1: the sandbox refused something: $(run_log | grep 'Permission denied\|Operation not permitted\|Read-only')"
	run_log_has 'The scheduler failed' && fail "$1: the scheduler failed: $(run_log | grep -A1 'The scheduler failed')"
	for want in "${@:2}"; do
		run_log_has "$want" || fail "$1: the journal has no '$want'"
	done
	systemctl stop $UNIT || fail "$1: systemctl stop failed"
	prop_is ExecMainStatus 0 || fail "$1: cellflashd exited $(prop ExecMainStatus) on SIGTERM"
	state_is disabled || fail "$1: sched_ext is $(scx_state) after stop"
}
with "--slice-us=500 --slice-us-lag=10000 --throttle-us=100 --tickless --wakeup-throttle --disable-smt --cpufreq --idle-resume-us=70 --exit-dump-len=65536 --stats=0.5 --debug --verbose --log-level=debug --primary-domain=0-1" \
	'Set pm_qos_resume_latency_us to 70 us on 4 CPUs' 'libbpf: ' 'dispatches' 'primary domain cpus: 0-1'
with "--rr-sched --disable-numa --primary-domain=performance --cpu-controller-disabled"
# The cell options: system.slice's units become cells (the cgroup tree is
# read-only in the sandbox, and only read).
with "--cell-parent-cgroup=system.slice --cell-exclude=dbus.service,systemd-journald.service --cell0-min-cpus=2 --rebalance-cpus-interval-s=0.5 --reconfiguration-interval-s=1 --monitor-interval-s=0.5 --enable-llc-awareness --enable-work-stealing --reject-multicpu-pinning --exiting-task-workaround=false --debug-events --run-id=7 --stats=0.5" \
	'New cell [0-9]*: system.slice/cellflash.service, CPUs by demand' 'cell 0 (everything else): '
with "--primary-domain=none --idle-resume-us=-1"
