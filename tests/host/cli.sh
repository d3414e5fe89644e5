#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cellflashd's command line, on the host: help, version, bad options, missing
# privileges, and a kernel without sched_ext. TAP output.
#   cli.sh CELLFLASHD
set -u
daemon=$1
. "$(dirname "$0")/tap.sh"

out=$(mktemp)
trap 'rm -f "$out"' EXIT

echo "1..8"

run "$daemon" --help
check "--help exits 0 and shows usage" eval '[ $rc = 0 ] && has "Usage: cellflashd"'

run "$daemon" --version
check "--version prints the version" eval '[ $rc = 0 ] && has "^cellflashd [0-9]"'

run "$daemon" --slice-us=5
check "a bad value exits 2 in one line naming option and range" \
	eval '[ $rc = 2 ] && lines 1 && has "--slice-us: .5. is not a number of microseconds in 20-100000"'

run "$daemon" --no-such-option
check "an unknown option exits 2 in one line" eval '[ $rc = 2 ] && lines 1 && has "unknown option"'

run "$daemon" extra
check "a stray argument exits 2" eval '[ $rc = 2 ] && has "unexpected argument"'

if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$daemon"
	check "without privileges: exit 4, one line" eval '[ $rc = 4 ] && lines 1 && has "Must run as root"'
	run env CELLFLASH_SYSFS_ROOT=/nonexistent-sysfs "$daemon"
	check "a kernel without sched_ext: exit 5, one line" \
		eval '[ $rc = 5 ] && lines 1 && has "This kernel has no sched_ext"'
	run env CELLFLASH_SYSFS_ROOT=/nonexistent-sysfs "$daemon" --slice-us=5
	check "options are checked before the kernel" eval '[ $rc = 2 ]'
else
	for t in privileges no-sched-ext options-first; do
		n=$((n + 1))
		echo "ok $n - $t # SKIP needs root and setpriv"
	done
fi
exit $failed
