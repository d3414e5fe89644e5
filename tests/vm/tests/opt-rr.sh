# --rr-sched: tasks take fixed turns whatever their weight; by default a
# nice 0 task gets about three times the CPU of a nice 5 one.
pair() {	# the nice-0 task's CPU time over the nice-5 task's, in percent
	taskset -c 2 spin 5 > /dev/null &
	a=$!
	taskset -c 2 spin 5 > /dev/null &
	b=$!
	renice -n 5 -p $b > /dev/null
	sleep 1
	ta=$(ticks $a)
	tb=$(ticks $b)
	sleep 3
	echo $(( ($(ticks $a) - ta) * 100 / ($(ticks $b) - tb + 1) ))
	wait $a $b
}
start_attached
weighted=$(pair)
stop_daemon
start_attached --rr-sched
rr=$(pair)
echo "nice 0 over nice 5: ${weighted}% by weight, ${rr}% round-robin"
[ "$weighted" -ge 220 ] || fail "by weight, nice 0 got only ${weighted}% of nice 5"
[ "$rr" -ge 70 ] && [ "$rr" -le 140 ] || fail "round-robin, nice 0 got ${rr}% of nice 5"
stop_daemon
