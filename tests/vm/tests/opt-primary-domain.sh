# --primary-domain: a lightly loaded task runs on the primary CPUs; when
# they are saturated, work overflows to the others. CPUs that do not exist
# are refused.
cellflashd --primary-domain 4-7 > /tmp/out.log 2>&1
rc=$?
cat /tmp/out.log
[ $rc = 2 ] || fail "--primary-domain 4-7 on 4 CPUs: exit $rc, not 2"
grep -q -- '--primary-domain: CPU 4-7 does not exist (this machine has CPUs 0-3)' /tmp/out.log ||
	fail "no clear error for CPUs that do not exist"

start_attached --primary-domain 2-3
log_has 'primary domain cpus: 2-3' || fail "the primary domain was not logged"
wakeup 4 1000 > /dev/null &
w=$!
sleep 0.5
sample_cpus $w 20 /tmp/cpus
wait $w
echo "the sleeper's CPUs: $(sort /tmp/cpus | uniq -c | tr -s ' \n' ' ')"
on_primary=$(grep -cE '^[23] $' /tmp/cpus)
[ "$on_primary" -ge 16 ] || fail "only $on_primary of 20 samples on the primary CPUs"

# Saturated: all four CPUs work.
hogs=""
for i in 1 2 3 4 5 6; do
	spin 5 > /dev/null &
	hogs="$hogs $!"
done
sleep 1
t0=0; for h in $hogs; do t0=$((t0 + $(ticks $h))); done
up0=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
sleep 2
t1=0; for h in $hogs; do t1=$((t1 + $(ticks $h))); done
up1=$(awk '{ printf "%d", $1 * 100 }' /proc/uptime)
wait $hogs
echo "six hogs used $((t1 - t0)) ticks in $((up1 - up0))"
[ $(( (t1 - t0) * 100 )) -ge $(( (up1 - up0) * 350 )) ] || fail "saturated, the work did not overflow to all CPUs"
stop_daemon
