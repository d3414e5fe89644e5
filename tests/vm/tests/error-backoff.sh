# A scheduler that fails at run time (scx_bpf_error): the daemon logs the
# kernel's reason and message, re-attaches with growing delays, and after
# repeated failures gives up with exit status 1.
start=$(date +%s)
CELLFLASH_BPF_OBJECT=/tests/bpf/cellflash-fault.linked.bpf.o start_daemon
wait $DAEMON_PID
rc=$?
elapsed=$(( $(date +%s) - start ))
[ $rc = 1 ] || fail "cellflashd exited $rc, not 1"
log_has 'The scheduler failed: BPF error (scx_bpf_error): injected fault' ||
	fail "the kernel's reason and message were not logged"
[ "$(grep -c 'The scheduler failed: BPF error' $DAEMON_LOG)" = 6 ] ||
	fail "expected 6 failures (1 + 5 retries), saw $(grep -c 'The scheduler failed' $DAEMON_LOG)"
for d in '0.5s (retry 1 of 5)' '1.0s (retry 2 of 5)' '2.0s (retry 3 of 5)' \
	 '4.0s (retry 4 of 5)' '8.0s (retry 5 of 5)'; do
	log_has "Re-attaching in $d" || fail "no 'Re-attaching in $d'"
done
log_has 'The scheduler failed 6 times in a row; giving up' || fail "no give-up message"
log_has "The kernel's dump of the failure" || fail "the kernel's dump was not logged"
[ "$elapsed" -ge 15 ] || fail "gave up after ${elapsed}s: the backoff delays were not waited"
notified 'STATUS=Failed' || fail "no STATUS=Failed"
state_is disabled || fail "sched_ext is $(scx_state)"
