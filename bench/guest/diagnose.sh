# Why the numbers are what they are, after the pairs: for each hot-path
# workload (BPF_WORKLOADS) and every variant, one more run with
#  - a kernel profile (perf record -a, cpu-clock: TCG emulates no PMU), whose
#    top symbols show where the CPUs went, e.g. spinning on a queue's lock;
#  - for cellflash, the BPF programs' costs: with kernel.bpf_stats_enabled
#    the kernel counts each program's calls and run time, and bpf-progs adds
#    the instructions the verifier processed to accept it (they differ per
#    variant: options are constants the verifier prunes by);
#  - sched_ext's event counters.
# Both the statistics (two clock reads per call) and the sampling cost time,
# which the timed pairs must not pay; these runs are not compared.

# profile_top FILE: the kernel's share of the samples (kernel_pct=N), then
# the kernel symbols with at least 3% of the kernel's samples, as sym=pct.
profile_top() {
	$PERF report -i "$1" --stdio --sort dso -q 2>/dev/null |
		awk '$2 == "[kernel.kallsyms]" { sub(/%$/, "", $1); printf "kernel_pct=%s ", $1 }'
	$PERF report -i "$1" --stdio --sort sym --dsos '[kernel.kallsyms]' --percentage relative \
		--percent-limit 3 -q 2>/dev/null |
		awk '$1 ~ /%$/ { sub(/%$/, "", $1); printf "%s=%s ", $NF, $1 }'
}

diagnose_one() {
	local w=$1 v=$2 name loop
	name=$(variant_name "$v")
	is_default_sched "$v" || echo 1 > /proc/sys/kernel/bpf_stats_enabled
	if variant_start "$v" "diag:$w" 0; then
		sleep "$SETTLE"
		rm -f /tmp/stop
		# Fixed-size workloads (perf bench) are repeated to cover the window.
		( while [ ! -e /tmp/stop ]; do "wl_$w" > /dev/null 2>&1; done ) &
		loop=$!
		$PERF record -a -e cpu-clock -F 499 -o /tmp/perf.data -- sleep "$SECS" > /dev/null 2>&1
		touch /tmp/stop
		wait $loop
		record I "prof:$w" "$name" 0 "$(profile_top /tmp/perf.data)"
		if ! is_default_sched "$v"; then
			bpf-progs cellflash | while read -r prog rest; do
				record B "$w" "$name" 0 "prog=$prog $rest"
			done
			record I "events:$w" "$name" 0 "$(scx_events)"
		fi
		variant_stop "$v" "diag:$w" 0
	fi
	echo 0 > /proc/sys/kernel/bpf_stats_enabled
}

diagnose_phase() {
	local w v
	for w in $BPF_WORKLOADS; do
		for v in $VARIANTS; do diagnose_one "$w" "$v"; done
	done
}
