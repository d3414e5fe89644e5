# The workloads, one function each (wl_NAME), run once under whatever
# scheduler is in place; each prints KEY=VALUE pairs on one line, or
# error=WHY. Sizes come from /bench/config.sh: SECS per timed run, and the
# loop counts of perf bench. NCPU is the guest's CPU count.

# The wakeup-latency probe with as many workers as CPUs (saturated: the
# message thread makes one runnable task more than CPUs) and with twice as
# many (oversubscribed: a woken worker must take a CPU from a running one).
wl_wakeup_at() { wakelat -w "$NCPU" -s "$SECS" -c "$WAKE_WORK_US"; }
wl_wakeup_over() { wakelat -w $((2 * NCPU)) -s "$SECS" -c "$WAKE_WORK_US"; }

# The interactive probe (a thread waking every INTERACTIVE_PERIOD_US for
# 50 us of work) while 2 x nproc CPU hogs run; the hogs' loops show what the
# probe cost them. The period is 5 ms rather than cyclictest's usual 1 ms:
# under TCG wake-to-run latencies under load are milliseconds for every
# scheduler, and a 1 ms probe then misses most of its periods.
wl_interactive() {
	local hogs loops
	spin $((SECS + 2)) $((2 * NCPU)) > /tmp/hogs.out &
	hogs=$!
	sleep 1
	periodic -s "$SECS" -p "$INTERACTIVE_PERIOD_US" -c 50 || echo "error=periodic_failed"
	wait $hogs
	loops=$(awk '{ s += $1 } END { printf "%d", s / 1000000 }' /tmp/hogs.out)
	echo "hog_mloops=$loops"
}

# perf bench: hackbench-like messaging (threads, 4 groups of 20 senders and
# 20 receivers) and a pipe ping-pong between two processes.
wl_messaging() {
	local s
	s=$($PERF bench -f simple sched messaging -t -g 4 -l "$MSG_LOOPS" 2>/tmp/perf.err) &&
		echo "secs=$s" || echo "error=perf_messaging:$(head -c 80 /tmp/perf.err | tr ' \n' '_|')"
}
wl_pipe() {
	$PERF bench -f simple sched pipe -l "$PIPE_LOOPS" 2>/tmp/perf.err |
		awk -v n="$PIPE_LOOPS" 'NF { printf "secs=%s usec_per_op=%.2f\n", $1, $1 * 1e6 / n; ok = 1 }
			END { if (!ok) print "error=perf_pipe" }'
}

# stress-ng bogo-ops per second: CPU hogs at twice the CPUs (throughput
# when oversubscribed) and context switches between pairs of processes.
stress() {
	stress-ng "$@" -t "$SECS" --temp-path /tmp --metrics-brief 2>&1 |
		awk -v s="$1" '$2 == "metrc:" && "--" $4 == s && !ok { print "bogo_ops_s=" $9; ok = 1 }
			END { if (!ok) print "error=stress-ng" }'
}
wl_stress_cpu() { stress --cpu $((2 * NCPU)) --cpu-method int64; }
wl_stress_switch() { stress --switch "$NCPU"; }

# Fairness between cgroups, from cpu.stat's usage_usec: a 1-thread and a
# 3-thread cgroup at equal cpu.weight (ideal on 2 CPUs: 50/50, the single
# thread can use one CPU), then two 2-thread cgroups at cpu.weight 200 and
# 100 (ideal 66.7/33.3). Prints the first cgroup's share, in percent.
CG=/sys/fs/cgroup
cg_usage() { sed -n 's/^usage_usec //p' $CG/$1/cpu.stat; }
# cg_share A B SECONDS: A's share of the CPU time A and B used meanwhile.
cg_share() {
	local a0 b0 a1 b1
	a0=$(cg_usage "$1"); b0=$(cg_usage "$2")
	sleep "$3"
	a1=$(cg_usage "$1"); b1=$(cg_usage "$2")
	awk -v a=$((a1 - a0)) -v b=$((b1 - b0)) 'BEGIN { printf "%.1f", a + b ? 100 * a / (a + b) : 0 }'
}
# cg_spin CGROUP WEIGHT THREADS: a CPU hog with THREADS threads in CGROUP.
cg_spin() {
	mkdir -p $CG/$1
	echo "$2" > $CG/$1/cpu.weight
	sh -c "echo \$\$ > $CG/$1/cgroup.procs; exec spin $((SECS + 2)) $3" > /dev/null &
}
wl_fairness() {
	local one two a b
	echo +cpu > $CG/cgroup.subtree_control
	cg_spin b1 100 1; a=$!
	cg_spin b3 100 3; b=$!
	sleep 1
	one=$(cg_share b1 b3 "$SECS")
	wait $a $b
	cg_spin w2 200 2; a=$!
	cg_spin w1 100 2; b=$!
	sleep 1
	two=$(cg_share w2 w1 "$SECS")
	wait $a $b
	rmdir $CG/b1 $CG/b3 $CG/w2 $CG/w1
	echo "share_1v3=$one share_2to1=$two"
}

# Cells (issue: cells are being built). The hook: once cellflashd has cells,
# measure here (1) confinement: the share of per-thread CPU samples
# (/proc/PID/task/TID/stat field 39, sample_cpus in tests/vm/tests/lib.sh)
# of each cell's threads that lie on the cell's CPUs (target 100%), and
# (2) isolation: wl_interactive's p99 in cell A while cell B runs 4 x its
# CPUs of hogs, against A alone (target <= 1.1x); and in bench/guest/daemon.sh
# the time from creating a cell's cgroup to the BPF side using it (target
# <= 50 ms). Until then it says it was skipped. Run once, not in pairs:
# the kernel's scheduler has no cells to compare with.
wl_cells() {
	if ! cellflashd --help 2>/dev/null | grep -q -- '--cell'; then
		echo "skipped=cells_not_implemented"
		return 0
	fi
	echo "error=cells_exist_but_bench_not_written"
}
