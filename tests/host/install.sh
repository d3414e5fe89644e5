#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# meson install into a DESTDIR: exactly the expected files, where the
# configured directories say, and consistent with each other (the unit runs
# the installed daemon and reads the installed options file, the activation
# file names the unit's alias and bus name, the unit's documentation is
# installed); a second install keeps an edited options file. TAP.
#   install.sh BUILD-DIR
set -u
build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
n=0
failed=0
check() {	# check NAME COMMAND...
	local name=$1
	shift
	n=$((n + 1))
	if out=$("$@" 2>&1); then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		[ -n "$out" ] && echo "$out" | sed 's/^/# /'
		failed=1
	fi
}
echo "1..9"

install_to() { meson install -C "$build" --destdir "$1" --no-rebuild --quiet; }
check "meson install --destdir succeeds" install_to "$dest"

# The configured directories, absolute.
eval "$(meson introspect --buildoptions "$build" | python3 -c '
import json, os, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
p = o["prefix"]
for k in ("bindir", "sbindir", "datadir", "mandir", "sysconfdir"):
    print("%s=%s" % (k, os.path.join(p, o[k])))
print("unitdir=%s" % (o["systemdsystemunitdir"] or os.path.join(p, "lib/systemd/system")))
')"
expected=$(sort <<EOF2
$sbindir/cellflashd
$bindir/cellflashctl
$unitdir/cellflash.service
$sysconfdir/default/cellflash
$datadir/dbus-1/interfaces/org.cellflash.Cell1.xml
$datadir/dbus-1/interfaces/org.cellflash.Scheduler1.xml
$datadir/dbus-1/system.d/org.cellflash.Scheduler1.conf
$datadir/dbus-1/system-services/org.cellflash.Scheduler1.service
$datadir/polkit-1/actions/org.cellflash.scheduler.policy
$mandir/man1/cellflashctl.1
$mandir/man5/org.cellflash.Scheduler1.5
$mandir/man7/cellflash.7
$mandir/man8/cellflashd.8
EOF2
)
actual=$(cd "$dest" && find . -type f -o -type l | sed 's/^\.//' | sort)
check "exactly the expected files are installed" diff <(echo "$expected") <(echo "$actual")

unit=$dest$unitdir/cellflash.service
activation=$dest$datadir/dbus-1/system-services/org.cellflash.Scheduler1.service
key() { sed -n "s/^$1=//p" "$2"; }
check "the unit runs the installed cellflashd" \
	eval '[ "$(key ExecStart "$unit" | cut -d" " -f1)" = "$sbindir/cellflashd" ] && "$dest$sbindir/cellflashd" --version'
check "the installed cellflashctl runs" "$dest$bindir/cellflashctl" --version
check "the unit reads the installed options file" \
	eval '[ "$(key EnvironmentFile "$unit")" = "-$sysconfdir/default/cellflash" ] && grep -q "^CELLFLASH_OPTS=" "$dest$sysconfdir/default/cellflash"'
check "the activation file starts the unit's alias, for its bus name" \
	eval '[ "$(key SystemdService "$activation")" = "$(key Alias "$unit")" ] && [ "$(key Name "$activation")" = "$(key BusName "$unit")" ]'
# Documentation=man:PAGE(N) ...
docs_installed() {
	local d page sec
	for d in $(key Documentation "$unit"); do
		page=$(sed -n 's/^man:\(.*\)(\([0-9]\))$/\1/p' <<< "$d")
		sec=$(sed -n 's/^man:\(.*\)(\([0-9]\))$/\2/p' <<< "$d")
		[ -n "$page" ] || { echo "not a man page: $d"; return 1; }
		[ -f "$dest$mandir/man$sec/$page.$sec" ] || { echo "$d is not installed"; return 1; }
	done
}
check "the unit's documentation is installed" docs_installed

echo 'CELLFLASH_OPTS="--stats=5"' > "$dest$sysconfdir/default/cellflash"
check "a second install succeeds" install_to "$dest"
check "it keeps the edited options file" grep -qx 'CELLFLASH_OPTS="--stats=5"' "$dest$sysconfdir/default/cellflash"
exit $failed
