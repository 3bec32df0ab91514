# app-util.sh — what the tests of the real app share (sourced, under
# xvfb-run and with-openbox.sh): a home with one conversation in it, the
# app started and ready for keys, and waiting on a condition.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

export GSETTINGS_BACKEND=keyfile GDK_BACKEND=x11

# A folder of its own, removed at the end with the app last started
# ($app_pid); a test with more to stop sets its own trap after this.
tmp=$(mktemp -d)
app_pid=
trap '[ -n "$app_pid" ] && kill -9 $app_pid 2>/dev/null; rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

# wait_for MS COMMAND [ARG…]: runs COMMAND until it succeeds; fails
# (status 1) once MS milliseconds have gone by without that.
wait_for() {
  local until=$((${EPOCHREALTIME/./} + $1 * 1000))

  shift
  until "$@"; do
    [ "${EPOCHREALTIME/./}" -lt "$until" ] || return 1
    sleep 0.02
  done
}

# new_home DIR: a home of its own in DIR, and in its data folder Sanne
# and a conversation with her, at the first step of Talk, whose file is
# $conversation_file. The window opens at 1000 × 700 on the conversations.
new_home() {
  local home=$1 id=c1a2b3c4-0000-4000-8000-000000000001

  export HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache
  conversation_file=$XDG_DATA_HOME/marbles/conversations/$id.json
  mkdir -p "$XDG_DATA_HOME/marbles/conversations"
  chmod 700 "$XDG_DATA_HOME/marbles" "$XDG_DATA_HOME/marbles/conversations"
  cat > "$XDG_DATA_HOME/marbles/people.json" <<JSON
{ "format": "marbles-people", "version": 1,
  "people": [ { "id": "p1", "name": "Sanne", "role": "" } ] }
JSON
  cat > "$conversation_file" <<JSON
{ "format": "marbles-conversation", "version": 1, "id": "$id", "person": "p1",
  "phase": "talk", "step": 0, "script": $(cat "$G_TEST_SRCDIR/scripts/good/full.json") }
JSON
  gsettings set io.github.marblesapp.Marbles window-width 1000
  gsettings set io.github.marblesapp.Marbles window-height 700
  gsettings set io.github.marblesapp.Marbles section conversations
}

app_gone() { ! kill -0 "$app_pid" 2>/dev/null; }
app_loaded_or_gone() { grep -qs '^loaded ' "$HOME/probe" || app_gone; }
app_active() { [ "$(xdotool getactivewindow 2>/dev/null)" = "$app_window" ]; }
# The window manager can show the window a moment after the app has
# drawn the journal in it.
app_window_shown() {
  app_window=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | head -1)
  [ -n "$app_window" ]
}
# The app's window ($app_window) is shown and has the keyboard.
app_window_active() { app_window_shown && app_active; }

# start_app MARBLES: starts it ($app_pid), and waits until its window
# ($app_window) shows the journal read and has the keyboard.
start_app() {
  MARBLES_STARTUP_PROBE=ready "$1" > "$HOME/probe" &
  app_pid=$!
  wait_for 30000 app_loaded_or_gone && ! app_gone || fail "the app did not show the journal"
  wait_for 10000 app_window_shown || fail "the window did not appear"
  wait_for 10000 app_active || fail "the window did not get the keyboard"
}

# Opens the first conversation of the list from the keyboard: from the
# window as it opened, Shift+Tab goes to the last thing in it, the list,
# and Enter opens the conversation at its step, the cursor in the notes.
open_first_conversation() {
  xdotool key --delay 40 shift+Tab Return
}

in_conversation_file() { grep -qF -- "$1" "$conversation_file"; }
