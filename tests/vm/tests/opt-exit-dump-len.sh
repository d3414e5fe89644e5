# --exit-dump-len: the kernel's dump of a failure, as logged, is at most that
# long (and longer by default).
dump_bytes() {	# bytes of the first dump in the daemon's log
	sed -n "/The kernel's dump of the failure:/,/^cellflashd: [A-Z]/p" "$DAEMON_LOG" |
		sed '1d;$d' | wc -c
}
fault() {	# fault ARGS...: run the failing scheduler until its first failure
	CELLFLASH_BPF_OBJECT=/tests/bpf/cellflash-fault.linked.bpf.o start_daemon "$@"
	wait_for 20 log_has 'Re-attaching in' || fail "the failure was not reported"
	kill -TERM $DAEMON_PID
	wait $DAEMON_PID
}
fault
full=$(dump_bytes)
fault --exit-dump-len 1024
short=$(dump_bytes)
echo "dump: $full bytes by default, $short with --exit-dump-len 1024"
[ "$full" -gt 1200 ] || fail "the default dump is only $full bytes"
[ "$short" -gt 0 ] && [ "$short" -le 1100 ] || fail "with --exit-dump-len 1024 the dump is $short bytes"
