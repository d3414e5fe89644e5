# qemu: -object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1
# Two NUMA nodes, a queue each: six hogs keep every CPU busy and share them
# fairly, however they were spread over the nodes at first.
[ -d /sys/devices/system/node/node1 ] || fail "the guest has no second NUMA node"
start_attached

ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
# Uptime in centiseconds, the unit of the tick counts.
uptime_cs() { awk '{ printf "%d", $1 * 100 }' /proc/uptime; }

hogs=""
for i in 1 2 3 4 5 6; do
	spin 15 > /tmp/spin.$i &
	hogs="$hogs $!"
done
sleep 1
before=""
for h in $hogs; do before="$before $(ticks $h)"; done
t0=$(uptime_cs)
sleep 3
t1=$(uptime_cs)
after=""
for h in $hogs; do after="$after $(ticks $h)"; done
[ $(echo $after | wc -w) = 6 ] || fail "the hogs ended before the sampling did"
wait $hogs
loops=$(cat /tmp/spin.*)
echo "loops per hog: $(echo $loops)"
echo "ticks per hog: [$before ] -> [$after ] in $((t1 - t0)) ticks of wall time"
# Together the hogs keep (nearly) all four CPUs busy: none idles while
# another node's queue holds work.
total=0
set -- $before
for a in $after; do
	total=$((total + a - $1))
	shift
done
[ $((total * 100)) -ge $(( (t1 - t0) * 350 )) ] ||
	fail "the hogs used $total ticks in $((t1 - t0)): CPUs idled"
# Each hog within 25% of the average: four hogs stuck on one node's two
# CPUs would get half of what the other node's two get.
set -- $loops
sum=0
for l in $loops; do sum=$((sum + l / 1000)); done
avg=$((sum / $#))
for l in $loops; do
	l=$((l / 1000))
	[ $((l * 100)) -ge $((avg * 75)) ] && [ $((l * 100)) -le $((avg * 125)) ] ||
		fail "unfair split across nodes: $(echo $loops) (average $avg thousand)"
done
stop_daemon
