# The real power-profiles-daemon (Debian's, started by systemd as on a
# desktop; in a VM its placeholder driver offers power-saver and balanced),
# switched with powerprofilesctl, moves the primary domain within a second,
# without re-attaching. The guest's CPUs are all alike, so the service reads
# a sysfs tree that makes them hybrid (CPUs 0-1 fast, 2-3 efficient)
# through CELLFLASH_SYSFS_ROOT, set in a drop-in.
sys=/run/cellflash-test-sys
mkdir -p $sys/devices/system/cpu
ln -s /sys/kernel $sys/kernel
echo 0-3 > $sys/devices/system/cpu/possible
echo 0-3 > $sys/devices/system/cpu/online
for c in 0 1 2 3; do
	mkdir -p $sys/devices/system/cpu/cpu$c/topology
	echo $c > $sys/devices/system/cpu/cpu$c/topology/thread_siblings_list
	[ $c -lt 2 ] && echo 1024 > $sys/devices/system/cpu/cpu$c/cpu_capacity
	[ $c -ge 2 ] && echo 512 > $sys/devices/system/cpu/cpu$c/cpu_capacity
done
dropin sysfs "[Service]" "Environment=CELLFLASH_SYSFS_ROOT=$sys"
echo 'CELLFLASH_OPTS="--idle-resume-us=-1"' > /etc/default/cellflash
bss() { bpftool map dump name cellflas.bss | grep -o "\"$1\": [a-z0-9]*" | cut -d' ' -f2; }
# The delay of a switch runs from power-profiles-daemon's PropertiesChanged
# signal, as a bus monitor received it, to the journal receiving the
# daemon's log line (both realtime, in us): powerprofilesctl is a Python
# program whose start alone takes most of a second under TCG.
# signal_us PROFILE: when power-profiles-daemon announced PROFILE.
signal_us() {
	grep '"member":"PropertiesChanged"' /tmp/ppd.monitor |
		grep -F "\"ActiveProfile\":{\"type\":\"s\",\"data\":\"$1\"}" | head -n1 |
		grep -o '"timestamp-realtime":[0-9]*' | cut -d: -f2
}
# logged_us LINE: when the journal received this run's first line matching LINE.
logged_us() {
	journalctl --no-pager -o short-unix _SYSTEMD_INVOCATION_ID="$(prop InvocationID)" |
		grep -m1 -- "$1" | cut -d' ' -f1 | tr -d .
}
# switch_to PROFILE LINE: powerprofilesctl set PROFILE; the daemon logs LINE within 1 s.
switch_to() {
	local t0 t1 d
	powerprofilesctl set "$1" || fail "powerprofilesctl set $1 failed"
	wait_for 10 run_log_has "$2" || fail "$1: the daemon did not log '$2'"
	t0=$(signal_us "$1")
	t1=$(logged_us "$2")
	[ -n "$t0" ] || fail "$1: the bus monitor saw no PropertiesChanged from power-profiles-daemon"
	d=$(awk "BEGIN { printf \"%.3f\", ($t1 - $t0) / 1e6 }")
	echo "$1: the primary domain moved $d s after power-profiles-daemon announced it"
	awk "BEGIN { exit !($d <= 1) }" || fail "$1: the primary domain moved $d s after the switch (more than 1 s)"
}

systemctl start power-profiles-daemon.service || fail "power-profiles-daemon did not start"
powerprofilesctl list
[ "$(powerprofilesctl get)" = balanced ] || fail "power-profiles-daemon starts in $(powerprofilesctl get), not balanced"
powerprofilesctl list | grep -q power-saver || fail "power-profiles-daemon offers no power-saver"

systemctl start $UNIT || fail "systemctl start failed"
attached
wait_for 5 run_log_has 'Power profile balanced (from power-profiles-daemon)' ||
	fail "the service did not read the profile from power-profiles-daemon"
seq=$(enable_seq)
pseq=$(bss power_seq)

busctl monitor --json=short net.hadess.PowerProfiles > /tmp/ppd.monitor 2>&1 &
monitor=$!
sleep 1
switch_to power-saver 'power profile power-saver (from power-profiles-daemon); primary domain powersave: 2-3'
[ "$(bss power_seq)" -gt "$pseq" ] || fail "the BPF side did not apply it (power_seq $pseq)"
[ "$(bss primary_partial)" = true ] || fail "the BPF side has no partial primary domain"

pseq=$(bss power_seq)
switch_to balanced 'power profile balanced (from power-profiles-daemon); primary domain all: 0-3'
kill $monitor
[ "$(bss power_seq)" -gt "$pseq" ] || fail "the BPF side did not apply balanced"
[ "$(bss primary_partial)" = false ] || fail "the BPF side still has a partial primary domain"

[ "$(enable_seq)" = "$seq" ] || fail "the scheduler was re-attached (enable_seq $seq -> $(enable_seq))"
[ "$(run_log | grep -c 'Attached the cellflash')" = 1 ] || fail "the daemon attached more than once"
systemctl stop $UNIT power-profiles-daemon.service
state_is disabled || fail "sched_ext is $(scx_state) after stop"
