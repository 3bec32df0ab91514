#!/usr/bin/env bash
# kill-app.sh MARBLES — the real app, killed: opens a conversation in a
# fresh data folder from the keyboard, types into it, kills the app with
# SIGKILL once what was typed is on disk (at most 1.2 s after the last
# key), starts it again and finds the text.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
. "$(dirname "$0")/app-util.sh"

new_home "$tmp"
start_app "$marbles"
open_first_conversation
xdotool type --delay 20 "typed before the kill"
wait_for 1200 in_conversation_file "typed before the kill" \
  || fail "the text typed more than a second before the kill is not on disk"
kill -9 $app_pid
wait $app_pid 2>/dev/null
app_pid=

in_conversation_file "typed before the kill" || fail "the text is gone after the kill"

# Started again, it reads the journal without a problem and quits.
MARBLES_STARTUP_PROBE=1 timeout 30 "$marbles" >/dev/null || fail "the app did not start again"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$conversation_file" \
  || fail "the conversation file is damaged"
echo "ok: the text typed before the kill is there"
