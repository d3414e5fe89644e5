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
[ "$(grep -c 'Attached the cellflash' $DAEMON_LOG)" = 1 ] || fail "the first daemon was disturbed"
stop_daemon

# A second cellflashd that got past that check (with its own runtime
# directory) is refused by the instance lock first.
start_attached --idle-resume-us=40
mkdir -p /tmp/fakesys/kernel/sched_ext/root
echo disabled > /tmp/fakesys/kernel/sched_ext/state
echo cellflash > /tmp/fakesys/kernel/sched_ext/root/ops
ln -s /sys/devices /tmp/fakesys/devices
CELLFLASH_SYSFS_ROOT=/tmp/fakesys cellflashd > /tmp/second.log 2>&1
rc=$?
cat /tmp/second.log
[ $rc = 1 ] || fail "past the check: exit $rc, not 1"
grep -q "Another cellflashd is running (it holds /run/cellflash/lock)" /tmp/second.log ||
	fail "no clear error from the instance lock"
[ -f /run/cellflash/pm-qos-saved ] || fail "the second daemon removed the first one's pm_qos state"
[ "$(cat /sys/devices/system/cpu/cpu0/power/pm_qos_resume_latency_us)" = 40 ] ||
	fail "the second daemon changed the first one's pm_qos values"

# The same refusal when the race is lost at attach time (sysfs said
# "disabled", the kernel then said -EBUSY): a fake sysfs passes the check,
# another runtime directory the lock.
mkdir -p /tmp/rt2
RUNTIME_DIRECTORY=/tmp/rt2 CELLFLASH_SYSFS_ROOT=/tmp/fakesys cellflashd --idle-resume-us=-1 > /tmp/second.log 2>&1
rc=$?
cat /tmp/second.log
[ $rc = 1 ] || fail "at attach time: exit $rc, not 1"
grep -q "Another sched_ext scheduler, 'cellflash', is already loaded" /tmp/second.log ||
	fail "at attach time: no clear 'already loaded' error"
state_is enabled || fail "sched_ext is $(scx_state) after the attach-time refusal"
stop_daemon
