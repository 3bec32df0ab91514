#!/usr/bin/env bash
# kill-app.sh MARBLES — the real app, killed: opens a conversation in a
# fresh data folder, types into it, waits a little over a second, kills
# the app with SIGKILL, starts it again and finds the text.
# Runs inside xvfb-run; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
tmp=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

export HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
export GSETTINGS_BACKEND=keyfile GDK_BACKEND=x11
mkdir -p "$XDG_DATA_HOME/marbles/conversations"
chmod 700 "$XDG_DATA_HOME/marbles" "$XDG_DATA_HOME/marbles/conversations"
script=$(cat "$G_TEST_SRCDIR/scripts/good/full.json")
# An id of the form Marbles writes, and the file's name.
c1=c1a2b3c4-0000-4000-8000-000000000001
cat > "$XDG_DATA_HOME/marbles/people.json" <<JSON
{ "format": "marbles-people", "version": 1,
  "people": [ { "id": "p1", "name": "Sanne", "role": "" } ] }
JSON
cat > "$XDG_DATA_HOME/marbles/conversations/$c1.json" <<JSON
{ "format": "marbles-conversation", "version": 1, "id": "$c1", "person": "p1",
  "phase": "talk", "step": 0, "script": $script }
JSON
gsettings set io.github.marblesapp.Marbles window-width 1000
gsettings set io.github.marblesapp.Marbles window-height 700
gsettings set io.github.marblesapp.Marbles section conversations

"$marbles" & pid=$!
win=$(timeout 20 xdotool search --sync --onlyvisible --pid $pid | head -1)
[ -n "$win" ] || fail "the window did not appear"
sleep 1.5
# The first conversation in the list; it opens at its step, the cursor in the notes.
xdotool mousemove --window "$win" 600 110 click 1
sleep 1
xdotool type --delay 20 "typed before the kill"
sleep 1.2
kill -9 $pid
wait $pid 2>/dev/null

grep -q "typed before the kill" "$XDG_DATA_HOME/marbles/conversations/$c1.json" \
  || fail "the text typed more than a second before the kill is not on disk"

# Started again, it reads the journal without a problem and quits.
MARBLES_STARTUP_PROBE=1 timeout 30 "$marbles" >/dev/null || fail "the app did not start again"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$XDG_DATA_HOME/marbles/conversations/$c1.json" \
  || fail "the conversation file is damaged"
echo "ok: the text typed before the kill is there"
