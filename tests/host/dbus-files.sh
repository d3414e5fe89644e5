#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Every XML file in dbus/ and the other directories given (the test
# guests' bus configurations) is well-formed (xmllint), and the polkit
# action is valid against polkit's DTD. (bus.sh loads the bus policy into a
# real dbus-daemon and compares the interface XML with the live object.) TAP.
#   dbus-files.sh DBUS-DIR [DIR...]
set -u
shopt -s nullglob
dir=$1
files=()
for d in "$@"; do files+=("$d"/*.xml "$d"/*.conf "$d"/*.policy); done
polkit_dtd=/usr/share/polkit-1/policyconfig-1.dtd
echo "1..$((${#files[@]} + 1))"
n=0
failed=0
for f in "${files[@]}"; do
	n=$((n + 1))
	if out=$(xmllint --noout --nonet "$f" 2>&1); then
		echo "ok $n - $(basename "$f") is well-formed XML"
	else
		echo "not ok $n - $(basename "$f") is well-formed XML"
		echo "$out" | sed 's/^/# /'
		failed=1
	fi
done
n=$((n + 1))
if [ ! -f $polkit_dtd ]; then
	echo "ok $n - the polkit action is valid # SKIP no $polkit_dtd (package polkitd)"
elif out=$(xmllint --noout --nonet --dtdvalid $polkit_dtd "$dir"/*.policy 2>&1); then
	echo "ok $n - the polkit action is valid"
else
	echo "not ok $n - the polkit action is valid"
	echo "$out" | sed 's/^/# /'
	failed=1
fi
exit $failed
