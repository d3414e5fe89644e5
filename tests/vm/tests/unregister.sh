# An operator detaching the scheduler's link (bpftool link detach) is an
# unregister: the daemon notices at once and stays out.
start_attached
link=$(bpftool link show | sed -n 's/^\([0-9]*\): struct_ops .*/\1/p' | head -n1)
[ -n "$link" ] || fail "no struct_ops link: $(bpftool link show)"
bpftool link detach id "$link" || fail "bpftool link detach failed"
wait_for 10 log_has 'staying detached' || fail "the unregister was not reported"
log_has 'unregistered from user space' || fail "the log does not give the kernel's reason"
sleep 2
state_is disabled || fail "sched_ext is $(scx_state): the daemon re-attached"
alive $DAEMON_PID || fail "cellflashd exited"
stop_daemon
