# A power-profile switch on the guest's system bus moves the primary domain
# the BPF side uses, within a second and without re-attaching: the CPUs are
# made hybrid (2 fast, 2 efficient) by a sysfs tree the daemon reads instead
# of /sys, and fake-ppd stands in for power-profiles-daemon.
start_system_bus
sys=/tmp/sys
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
bss() { bpftool map dump name cellflas.bss | grep -o "\"$1\": [a-z0-9]*" | cut -d' ' -f2; }

fake-ppd balanced &
wait_for 5 busctl status net.hadess.PowerProfiles || fail "fake-ppd did not start"
CELLFLASH_SYSFS_ROOT=$sys start_attached --idle-resume-us -1
wait_for 5 log_has 'Power profile balanced (from power-profiles-daemon)' || fail "the profile was not read"
seq=$(enable_seq)
pseq=$(bss power_seq)

busctl set-property net.hadess.PowerProfiles /net/hadess/PowerProfiles net.hadess.PowerProfiles \
	ActiveProfile s power-saver
wait_for 1 log_has 'power profile power-saver (from power-profiles-daemon); primary domain powersave: 2-3' ||
	fail "power-saver did not make CPUs 2-3 the primary domain within 1 s"
[ "$(bss power_seq)" -gt "$pseq" ] || fail "the BPF side did not apply it (power_seq $pseq)"
[ "$(bss primary_partial)" = true ] || fail "the BPF side has no partial primary domain"
wakeup 3 1000 > /dev/null &
w=$!
sleep 0.5
sample_cpus $w 20 /tmp/cpus
wait $w
echo "under power-saver the sleeper ran on: $(sort /tmp/cpus | uniq -c | tr -s ' \n' ' ')"
[ "$(grep -cE '^[23] $' /tmp/cpus)" -ge 16 ] || fail "under power-saver, the sleeper did not keep to CPUs 2-3"

pseq=$(bss power_seq)
busctl set-property net.hadess.PowerProfiles /net/hadess/PowerProfiles net.hadess.PowerProfiles \
	ActiveProfile s performance
wait_for 1 log_has 'power profile performance (from power-profiles-daemon); primary domain all: 0-3' ||
	fail "performance did not make all CPUs primary within 1 s"
[ "$(bss power_seq)" -gt "$pseq" ] || fail "the BPF side did not apply performance"
[ "$(bss primary_partial)" = false ] || fail "the BPF side still has a partial primary domain"

[ "$(enable_seq)" = "$seq" ] || fail "the scheduler was re-attached (enable_seq $seq -> $(enable_seq))"
[ "$(grep -c 'Attached the cellflash' $DAEMON_LOG)" = 1 ] || fail "the daemon attached more than once"
stop_daemon
