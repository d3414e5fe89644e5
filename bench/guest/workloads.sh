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
	periodic -s "$SECS" -p "$INTERACTIVE_PERIOD_US" -c 50 "$@" || echo "error=periodic_failed"
	wait $hogs
	loops=$(awk '{ s += $1 } END { printf "%d", s / 1000000 }' /tmp/hogs.out)
	echo "hog_mloops=$loops"
}
# The same probe in the RT class (SCHED_FIFO), which preempts the hogs at
# once under any scheduler: its latency is the emulator's share of the above.
wl_interactive_rt() { wl_interactive -f 50; }

# perf bench: hackbench-like messaging (threads, 4 groups of 20 senders and
# 20 receivers) and a pipe ping-pong between two processes.
wl_messaging() {
	local s
	s=$($PERF bench -f simple sched messaging -t -g 4 -l "$MSG_LOOPS" 2>/tmp/perf.err) &&
		echo "secs=$s" || echo "error=perf_messaging:$(head -c 80 /tmp/perf.err | tr ' \n' '_|')"
}
wl_pipe() {
	"$@" $PERF bench -f simple sched pipe -l "$PIPE_LOOPS" 2>/tmp/perf.err |
		awk -v n="$PIPE_LOOPS" 'NF { printf "secs=%s usec_per_op=%.2f\n", $1, $1 * 1e6 / n; ok = 1 }
			END { if (!ok) print "error=perf_pipe" }'
}
# The same with both ends on one CPU: no placement to choose, only the cost
# of each switch.
wl_pipe_onecpu() { wl_pipe taskset -c 1; }

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

# Cells, under cellflash (the kernel's scheduler has none; it and the floor
# run one control), run once. Cell A is the cgroup bench-cellA with
# cpuset.cpus set to the last CPU; cell 0, everything else, has the other
# CPUs (with 2 CPUs, one each). Measured:
#  - the time from creating A's cgroup (mkdir, then cpuset.cpus) to the BPF
#    side applying the new cells (cell_seq moves; cell-latency), 3 times;
#  - isolation: the interactive probe's p99 in A alone, then while cell 0
#    runs 4 CPU hogs per CPU of its own (target <= 1.1x); first the same
#    under the kernel's scheduler (eevdf_*) and the floor (floor_*), A a
#    cpuset of the last CPU and the hogs pinned to the others: hogs that
#    never share the probe's CPU show what the emulator, and sched_ext
#    itself, couple between vCPUs;
#  - confinement: with 2 hogs in A and 2 per CPU in cell 0, the share of
#    each cell's threads' samples (/proc/PID/task/*/stat field 39,
#    sample_cpus in tests/vm/tests/lib.sh) on the cell's CPUs (target 100%).
# Prints error=... and stops at the first step that fails.
cell_p99() { sed -n 's/.*lat_p99=\([0-9]*\).*/\1/p'; }
in_cell_a() { sh -c "echo \$\$ > $CG/bench-cellA/cgroup.procs; exec \"\$@\"" sh "$@"; }
# samples_on FILE CPU WANT: the share of FILE's samples equal to CPU (WANT=1)
# or not (WANT=0), in percent.
samples_on() {
	tr ' ' '\n' < "$1" | awk -v c="$2" -v want="$3" 'NF { n++; if (($1 == c) == want) ok++ }
		END { printf "%.1f", n ? 100 * ok / n : 0 }'
}
# isolation PREFIX [CMD...]: the probe's p99 in A alone, then beside 4 hogs
# per CPU outside A, started through CMD (A must exist).
isolation() {
	local prefix=$1 alone loaded hogs
	shift
	alone=$(in_cell_a periodic -s "$SECS" -p "$INTERACTIVE_PERIOD_US" -c 50 | cell_p99)
	"$@" spin $((SECS + 2)) $((4 * (NCPU - 1))) > /dev/null &
	hogs=$!
	sleep 1
	loaded=$(in_cell_a periodic -s "$SECS" -p "$INTERACTIVE_PERIOD_US" -c 50 | cell_p99)
	wait $hogs
	printf '%s' "${prefix}alone_p99=$alone ${prefix}loaded_p99=$loaded"
	[ -n "$alone" ] && [ -n "$loaded" ] && [ "$alone" -gt 0 ] &&
		awk -v p="$prefix" -v a="$alone" -v l="$loaded" 'BEGIN { printf " %sisolation=%.2f", p, l / a }'
	echo
}
wl_cells() {
	local a=$CG/bench-cellA last=$((NCPU - 1)) i us lat= others control t0 ha h0 sampler out
	[ "$NCPU" -ge 2 ] || { echo "skipped=needs_2_cpus"; return 0; }
	echo +cpuset > $CG/cgroup.subtree_control || { echo "error=no_cpuset_controller"; return 0; }
	if ! mkdir $a || ! echo $last > $a/cpuset.cpus; then
		echo "error=no_cpuset_cgroup"
		rmdir $a 2>/dev/null
		return 0
	fi
	others=$(seq -s, 0 $((last - 1)))
	control=$(isolation eevdf_ taskset -c "$others")
	t0=$(now_us)
	if floor_start && scx-clock wait enabled "$t0" 60 > /dev/null; then
		control="$control $(isolation floor_ taskset -c "$others")"
	fi
	t0=$(now_us)
	floor_stop
	scx-clock wait disabled "$t0" 30 > /dev/null
	rmdir $a
	start_daemon
	if ! wait_for 30 notified READY=1; then
		echo "error=no_attach"
		kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"
		return 0
	fi
	sleep 1
	for i in 1 2 3; do
		us=$(cell-latency $a $last 5 2>/tmp/cells.err) || us=-1
		lat="$lat $us"
		if [ $i != 3 ]; then rmdir $a; sleep 1; fi
	done
	out="$control cell_us=$(echo $lat | tr ' ' '\n' | sort -n | sed -n 2p) cell_us_all=$(echo $lat | tr ' ' ,)"
	if ! wait_for 5 log_has "New cell"; then
		echo "$out error=no_new_cell_logged"
	else
		out="$out $(isolation '')"

		# Not through in_cell_a: "FUNCTION &" forks a subshell, and $! is its PID.
		sh -c "echo \$\$ > $a/cgroup.procs; exec spin 4 2" > /dev/null &
		ha=$!
		spin 4 $((2 * last)) > /dev/null &
		h0=$!
		sleep 1
		sample_cpus $ha 20 /tmp/cell-a.samples &
		sampler=$!
		sample_cpus $h0 20 /tmp/cell-0.samples
		wait $sampler $ha $h0
		echo "$out confine_a_pct=$(samples_on /tmp/cell-a.samples $last 1)" \
			"confine_0_pct=$(samples_on /tmp/cell-0.samples $last 0)" \
			"log=$(grep -m1 'New cell' "$DAEMON_LOG" | tr ' ' _)"
	fi
	kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"
	rmdir $a 2>/dev/null
}
