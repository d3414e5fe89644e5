# --debug-events: cgroup and task events go to a ring that the kernel's
# debug dump (SysRq-D) prints and bpftool reads; without the option the
# dump has no such section and the ring stays empty. SysRq-D writes the dump
# to the sched_ext_dump trace event only.
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
TR=/sys/kernel/tracing
echo 1 > $TR/events/sched_ext/sched_ext_dump/enable || fail "no sched_ext_dump trace event"
sysrq_dump() {	# sysrq_dump FILE: the dump SysRq-D makes, a line per trace record
	echo > $TR/trace
	echo D > /proc/sysrq-trigger
	sleep 0.5
	cat $TR/trace > "$1"
}
echo +cpu > $CG/cgroup.subtree_control || fail "cannot enable the cpu controller"
events_next() { bpftool map dump name cellflas.bss | grep -o '"debug_events_next": [0-9]*' | grep -o '[0-9]*$'; }

start_attached --debug-events
mkdir $CG/ev
rmdir $CG/ev
sh -c true
sleep 0.5	# a cgroup exits once its last reference is gone
[ "$(events_next)" -gt 0 ] || fail "debug_events_next did not move"
bpftool map dump name debug_events | grep -q '"type": 2' || fail "bpftool shows no init_task event"
sysrq_dump /tmp/dump
grep -m1 'debug events:' /tmp/dump || fail "the dump has no debug events"
grep -q 'init_task cgroup [0-9]* pid [0-9]' /tmp/dump || fail "no init_task event in the dump"
grep -q 'cgroup_init cgroup' /tmp/dump || fail "no cgroup_init event in the dump"
grep -q 'cgroup_exit cgroup' /tmp/dump || fail "no cgroup_exit event in the dump"
grep -q 'cell 0: 4 CPUs' /tmp/dump || fail "the dump does not show the cells"
stop_daemon

start_attached
sh -c true
[ "$(events_next)" = 0 ] || fail "without --debug-events the ring filled"
sysrq_dump /tmp/dump
grep -q 'cell 0: 4 CPUs' /tmp/dump || fail "the second dump is empty: the check below would prove nothing"
grep -q 'debug events:' /tmp/dump && fail "without --debug-events the dump has events"
stop_daemon
