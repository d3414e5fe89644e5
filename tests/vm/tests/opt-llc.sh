# qemu: -smp 4,sockets=2,cores=2,threads=1
# --enable-llc-awareness on a guest with two LLCs (CPUs 0-1 and 2-3): a queue
# per cell and LLC, and CPU hogs still use every CPU; --enable-work-stealing
# lets an idle CPU take from the other LLC's queue (steals are counted), and
# without it no CPU ever does.
rodata() { bpftool map dump name cellflas.rodata | grep -o "\"$1\": [a-z0-9]*" | grep -o '[a-z0-9]*$'; }
# A load that leaves CPUs idle now and then: short sleeps between bursts.
load() {
	spin 4 4 > /dev/null &
	hogs=$!
	wakeup 4 2000 > /dev/null &
	wakers=$!
	sleep 1
	sample_workers $hogs 20 /tmp/hogs
	wait $hogs $wakers
}

start_attached --enable-llc-awareness --enable-work-stealing --stats 1
[ "$(rodata nr_domains)" = 2 ] || fail "nr_domains is '$(rodata nr_domains)', not 2 LLCs"
[ "$(rodata work_stealing)" = true ] || fail "work_stealing is '$(rodata work_stealing)'"
load
echo "hogs ran on: $(tr ' ' '\n' < /tmp/hogs | grep . | sort | uniq -c | tr -s ' \n' ' ')"
[ "$(distinct_cpus /tmp/hogs)" = 4 ] || fail "the hogs did not use all 4 CPUs across both LLCs"
sleep 1.2
steals=$(stat_sum steals)
echo "steals with --enable-work-stealing: $steals"
[ "$steals" -gt 0 ] || fail "no steals with --enable-work-stealing: $(last_stats)"
stop_daemon

start_attached --enable-llc-awareness --stats 1
[ "$(rodata work_stealing)" = false ] || fail "work_stealing is '$(rodata work_stealing)' without the option"
load
[ "$(distinct_cpus /tmp/hogs)" = 4 ] || fail "without stealing the hogs did not use all 4 CPUs"
sleep 1.2
[ "$(stat_sum steals)" = 0 ] || fail "steals without --enable-work-stealing: $(stat_sum steals)"
stop_daemon
