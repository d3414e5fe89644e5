#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The man pages: each renders without a warning (man -l), and each says
# what the programs and the bus object really offer, taken from the
# programs themselves so that what is added later is caught too. Every
# option and command in cellflashd --help and cellflashctl --help, and
# every member of the interface XML, every environment variable the daemon
# reads (getenv() in daemon/) and every error name of daemon/bus-api.h has
# an entry of its own (a mention in another entry's text is not enough),
# and no entry names an option that --help lacks. TAP.
#   man.sh CELLFLASHD CELLFLASHCTL INTERFACE-XML DAEMON-SRC-DIR PAGE...
set -u
daemon=$1 ctl=$2 xml=$3 src=$4
shift 4
pages=("$@")
text=$(mktemp -d)
trap 'rm -rf "$text"' EXIT

# The rendered text of each page (ASCII, one paragraph a line as far as
# possible, so that no option is hyphenated or split), its entries' terms
# and the options those name.
#
# An entry's term is a line indented by 7 right above its text, which is
# indented further: "-s, --slice-us=US", "status [--json]", "Restart()".
# A paragraph is indented by 7 too, but followed by a blank line. The
# options of "-s, --slice-us=US" are -s and --slice-us.
page_of() { for p in "${pages[@]}"; do [ "$(basename "$p")" = "$1" ] && echo "$p"; done; }
for p in "${pages[@]}"; do
	t=$text/$(basename "$p")
	LC_ALL=C MANWIDTH=1000 man -l "$p" 2>/dev/null > "$t.txt"
	awk '/^       [^ ]/ { t = $0; next } t != "" && /^        +[^ ]/ { sub(/^ +/, "", t); print t } { t = "" }' \
		"$t.txt" > "$t.terms"
	grep -oE '(^|[][ ,])--?[A-Za-z][A-Za-z0-9-]*' "$t.terms" | sed 's/^[][ ,]//' | sort -u > "$t.options"
done
# Options: "  -s, --slice-us=US  ..." and "      --wakeup-throttle ...".
help_options() {
	"$1" --help | sed -n 's/^ \{2,6\}\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\1\2/p' |
		tr -d ',' | tr ' ' '\n' | grep . | sort -u
}

checks=()	# KIND, NAME, PAGE and ARG, separated by tabs
add() { checks+=("$1"$'\t'"$2"$'\t'"$3"$'\t'"$4"); }
for o in $(help_options "$daemon"); do add option "cellflashd(8) has an entry for $o" cellflashd.8 "$o"; done
for o in $(help_options "$ctl"); do add option "cellflashctl(1) has an entry for $o" cellflashctl.1 "$o"; done
add stale "cellflashd(8) has no entry for an option cellflashd lacks" cellflashd.8 "$daemon"
add stale "cellflashctl(1) has no entry for an option cellflashctl lacks" cellflashctl.1 "$ctl"
# cellflashctl's commands: the lines between "Commands:" and the next blank line.
for c in $("$ctl" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'); do
	add term "cellflashctl(1) has an entry for the command $c" cellflashctl.1 "$c( |$)"
done
for m in $(sed -n 's/.*<\(method\|property\|signal\) name="\([A-Za-z]*\)".*/\2/p' "$xml"); do
	add term "org.cellflash.Scheduler1(5) has an entry for $m" org.cellflash.Scheduler1.5 "$m ?\\("
done
for v in $(grep -ho 'getenv("[A-Z_]*")' "$src"/*.c | sed 's/getenv("\(.*\)")/\1/' | sort -u); do
	add term "cellflashd(8) has an entry for the environment variable $v" cellflashd.8 "(.*, )?$v(,|$)"
done
for e in $(sed -n 's/^#define BUS_ERROR_[A-Z_]*[[:space:]]*BUS_INTERFACE "\(.*\)"/org.cellflash.Scheduler1\1/p' "$src/bus-api.h"); do
	add term "org.cellflash.Scheduler1(5) has an entry for the error $e" org.cellflash.Scheduler1.5 "${e//./\\.}$"
done

echo "1..$(( ${#pages[@]} + ${#checks[@]} ))"
n=0
failed=0
for p in "${pages[@]}"; do
	n=$((n + 1))
	warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p" 2>&1 >/dev/null)
	if [ -z "$warnings" ] && [ -s "$text/$(basename "$p").txt" ]; then
		echo "ok $n - $(basename "$p") renders without warnings"
	else
		echo "not ok $n - $(basename "$p") renders without warnings"
		echo "${warnings:-# (no output)}" | sed 's/^/# /'
		failed=1
	fi
done
for c in "${checks[@]}"; do
	IFS=$'\t' read -r kind name page arg <<< "$c"
	n=$((n + 1))
	out=
	if [ -z "$(page_of "$page")" ]; then
		echo "not ok $n - $name # no page $page was built"
		failed=1
		continue
	fi
	case $kind in
	option) grep -qxF -- "$arg" "$text/$page.options" ;;
	term) grep -qE -- "^$arg" "$text/$page.terms" ;;
	stale) out=$(comm -23 "$text/$page.options" <(help_options "$arg")); [ -z "$out" ] ;;
	esac
	if [ $? = 0 ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		[ -n "$out" ] && echo "$out" | sed 's/^/# /'
		failed=1
	fi
done
exit $failed
