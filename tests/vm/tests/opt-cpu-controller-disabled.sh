# --cpu-controller-disabled: no cgroup callbacks, so cpu.weight is not applied:
# two hogs in cgroups weighted 400 and 100 share a CPU evenly (weights.sh
# shows 4:1 without the option). Cells still work: they never needed them.
echo "+cpu +cpuset" > $CG/cgroup.subtree_control || fail "cannot enable the controllers"
mkdir $CG/heavy $CG/light $CG/cell
echo 400 > $CG/heavy/cpu.weight
echo 100 > $CG/light/cpu.weight
echo 3 > $CG/cell/cpuset.cpus
start_attached --cpu-controller-disabled
wait_for 2 log_has 'New cell 1: cell' || fail "no cell with --cpu-controller-disabled"

pinned_in() { sh -c "echo \$\$ > $CG/$1/cgroup.procs && exec taskset -c 1 spin 10" > /dev/null & }
pinned_in heavy; heavy=$!
pinned_in light; light=$!
sleep 1
h0=$(ticks $heavy); l0=$(ticks $light)
sleep 3
h1=$(ticks $heavy); l1=$(ticks $light)
ratio=$(( (h1 - h0) * 100 / (l1 - l0 + 1) ))
echo "cpu.weight 400 vs 100 with --cpu-controller-disabled: ${ratio}%"
[ $ratio -ge 70 ] && [ $ratio -le 140 ] || fail "cpu.weight still applied: ${ratio}%, not about 100%"

spin 10 3 > /dev/null &
rest=$!
sleep 0.5
sample_workers $rest 20 /tmp/rest
seen_on /tmp/rest 3 && fail "a cell 0 hog ran on the cell's CPU 3"
kill $heavy $light $rest
wait $heavy $light $rest
stop_daemon
