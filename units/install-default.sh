#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# meson install script: install-default.sh SAMPLE TARGET
# Installs the sample options file as TARGET (under $DESTDIR) unless TARGET
# exists: it is the administrator's file from then on, and a reinstall must
# not undo their edits.
set -eu
target=${DESTDIR:-}$2
if [ -e "$target" ]; then
	echo "Keeping $target (the sample is $1)"
	exit 0
fi
mkdir -p "$(dirname "$target")"
install -m 0644 "$1" "$target"
echo "Installing $1 to $target"
