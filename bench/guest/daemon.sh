# The daemon's own costs, measured on cellflashd with default options and a
# system bus, as it runs in production; repeated PAIRS times (there is no
# default-scheduler side to pair with). The attach and detach times of every
# run of the main pairs are recorded too (A records).

# daemon_idle RUN: attach, let it settle, then its memory, its CPU time over
# IDLE_SECS of an idle system, and GetMetrics round trips (and Peer.Ping's,
# the same trip through dbus-daemon with nothing to compute). The guest's
# files live in its initramfs (shmem), so shared libraries count as
# RssShmem there rather than RssFile.
daemon_idle() {
	local t0 attach rss cpu0 cpu1 rtt ping detach
	t0=$(now_us)
	start_daemon
	if ! attach=$(scx-clock wait enabled "$t0" 60) || ! wait_for 30 notified READY=1 ||
		! wait_for 10 has_bus_name; then
		record E daemon cellflash "$1" "error=no_attach_or_no_bus_name"
		kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"
		return
	fi
	sleep 2
	rss=$(awk '/^(VmRSS|RssAnon|RssFile|RssShmem):/ { sub(/:$/, "", $1); printf "%s_kb=%s ", $1, $2 }' \
		"/proc/$DAEMON_PID/status")
	# Pss: each shared page split among the processes mapping it (here
	# dbus-daemon shares libc and libsystemd with the daemon).
	rss="$rss$(awk '/^Pss:/ { printf "Pss_kb=%s", $2 }' "/proc/$DAEMON_PID/smaps_rollup")"
	# schedstat's first field: ns on a CPU (ticks in /proc/PID/stat are 10 ms).
	cpu0=$(cut -d' ' -f1 "/proc/$DAEMON_PID/schedstat")
	sleep "$IDLE_SECS"
	cpu1=$(cut -d' ' -f1 "/proc/$DAEMON_PID/schedstat")
	rtt=$(bus-latency "$BUS_CALLS") || rtt="error=bus_latency"
	ping=$(bus-latency "$BUS_CALLS" ping | sed 's/rtt_/ping_/g') || ping="error=bus_ping"
	[ "$1" = 1 ] && daemon_maps
	detach=$(scx-clock stop "$DAEMON_PID" disabled 30) || detach=-1
	wait "$DAEMON_PID"
	record R daemon cellflash "$1" "attach_us=$attach detach_us=$detach $rss" \
		"idle_cpu_us=$(((cpu1 - cpu0) / 1000)) idle_secs=$IDLE_SECS" \
		"cpu_s_per_hour=$(awk -v ns=$((cpu1 - cpu0)) -v s="$IDLE_SECS" 'BEGIN { printf "%.3f", ns / 1e9 * 3600 / s }')" \
		"$rtt $ping"
}

# What the daemon's resident memory is made of: its largest mappings.
daemon_maps() {
	awk '/^[0-9a-f]+-[0-9a-f]+ / { name = $6 ? $6 : "[anon]" }
		/^Rss:/ { rss[name] += $2 }
		END { for (n in rss) if (rss[n] >= 64) printf "%s %d\n", n, rss[n] }' \
		"/proc/$DAEMON_PID/smaps" | sort -k2 -n -r | head -n 8 |
	while read -r name kb; do
		record I daemon-rss cellflash 1 "mapping=$name rss_kb=$kb"
	done
}

# daemon_profile: from a power-profile change on the bus to the BPF side
# using the new primary domain, with fake-ppd as power-profiles-daemon and
# hybrid CPUs (CPU 0 fast, the others efficient) from a fake sysfs tree, as
# in tests/vm/tests/power-profile.sh. Power-saver then makes the efficient
# CPUs primary; performance all of them.
daemon_profile() {
	local sys=/tmp/bench-sys c i a b ppd
	mkdir -p $sys/devices/system/cpu
	ln -sfn /sys/kernel $sys/kernel
	cp /sys/devices/system/cpu/possible /sys/devices/system/cpu/online $sys/devices/system/cpu/
	for c in $(seq 0 $((NCPU - 1))); do
		mkdir -p $sys/devices/system/cpu/cpu$c/topology
		echo "$c" > $sys/devices/system/cpu/cpu$c/topology/thread_siblings_list
		if [ "$c" = 0 ]; then echo 1024; else echo 512; fi > $sys/devices/system/cpu/cpu$c/cpu_capacity
	done
	fake-ppd balanced &
	ppd=$!
	wait_for 5 busctl status net.hadess.PowerProfiles || { record E profile cellflash 0 "error=no_fake_ppd"; return; }
	# A minimal sd-bus service in the same guest: a baseline for the RSS.
	record I rss-baseline fake-ppd 0 "$(awk '/^(VmRSS|RssAnon|RssFile|RssShmem):/ {
		sub(/:$/, "", $1); printf "%s_kb=%s ", $1, $2 }' /proc/$ppd/status)"
	CELLFLASH_SYSFS_ROOT=$sys start_daemon --idle-resume-us -1
	if ! wait_for 30 notified READY=1 || ! wait_for 5 log_has 'Power profile balanced'; then
		record E profile cellflash 0 "error=no_attach_or_no_profile"
	else
		for i in $(seq "$PAIRS"); do
			a=$(profile-latency power-saver 5) || a=-1
			sleep 0.5
			b=$(profile-latency performance 5) || b=-1
			sleep 0.5
			record R profile cellflash "$i" "to_powersave_us=$a to_performance_us=$b"
		done
	fi
	kill -TERM "$DAEMON_PID"; wait "$DAEMON_PID"
	kill -TERM $ppd; wait $ppd
}

daemon_phase() {
	local i
	start_system_bus
	for i in $(seq "$PAIRS"); do daemon_idle "$i"; done
	daemon_profile
}
