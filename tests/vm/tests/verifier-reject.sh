# A scheduler the verifier rejects: exit 1 with a clear error and the tail
# of the verifier's log; nothing stays attached.
CELLFLASH_BPF_OBJECT=/tests/bpf/cellflash-reject.linked.bpf.o cellflashd > /tmp/out.log 2>&1
rc=$?
cat /tmp/out.log
[ $rc = 1 ] || fail "cellflashd exited $rc, not 1"
grep -q "The kernel's BPF verifier rejected the scheduler's program 'cellflash_" /tmp/out.log ||
	fail "no verifier-rejection error"
grep -q "R1 invalid mem access" /tmp/out.log || fail "the verifier's error is missing from the excerpt"
state_is disabled || fail "sched_ext is $(scx_state)"
