# --idle-resume-us: every CPU's pm_qos_resume_latency_us is set while the
# daemon runs and restored when it exits; after a crash (kill -9) the next
# start restores what the crashed one left.
Q=/sys/devices/system/cpu/cpu%s/power/pm_qos_resume_latency_us
values() { for c in 0 1 2 3; do cat $(printf $Q $c); done | tr '\n' ' '; }
orig=$(values)
echo "original values: $orig"

start_attached
[ "$(values)" = "32 32 32 32 " ] || fail "the default (32 us) was not set: $(values)"
stop_daemon
[ "$(values)" = "$orig" ] || fail "not restored after SIGTERM: $(values)"
[ ! -e /run/cellflash/pm-qos-saved ] || fail "the saved values outlived a clean exit"

start_attached --idle-resume-us 70
[ "$(values)" = "70 70 70 70 " ] || fail "70 was not set: $(values)"
kill -9 $DAEMON_PID
wait $DAEMON_PID
[ "$(values)" = "70 70 70 70 " ] || fail "after kill -9 the values should still be 70: $(values)"
[ -e /run/cellflash/pm-qos-saved ] || fail "nothing recorded the originals for a repair"

start_attached --idle-resume-us -1
[ "$(values)" = "$orig" ] || fail "the next start did not restore the crashed daemon's values: $(values)"
log_has 'Restored pm_qos_resume_latency_us of 4 CPUs left set by a cellflashd that did not exit cleanly' ||
	fail "the repair was not logged"
stop_daemon
[ "$(values)" = "$orig" ] || fail "--idle-resume-us -1 changed the values: $(values)"
