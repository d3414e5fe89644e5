# A second daemon refuses to start, in one line naming the loaded scheduler,
# and the first one keeps running.
start_attached
first=$DAEMON_PID
cellflashd > /tmp/second.log 2>&1
rc=$?
cat /tmp/second.log
[ $rc = 1 ] || fail "the second cellflashd exited $rc, not 1"
grep -q "Another sched_ext scheduler, 'cellflash', is already loaded" /tmp/second.log ||
	fail "no clear 'already loaded' error: $(cat /tmp/second.log)"
[ "$(wc -l < /tmp/second.log)" = 1 ] || fail "the error is not one line"
sleep 1
alive $first || fail "the first cellflashd died"
state_is enabled || fail "sched_ext is $(scx_state)"
[ "$(scx_ops)" = cellflash ] || fail "root/ops is '$(scx_ops)'"
[ "$(grep -c 'Attached' $DAEMON_LOG)" = 1 ] || fail "the first daemon was disturbed"
stop_daemon

# The same refusal when the race is lost at attach time (sysfs said
# "disabled", the kernel then said -EBUSY): a fake sysfs passes the check.
start_attached
mkdir -p /tmp/fakesys/kernel/sched_ext/root
echo disabled > /tmp/fakesys/kernel/sched_ext/state
echo cellflash > /tmp/fakesys/kernel/sched_ext/root/ops
CELLFLASH_SYSFS_ROOT=/tmp/fakesys cellflashd > /tmp/second.log 2>&1
rc=$?
cat /tmp/second.log
[ $rc = 1 ] || fail "at attach time: exit $rc, not 1"
grep -q "Another sched_ext scheduler, 'cellflash', is already loaded" /tmp/second.log ||
	fail "at attach time: no clear 'already loaded' error"
state_is enabled || fail "sched_ext is $(scx_state) after the attach-time refusal"
stop_daemon
