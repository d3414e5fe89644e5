# CPU time follows weight: the cgroup's cpu.weight (also when it changes
# while the tasks run) and the task's nice level.
start_attached
CG=/sys/fs/cgroup
echo +cpu > $CG/cgroup.subtree_control || fail "cannot enable the cpu controller"
mkdir $CG/heavy $CG/light
echo 300 > $CG/heavy/cpu.weight
echo 100 > $CG/light/cpu.weight

# spin_in CGROUP CPU [NICE]: a CPU hog pinned to CPU, in CGROUP; sets PID.
spin_in() {
	sh -c "echo \$\$ > $CG/$1/cgroup.procs; exec taskset -c $2 spin 60" > /dev/null &
	PID=$!
	[ -n "$3" ] && renice -n "$3" -p $PID > /dev/null
}
ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
# share A B SECONDS: CPU time of A over B's during SECONDS, in percent.
share() {
	local a0 b0 a1 b1
	a0=$(ticks $1); b0=$(ticks $2)
	sleep $3
	a1=$(ticks $1); b1=$(ticks $2)
	echo $(( (a1 - a0) * 100 / (b1 - b0 + 1) ))
}
within() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

spin_in heavy 1; heavy=$PID
spin_in light 1; light=$PID
sleep 1
ratio=$(share $heavy $light 3)
echo "cpu.weight 300 vs 100: heavy gets ${ratio}% of light's CPU time"
within $ratio 220 400 || fail "cpu.weight 300:100 gave a ${ratio}% ratio, not about 300%"

echo 300 > $CG/light/cpu.weight
sleep 0.5
ratio=$(share $heavy $light 3)
echo "cpu.weight 300 vs 300 (changed live): ${ratio}%"
within $ratio 70 140 || fail "after the live cpu.weight change the ratio is ${ratio}%, not about 100%"
kill $heavy $light

spin_in light 2 0; nice0=$PID
spin_in light 2 5; nice5=$PID
sleep 1
ratio=$(share $nice0 $nice5 3)
echo "nice 0 vs nice 5: ${ratio}%"
within $ratio 220 400 || fail "nice 0 vs 5 gave a ${ratio}% ratio, not about 300%"
kill $nice0 $nice5

# cpu.weight is the cgroup's share: at equal weights a 1-thread cgroup and a
# 3-thread one split a CPU evenly. Both sit in a cell of one CPU (CPU 3).
echo +cpuset > $CG/cgroup.subtree_control || fail "cannot enable the cpuset controller"
mkdir $CG/pair
echo 3 > $CG/pair/cpuset.cpus
echo +cpu > $CG/pair/cgroup.subtree_control || fail "cannot enable the cpu controller under pair"
mkdir $CG/pair/one $CG/pair/three
wait_for 2 log_has 'New cell [0-9]*: pair, confined to CPUs 3' || fail "pair did not become a cell"
usage() { sed -n 's/^usage_usec //p' $CG/pair/$1/cpu.stat; }
sh -c "echo \$\$ > $CG/pair/one/cgroup.procs; exec spin 30 1" > /dev/null &
one=$!
sh -c "echo \$\$ > $CG/pair/three/cgroup.procs; exec spin 30 3" > /dev/null &
three=$!
sleep 1
o0=$(usage one); t0=$(usage three)
sleep 4
o1=$(usage one); t1=$(usage three)
pct=$(( (o1 - o0) * 100 / ((o1 - o0) + (t1 - t0) + 1) ))
echo "1 thread vs 3 threads at equal cpu.weight: the 1-thread cgroup got ${pct}%"
within $pct 42 58 || fail "the 1-thread cgroup got ${pct}% of the CPU, not about 50%"
kill $one $three
wait $one $three

state_is enabled || fail "the scheduler did not survive"
stop_daemon
