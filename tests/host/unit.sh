#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The installed unit, checked by systemd itself without a running systemd:
# systemd-analyze verify finds nothing to say about it, and
# systemd-analyze security --offline rates its sandbox at most MAX (the
# README records the figure; the VM tests under systemd show that the
# sandbox still lets the daemon do its work). TAP.
#   unit.sh BUILD-DIR MAX
set -u
build=$1 max=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
echo "1..3"

if ! meson install -C "$build" --destdir "$root" --no-rebuild --quiet > "$root.log" 2>&1; then
	echo "not ok 1 - meson install --destdir succeeds"
	sed 's/^/# /' "$root.log"
	rm -f "$root.log"
	echo "not ok 2 - systemd-analyze verify # SKIP nothing installed"
	echo "not ok 3 - systemd-analyze security # SKIP nothing installed"
	exit 1
fi
rm -f "$root.log"
echo "ok 1 - meson install --destdir succeeds"
unit=$(cd "$root" && find . -name cellflash.service -path '*/systemd/system/*' | sed 's/^\.//')

# verify --root resolves the unit's dependencies and ExecStart= inside the
# root: the installed files, next to systemd's own units from this machine.
for d in /usr/lib/systemd/system /lib/systemd/system; do
	[ -d "$d" ] && { mkdir -p "$root/usr/lib/systemd/system"; cp -an "$d/." "$root/usr/lib/systemd/system/"; break; }
done
failed=0
# It exits 0 after most complaints: any output is a failure.
out=$(systemd-analyze verify --man=no --root="$root" "$(basename "$unit")" 2>&1)
rc=$?
if [ $rc = 0 ] && [ -z "$out" ]; then
	echo "ok 2 - systemd-analyze verify has nothing to say about $unit"
else
	echo "not ok 2 - systemd-analyze verify has nothing to say about $unit"
	echo "$out" | sed 's/^/# /'
	failed=1
fi

out=$(systemd-analyze security --offline=yes --root="$root" "$(basename "$unit")" 2>&1)
exposure=$(sed -n 's/.*Overall exposure level for cellflash.service: \([0-9.]*\) .*/\1/p' <<< "$out")
if [ -z "$exposure" ]; then
	echo "not ok 3 - systemd-analyze security rates the unit"
	echo "$out" | sed 's/^/# /'
	failed=1
elif awk -v e="$exposure" -v m="$max" 'BEGIN { exit !(e <= m) }'; then
	echo "ok 3 - systemd-analyze security: exposure $exposure, at most $max"
	echo "$out" | grep '✗' | sed 's/^/# /'
else
	echo "not ok 3 - systemd-analyze security: exposure $exposure, at most $max"
	echo "$out" | grep '✗' | sed 's/^/# /'
	failed=1
fi
exit $failed
