# qemu: -object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1
# Two NUMA nodes, a queue each: six hogs use every CPU and share them
# fairly, however they were spread over the nodes at first.
[ -d /sys/devices/system/node/node1 ] || fail "the guest has no second NUMA node"
start_attached

ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }

hogs=""
for i in 1 2 3 4 5 6; do
	spin 15 > /tmp/spin.$i &
	hogs="$hogs $!"
done
sleep 1
before=""
for h in $hogs; do before="$before $(ticks $h)"; done
: > /tmp/cpus
for s in $(seq 10); do
	for h in $hogs; do cat /proc/$h/stat; done | awk '{ print $39 }' >> /tmp/cpus
	sleep 0.1
done
after=""
for h in $hogs; do after="$after $(ticks $h)"; done
[ $(echo $after | wc -w) = 6 ] || fail "the hogs ended before the sampling did"
wait $hogs
loops=$(cat /tmp/spin.*)
echo "loops per hog: $(echo $loops)"
echo "CPU samples: $(sort /tmp/cpus | uniq -c | tr -s ' \n' ' ')"
echo "ticks per hog: [$before ] -> [$after ]"
for cpu in 0 1 2 3; do
	grep -qx $cpu /tmp/cpus || fail "no hog ever ran on CPU $cpu"
done
set -- $before
for a in $after; do
	[ $((a - $1)) -gt 40 ] || fail "a hog got only $((a - $1)) ticks: starved ([$before ] -> [$after ])"
	shift
done
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
