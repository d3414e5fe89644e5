# qemu: -object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1
# --disable-numa: one shared queue for both nodes (a queue per node by
# default), and CPU time is still shared fairly.
start_attached
log_has 'NUMA nodes: 2, shared queues: 2' || fail "by default there is no queue per node"
stop_daemon

start_attached --disable-numa
log_has 'NUMA nodes: 2, shared queues: 1' || fail "--disable-numa: not one queue"
for i in 1 2 3 4 5 6; do
	spin 6 > /tmp/spin.$i &
	hogs="$hogs $!"
done
wait $hogs
loops=$(cat /tmp/spin.*)
echo "loops per hog: $(echo $loops)"
sum=0
for l in $loops; do sum=$((sum + l / 1000)); done
avg=$((sum / 6))
for l in $loops; do
	l=$((l / 1000))
	[ $((l * 100)) -ge $((avg * 75)) ] && [ $((l * 100)) -le $((avg * 125)) ] ||
		fail "unfair split with one queue: $(echo $loops)"
done
stop_daemon
