# --tickless: a task alone on its CPU keeps an infinite slice (no slice is
# ever renewed for it, unlike the default), and two tasks sharing a CPU still
# take turns: the 10 ms check preempts a task that ran a slice while another
# waits. Without it the first runs on and the second starts only when the
# first exits; each spins for 4 s of wall time from its own start, so their
# loop counts alone cannot tell turns from that: their CPU times halfway can.
start_attached --stats 1
taskset -c 1 spin 3 > /dev/null
default_kept=$(stat_sum "kept running")
stop_daemon
[ "$default_kept" -gt 100 ] || fail "by default a lone task renewed its slice only $default_kept times"

start_attached --tickless --stats 1
taskset -c 1 spin 3 > /dev/null
kept=$(stat_sum "kept running")
echo "slices renewed: $default_kept by default, $kept tickless"
[ "$kept" -lt 10 ] || fail "tickless: $kept slices renewed"

taskset -c 2 spin 4 > /tmp/a &
a=$!
taskset -c 2 spin 4 > /tmp/b &
b=$!
sleep 2
ta=$(ticks $a) tb=$(ticks $b)
wait $a $b
echo "two tasks on one CPU: $ta and $tb ticks of CPU time after 2 s"
[ "$ta" -gt 40 ] && [ "$tb" -gt 40 ] ||
	fail "tickless: two tasks on one CPU did not take turns: $ta and $tb ticks in their first 2 s"
echo "two tasks on one CPU: $(cat /tmp/a) and $(cat /tmp/b) loops"
[ $(( $(cat /tmp/a) * 2 )) -gt "$(cat /tmp/b)" ] && [ $(( $(cat /tmp/b) * 2 )) -gt "$(cat /tmp/a)" ] ||
	fail "tickless: two tasks on one CPU did not share it evenly: $(cat /tmp/a) vs $(cat /tmp/b) loops"
stop_daemon
