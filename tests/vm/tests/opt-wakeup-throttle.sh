# --wakeup-throttle attaches and schedules a wakeup storm (a pipe ping-pong).
# Its penalty applies to tasks running under 10 us per wakeup, which an
# emulated guest never reaches (about 14 us here): the penalty itself is
# covered by the unit test of is_wakeup_storm() (tests/unit/test-deadline.c).
start_attached --wakeup-throttle --stats 1
pingpong 2 > /tmp/trips || fail "the ping-pong failed"
[ "$(cat /tmp/trips)" -gt 1000 ] || fail "only $(cat /tmp/trips) round trips"
state_is enabled || fail "sched_ext is $(scx_state)"
stop_daemon
