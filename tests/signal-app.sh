#!/usr/bin/env bash
# signal-app.sh MARBLES — the real app, stopped by a signal as at logout
# or shutdown: for each of SIGTERM, SIGHUP and SIGINT, opens a
# conversation in a fresh data folder from the keyboard, types into it
# with real key presses and sends the signal right after the last key.
# Every key typed must be on disk, and the app must have quit.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
. "$(dirname "$0")/app-util.sh"

run_one() {
  local signal=$1 text status

  new_home "$tmp/$signal"
  start_app "$marbles"

  # The cursor is in the notes once a word typed there reaches the disk.
  open_first_conversation
  xdotool type --delay 20 "ready."
  wait_for 10000 in_conversation_file "ready." || fail "$signal: could not type into the conversation"

  # The signal right after the last key: no autosave has had its turn.
  text="Typed up to the last key before SIG$signal, every one of them."
  xdotool type --delay 20 " $text"
  kill -"$signal" $app_pid
  wait_for 10000 app_gone || fail "$signal: the app did not quit"
  wait $app_pid
  status=$?
  app_pid=

  in_conversation_file "$text" \
    || fail "$signal: not every key typed before the signal is on disk: $(grep -o 'ready[^"]*' "$conversation_file")"
  [ $status -eq 0 ] || fail "$signal: the app quit with status $status"
  written+=("$conversation_file")
  echo "ok: SIG$signal: every key typed before it is on disk"
}

written=()
for signal in TERM HUP INT; do
  run_one $signal
done

# Each file whole: one Python for all three, which is slow to start.
python3 - "${written[@]}" <<'PY' || fail "a file is damaged"
import json, sys
for path in sys.argv[1:]:
    try:
        json.load(open(path))
    except ValueError as error:
        sys.exit(f"{path}: {error}")
PY
echo "ok: the files are whole"
