#!/usr/bin/env bash
# relaunch-app.sh MARBLES — Marbles started again while the one before is
# still ending. A Marbles that has been told to quit holds its name on
# the session bus until its process ends (freeing a large journal takes
# a moment), and answers nothing by then. One started in that moment
# finds it, asks it for its actions, and waits. Here the first is
# stopped (SIGSTOP), as it is while it ends, until the second has asked;
# then it ends. The second must show the journal itself, not end with
# "no reply" and no window.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool, dbus-daemon
# and dbus-monitor.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
. "$(dirname "$0")/app-util.sh"
first_pid=
bus_pid=
monitor_pid=
trap 'for pid in "$app_pid" "$first_pid" "$monitor_pid" "$bus_pid"; do [ -n "$pid" ] && kill -9 $pid 2>/dev/null; done; rm -rf "$tmp"' EXIT

new_home "$tmp/home"

# A session bus of its own, as a desktop has.
dbus-daemon --session --nofork --nopidfile --print-address=3 3>"$tmp/bus" 2>/dev/null &
bus_pid=$!
wait_for 20000 test -s "$tmp/bus" || fail "the session bus did not start"
DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$tmp/bus")
export DBUS_SESSION_BUS_ADDRESS

start_app "$marbles"
first_pid=$app_pid

# What the second asks the first, seen on the bus.
dbus-monitor --session "interface='org.gtk.Actions',member='DescribeAll'" > "$tmp/monitor" 2>&1 &
monitor_pid=$!
wait_for 10000 grep -q "member=NameLost" "$tmp/monitor" || fail "dbus-monitor did not start"

kill -STOP "$first_pid"
MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" 2> "$tmp/second.log" &
app_pid=$!
wait_for 20000 grep -q "member=DescribeAll" "$tmp/monitor" || fail "the second Marbles did not find the first"

# The first ends, with its name.
kill -9 "$first_pid"
wait "$first_pid" 2>/dev/null
first_pid=

wait_for 30000 app_loaded_or_gone && ! app_gone ||
  fail "started while another ended, Marbles showed no journal: $(cat "$tmp/second.log")"
wait_for 10000 app_window_shown || fail "the second Marbles's window did not appear"
echo "PASS: started while another ended, Marbles shows the journal itself"
