# --cell0-min-cpus: cell 0 keeps that many CPUs even when a cpuset claims all
# the others.
enable_cpusets
mkdir $CG/big
echo 1-3 > $CG/big/cpuset.cpus
start_attached --cell0-min-cpus 2
wait_for 2 log_has 'New cell 1: big' || fail "no cell for big"
[ "$(cpulist_count "$(logged_cell_cpus 0)")" = 2 ] || fail "cell 0 has CPUs '$(logged_cell_cpus 0)', not two"
spin 10 4 > /dev/null &
rest=$!
sleep 0.5
sample_workers $rest 20 /tmp/rest
echo "cell 0's hogs ran on: $(tr ' ' '\n' < /tmp/rest | grep . | sort -u | tr '\n' ' ')"
[ "$(distinct_cpus /tmp/rest)" = 2 ] || fail "cell 0's hogs did not use exactly two CPUs"
for cpu in $(tr ' ' '\n' < /tmp/rest | grep . | sort -u); do
	in_cpulist $cpu "$(logged_cell_cpus 0)" || fail "a cell 0 hog ran on CPU $cpu"
done
kill $rest
wait $rest
stop_daemon
