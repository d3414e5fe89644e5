# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the host tests that check commands' output: TAP cases, and
# helpers over $out, the file the last run() wrote (the caller sets $out).
n=0
failed=0

check() {	# check NAME CONDITION...: one case; on failure $out is shown
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/# /' "$out"
		failed=1
	fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
run() { "$@" >"$out" 2>&1; rc=$?; }	# sets rc
has() { grep -q -- "$1" "$out"; }
lines() { [ "$(wc -l < "$out")" = "$1" ]; }
