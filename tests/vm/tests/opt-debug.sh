# --debug: the scheduler's decisions appear in the kernel's trace buffer;
# without it, none do.
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
T=/sys/kernel/tracing/trace
load() {
	for i in 1 2 3 4 5 6; do spin 2 > /dev/null & done
	sleep 2.5
}
echo > $T
start_attached
load
stop_daemon
[ "$(grep -c 'cellflash:' $T)" = 0 ] || fail "without --debug, the trace has cellflash lines"

echo > $T
start_attached --debug
# Before the load, whose lines soon fill the trace ring.
grep -q 'cellflash: cells applied' $T || fail "--debug: no trace of the initial configuration"
load
stop_daemon
grep 'cellflash:' $T | head -3
grep -q 'cellflash: queued pid' $T || fail "--debug: no trace of queueing decisions"
