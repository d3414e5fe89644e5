# A scheduler whose ops.init() fails still attaches, and the kernel reports
# the failure as an exit: the daemon notices at once, logs the kernel's
# message, never reports READY=1, and gives up after its retries.
CELLFLASH_BPF_OBJECT=/tests/bpf/cellflash-init-fail.linked.bpf.o start_daemon
wait $DAEMON_PID
rc=$?
[ $rc = 1 ] || fail "cellflashd exited $rc, not 1"
log_has 'The scheduler failed: BPF error (scx_bpf_error): failed to create queue 0x100000000: -12' ||
	fail "the failure in ops.init() was not logged"
log_has 'The scheduler failed 6 times in a row; giving up' || fail "no give-up message"
notified READY=1 && fail "READY=1 was sent although the scheduler never ran"
state_is disabled || fail "sched_ext is $(scx_state)"
