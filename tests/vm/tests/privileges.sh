# Without the needed capabilities cellflashd exits 4 with one clear line;
# with just CAP_BPF and CAP_PERFMON it attaches.
# (busybox sh prefers its own applets: the host setpriv is called by path.)
SETPRIV=/usr/local/bin/setpriv

$SETPRIV --reuid=65534 --regid=65534 --clear-groups cellflashd > /tmp/out.log 2>&1
rc=$?
cat /tmp/out.log
[ $rc = 4 ] || fail "as nobody: exit $rc, not 4"
grep -q 'Must run as root.*(missing: CAP_BPF, CAP_PERFMON)' /tmp/out.log || fail "as nobody: no clear error"
[ "$(wc -l < /tmp/out.log)" = 1 ] || fail "as nobody: the error is not one line"

$SETPRIV --inh-caps=-all,+bpf --bounding-set=-all,+bpf cellflashd > /tmp/out.log 2>&1
rc=$?
cat /tmp/out.log
[ $rc = 4 ] || fail "with only CAP_BPF: exit $rc, not 4"
grep -q '(missing: CAP_PERFMON)' /tmp/out.log || fail "with only CAP_BPF: the error does not name CAP_PERFMON"
state_is disabled || fail "sched_ext is $(scx_state)"

# The least the daemon needs, as a hardened unit would grant it.
$SETPRIV --inh-caps=-all,+bpf,+perfmon --bounding-set=-all,+bpf,+perfmon true ||
	fail "setpriv cannot reduce the bounding set"
DAEMON_WRAPPER="$SETPRIV --inh-caps=-all,+bpf,+perfmon --bounding-set=-all,+bpf,+perfmon"
start_attached
stop_daemon
