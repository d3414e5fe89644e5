# The benchmark's guest side, run by tests/vm/guest/init as the test
# "bench" (tests/vm/tests/lib.sh is already sourced). tools/bench put the
# run's sizes in /bench/config.sh.
#
# Each workload runs PAIRS times under every variant, interleaved in the
# same boot: the variants in order, then in reverse (A B C, C B A, ...), so
# a slow drift of the emulator's speed weighs on all alike. Then the
# daemon's own costs, the cells hook, and the diagnostic runs (profiles,
# BPF costs).
. /bench/config.sh
. /bench/lib.sh
. /bench/workloads.sh
. /bench/daemon.sh
. /bench/diagnose.sh
NCPU=$(nproc)
PERF=perf

# variants_of PAIR: the variants in this pair's order.
variants_of() {
	if [ $(($1 % 2)) = 1 ]; then echo $VARIANTS; else echo $VARIANTS | tr ' ' '\n' | sed -n '1!G;h;$p'; fi
}

# run_one WORKLOAD VARIANT PAIR: one measured run, recorded.
run_one() {
	local name out
	name=$(variant_name "$2")
	variant_start "$2" "$1" "$3" || return 0
	sleep "$SETTLE"
	out=$("wl_$1" 2>/tmp/wl.err | tr '\n' ' ')
	[ -n "$out" ] || out="error=no_output:$(head -c 80 /tmp/wl.err | tr ' \n' '_|')"
	if ! is_default_sched "$2"; then
		state_is enabled || out="$out error=detached_during_run"
		out="$out $(scx_events)"
	fi
	record R "$1" "$name" "$3" "$out"
	variant_stop "$2" "$1" "$3"
}

record I boot - 0 "kernel=$(uname -r) ncpu=$NCPU perf=$($PERF --version | tr ' ' _)" \
	"stress_ng=$(stress-ng --version | awk '{ print $3 }' | tr -d ,)"
for w in $WORKLOADS; do
	for p in $(seq "$PAIRS"); do
		for v in $(variants_of "$p"); do run_one "$w" "$v" "$p"; done
	done
done
record R cells cellflash 0 "$(wl_cells)"
[ "$DAEMON" = 1 ] && daemon_phase
[ -n "$BPF_WORKLOADS" ] && diagnose_phase
record I done - 0 "uptime_s=$(cut -d' ' -f1 /proc/uptime)"
