# --throttle-us: every CPU idles for the throttle time after each slice of
# running, so a CPU hog gets about slice / (slice + throttle) of a CPU.
share() {	# share PID: percent of a CPU over 3 s
	local t0=$(ticks $1)
	sleep 3
	echo $(( ($(ticks $1) - t0) / 3 ))
}
start_attached
spin 5 > /dev/null &
h=$!
sleep 1
full=$(share $h)
wait $h
stop_daemon

start_attached --slice-us 5000 --throttle-us 5000
spin 5 > /dev/null &
h=$!
sleep 1
half=$(share $h)
wait $h
echo "a CPU hog's share: ${full}% unthrottled, ${half}% with 5 ms on / 5 ms off"
[ "$full" -ge 85 ] || fail "unthrottled, the hog got only ${full}%"
[ "$half" -ge 30 ] && [ "$half" -le 60 ] || fail "throttled 50%, the hog got ${half}%"
stop_daemon
