# The permanent errors are not restarted (RestartPreventExitStatus=2 4 5),
# options come from /etc/default/cellflash, and a start that fails leaves
# sched_ext alone.
# try OPTS ENV STATUS WHAT: start with CELLFLASH_OPTS=OPTS and Environment=ENV; expect exit STATUS, no restart.
try() {
	echo "CELLFLASH_OPTS=\"$1\"" > /etc/default/cellflash
	rm -rf /etc/systemd/system/$UNIT.d
	[ -n "$2" ] && dropin env "[Service]" "Environment=$2"
	systemctl daemon-reload
	systemctl reset-failed $UNIT
	systemctl start $UNIT > /dev/null 2>&1 && fail "$4: the start succeeded"
	prop_is ExecMainStatus "$3" || fail "$4: exit status $(prop ExecMainStatus), not $3"
	sleep 2	# beyond RestartSec
	prop_is NRestarts 0 || fail "$4: systemd restarted it $(prop NRestarts) times"
	prop_is ActiveState failed || fail "$4: $UNIT is $(prop ActiveState), not failed"
	state_is disabled || fail "$4: sched_ext is $(scx_state)"
}
try "--slice-us=5" "" 2 "a bad option"
test_log_has 'slice-us: .5. is not a number of microseconds' || fail "the bad option was not logged"
try "--primary-domain=7-9" "" 2 "a primary domain of CPUs that do not exist"
try "" "CELLFLASH_SYSFS_ROOT=/run/no-such-sysfs" 5 "a kernel without sched_ext"

# A failure that may pass is restarted: another scheduler holds sched_ext
# (a cellflashd started by hand, with its own runtime directory); once it
# is gone, systemd's next restart attaches.
echo 'CELLFLASH_OPTS="--idle-resume-us=-1"' > /etc/default/cellflash
rm -rf /etc/systemd/system/$UNIT.d
systemctl daemon-reload
systemctl reset-failed $UNIT
RUNTIME_DIRECTORY=/run/other-cellflash cellflashd --idle-resume-us=-1 > /tmp/other.log 2>&1 &
other=$!
wait_for 30 state_is enabled || fail "the hand-started cellflashd did not attach: $(cat /tmp/other.log)"
systemctl start $UNIT > /dev/null 2>&1 && fail "the service started while another scheduler was loaded"
prop_is ExecMainStatus 1 || fail "with another scheduler loaded: exit $(prop ExecMainStatus), not 1"
wait_for 10 eval '[ "$(prop NRestarts)" -ge 1 ]' || fail "exit 1 was not restarted"
kill -TERM $other
wait $other
wait_for 30 prop_is ActiveState active || fail "the restarted service did not attach once sched_ext was free"
attached
systemctl stop $UNIT
