# Helpers of the guest's bench scripts (busybox sh), on top of
# tests/vm/tests/lib.sh: result records, the scheduler variants, sched_ext's
# event counters.

# Records go to the third serial port, which the host keeps as a file, one
# per line: KIND WORKLOAD VARIANT PAIR KEY=VALUE...  (tab-separated fields,
# the last one space-separated pairs). KIND is R (a result), A (an attach),
# B (a BPF program's cost), I (information), E (an error).
RECORDS=${RECORDS:-/dev/ttyS2}
record() {
	local kind=$1 w=$2 v=$3 p=$4
	shift 4
	printf '%s\t%s\t%s\t%s\t%s\n' "$kind" "$w" "$v" "$p" "$*" > "$RECORDS"
	printf 'bench: %s %s %s %s %s\n' "$kind" "$w" "$v" "$p" "$*"
}

now_us() { scx-clock now; }

# variant_name SPEC, variant_args SPEC: a variant is NAME or NAME=ARG,ARG...
# ("cellflash-tickless=--tickless"); "eevdf" is the kernel's own scheduler.
variant_name() { echo "${1%%=*}"; }
variant_args() { case $1 in *=*) echo "${1#*=}" | tr , ' ' ;; esac; }
is_default_sched() { [ "$(variant_name "$1")" = eevdf ]; }
# "floor" is sched_ext without a callback (bench/bpf/floor.bpf.c), without
# the daemon: the kernel's built-in policies, what sched_ext alone costs.
is_floor() { [ "$(variant_name "$1")" = floor ]; }
FLOOR_LINKS=/sys/fs/bpf/bench-floor

# floor_start, floor_stop: register and unregister the floor scheduler; its
# link is pinned, so it stays attached after bpftool exits.
floor_start() {
	mkdir -p $FLOOR_LINKS
	bpftool struct_ops register /bench/floor.bpf.o $FLOOR_LINKS > /tmp/floor.log 2>&1
}
floor_stop() { rm -f $FLOOR_LINKS/*; }

# variant_start SPEC WORKLOAD PAIR: attach the variant's scheduler (nothing
# for eevdf) and record how long it took; fails if it did not attach.
variant_start() {
	local t0 us
	if is_default_sched "$1"; then
		state_is disabled || { record E "$2" eevdf "$3" "error=sched_ext_is_$(scx_state)"; return 1; }
		return 0
	fi
	t0=$(now_us)
	if is_floor "$1"; then
		if ! floor_start || ! us=$(scx-clock wait enabled "$t0" 60); then
			record E "$2" floor "$3" "error=no_attach log=$(tail -n 3 /tmp/floor.log | tr ' \n' '_|')"
			floor_stop
			return 1
		fi
		ATTACH_US=$us
		return 0
	fi
	# shellcheck disable=SC2046 # the variant's arguments are words
	start_daemon $(variant_args "$1")
	if ! us=$(scx-clock wait enabled "$t0" 60) || ! wait_for 30 notified READY=1; then
		record E "$2" "$(variant_name "$1")" "$3" "error=no_attach log=$(tail -n 3 "$DAEMON_LOG" | tr ' \n' '_|')"
		kill -TERM "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID" 2>/dev/null
		return 1
	fi
	ATTACH_US=$us
}

# variant_stop SPEC WORKLOAD PAIR: detach, and record the attach and detach
# times and whether the scheduler stayed attached throughout.
variant_stop() {
	local us enq0 name t0
	is_default_sched "$1" && return 0
	name=$(variant_name "$1")
	if is_floor "$1"; then
		t0=$(now_us)
		floor_stop
		us=$(scx-clock wait disabled "$t0" 30) || us=-1
		record A "$2" floor "$3" "attach_us=$ATTACH_US detach_us=$us attaches=1"
		return 0
	fi
	log_has 'The scheduler failed' && record E "$2" "$name" "$3" "error=scheduler_failed"
	us=$(scx-clock stop "$DAEMON_PID" disabled 30) || us=-1
	wait "$DAEMON_PID"
	record A "$2" "$name" "$3" "attach_us=$ATTACH_US detach_us=$us attaches=$(grep -c 'Attached the cellflash' "$DAEMON_LOG")"
}

# scx_events: sched_ext's non-zero event counters of the running scheduler
# (they start at zero with each attach), as ev_NAME=N.
scx_events() {
	[ -r $SCX/root/events ] || return 0
	awk '$2 != 0 { sub(/^SCX_EV_/, "", $1); printf "ev_%s=%s ", $1, $2 }' $SCX/root/events
}
