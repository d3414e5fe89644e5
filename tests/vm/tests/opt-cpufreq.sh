# CPU performance levels: with --cpufreq they follow load (a busy CPU goes to
# full speed, an idle one stays low); without, maximum, or minimum in the
# powersave domain. (The levels are what the scheduler asked for: the guest
# has no cpufreq driver to act on them.)
start_attached --cpufreq --stats 1
taskset -c 1 spin 4 > /dev/null &
h=$!
sleep 3
last_stats
last_stats | grep -q 'CPU levels [0-9]*-1024' || fail "--cpufreq: the busy CPU is not at full speed"
last_stats | grep -Eq 'CPU levels (0|[1-4][0-9]{0,2}|5[01][0-9]|512)-' || fail "--cpufreq: no CPU is low"
wait $h
stop_daemon

start_attached --stats 1
sleep 1.5
last_stats | grep -q 'CPU levels 1024-1024' || fail "default: levels are not all maximum: $(last_stats)"
stop_daemon

start_attached --primary-domain powersave --stats 1
sleep 1.5
last_stats | grep -q 'CPU levels 0-0' || fail "powersave: levels are not all minimum: $(last_stats)"
stop_daemon
