#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The power watcher against a real dbus-daemon with python3-dbusmock's
# power-profiles-daemon, and fake sysfs trees for platform_profile and EPP.
# TAP output.
#   power-watch.sh PROBE DBUS-DIR
set -u
probe=$1
dbusdir=$(cd "$2" && pwd)
PY=/usr/bin/python3	# the python3 on PATH may lack the dbus module
HADESS=net.hadess.PowerProfiles
UPOWER=org.freedesktop.UPower.PowerProfiles

echo "1..10"

T=$(mktemp -d)
out=$T/reports	# what check() shows on failure
. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/private-bus.sh"

# Activating power-profiles-daemon would leave this mark: the watcher must not.
mkdir -p "$T/services"
cat > "$T/services/$HADESS.service" <<SVC
[D-BUS Service]
Name=$HADESS
Exec=/bin/touch $T/activated
SVC
start_private_bus
sed -i "s|<auth>|<servicedir>$T/services</servicedir>\n  <auth>|" "$T/bus.conf"
kill -HUP "${pids[-1]}"	# reload: pick up the service directory

sys=$T/sys
mkdir -p "$sys/firmware/acpi" "$sys/devices/system/cpu/cpufreq/policy0"
echo balanced > "$sys/firmware/acpi/platform_profile"
echo power > "$sys/devices/system/cpu/cpufreq/policy0/energy_performance_preference"

start_probe() {	# start_probe SYSFS-ROOT
	: > "$T/reports"
	"$probe" "$1" >> "$T/reports" 2>"$T/probe.log" &
	probe_pid=$!
	pids+=($probe_pid)
}
stop_probe() { kill "$probe_pid"; wait "$probe_pid" 2>/dev/null; }
last_is() { [ "$(tail -n1 "$T/reports")" = "$1" ]; }
reported() { wait_for 5 last_is "$1"; }
nr_reports() { wc -l < "$T/reports"; }

start_probe "$sys"
reported "balanced platform_profile"
check "without power-profiles-daemon, platform_profile beats EPP" last_is "balanced platform_profile"
check "the startup made exactly one report" [ "$(nr_reports)" = 1 ]
check "power-profiles-daemon was not activated to ask it" [ ! -e "$T/activated" ]

echo low-power > "$sys/firmware/acpi/platform_profile"
check "a platform_profile change is seen" reported "power-saver platform_profile"

$PY -m dbusmock --system --template power_profiles_daemon > "$T/ppd.log" 2>&1 &
ppd=$!
pids+=($ppd)
check "power-profiles-daemon appearing takes over" reported "balanced power-profiles-daemon"

before=$(nr_reports)
busctl --system set-property $HADESS /net/hadess/PowerProfiles $HADESS ActiveProfile s power-saver
reported "power-saver power-profiles-daemon"
sleep 1
check "one profile switch gives one report" [ "$(nr_reports)" = $((before + 1)) ]

kill $ppd
wait $ppd 2>/dev/null
check "power-profiles-daemon vanishing falls back to platform_profile" reported "power-saver platform_profile"

# The newer name wins over the legacy one.
$PY -m dbusmock --system --template power_profiles_daemon > "$T/ppd.log" 2>&1 &
pids+=($!)
reported "balanced power-profiles-daemon"
$PY -m dbusmock --system $UPOWER /org/freedesktop/UPower/PowerProfiles $UPOWER > "$T/upower.log" 2>&1 &
pids+=($!)
wait_for 10 busctl --system status $UPOWER
busctl --system call $UPOWER /org/freedesktop/UPower/PowerProfiles org.freedesktop.DBus.Mock AddProperty \
	ssv $UPOWER ActiveProfile s balanced
busctl --system set-property $UPOWER /org/freedesktop/UPower/PowerProfiles $UPOWER ActiveProfile s performance
check "org.freedesktop.UPower.PowerProfiles beats net.hadess.PowerProfiles" \
	reported "performance power-profiles-daemon"
stop_probe

# No bus source, no platform_profile: EPP, sampled.
rm "$sys/firmware/acpi/platform_profile"
DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent start_probe "$sys"
check "without anything else, EPP" reported "power-saver cpufreq energy_performance_preference"
echo balance_performance > "$sys/devices/system/cpu/cpufreq/policy0/energy_performance_preference"
check "an EPP change is seen within its sampling" reported "balanced cpufreq energy_performance_preference"
stop_probe
exit $failed
