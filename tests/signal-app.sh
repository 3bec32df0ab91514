#!/usr/bin/env bash
# signal-app.sh MARBLES — the real app, stopped by a signal as at logout
# or shutdown: for each of SIGTERM, SIGHUP and SIGINT, opens a
# conversation in a fresh data folder, types into it with real key
# presses and sends the signal right after the last key. Every key typed
# must be on disk, and the app must have quit.
# Runs inside xvfb-run; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

export GSETTINGS_BACKEND=keyfile GDK_BACKEND=x11
script=$(cat "$G_TEST_SRCDIR/scripts/good/full.json")

# Waits up to @2 tenths of a second for command @1 to succeed.
wait_for() {
  for _ in $(seq "$2"); do
    eval "$1" && return 0
    sleep 0.1
  done
  return 1
}

run_one() {
  local signal=$1 home=$tmp/$1 file text
  export HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache
  file=$XDG_DATA_HOME/marbles/conversations/c1a2b3c4-0000-4000-8000-000000000001.json
  mkdir -p "$XDG_DATA_HOME/marbles/conversations"
  chmod 700 "$XDG_DATA_HOME/marbles" "$XDG_DATA_HOME/marbles/conversations"
  cat > "$XDG_DATA_HOME/marbles/people.json" <<JSON
{ "format": "marbles-people", "version": 1,
  "people": [ { "id": "p1", "name": "Sanne", "role": "" } ] }
JSON
  cat > "$file" <<JSON
{ "format": "marbles-conversation", "version": 1, "id": "c1a2b3c4-0000-4000-8000-000000000001", "person": "p1",
  "phase": "talk", "step": 0, "script": $script }
JSON
  gsettings set io.github.marblesapp.Marbles window-width 1000
  gsettings set io.github.marblesapp.Marbles window-height 700
  gsettings set io.github.marblesapp.Marbles section conversations

  "$marbles" & pid=$!
  win=$(timeout 20 xdotool search --sync --onlyvisible --pid $pid | head -1)
  [ -n "$win" ] || fail "$signal: the window did not appear"

  # Open the first conversation of the list (it opens at its step, the
  # cursor in the notes) until a word typed there reaches the disk.
  for _ in $(seq 30); do
    xdotool mousemove --window "$win" 600 110 click 1
    xdotool type --delay 20 "ready."
    wait_for "grep -q 'ready\.' '$file'" 20 && break
  done
  grep -q 'ready\.' "$file" || fail "$signal: could not type into the conversation"

  # The signal right after the last key: no autosave has had its turn.
  text="Typed up to the last key before SIG$signal, every one of them."
  xdotool type --delay 20 " $text"
  kill -"$signal" $pid
  wait_for "! kill -0 $pid 2>/dev/null" 100 || fail "$signal: the app did not quit"
  wait $pid
  status=$?
  pid=

  grep -qF "$text" "$file" || fail "$signal: not every key typed before the signal is on disk: $(grep -o 'ready[^"]*' "$file")"
  [ $status -eq 0 ] || fail "$signal: the app quit with status $status"
  python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$file" || fail "$signal: the file is damaged"
  echo "ok: SIG$signal: every key typed before it is on disk"
}

for signal in TERM HUP INT; do
  run_one $signal
done
