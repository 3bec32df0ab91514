#!/usr/bin/env bash
# two-apps.sh MARBLES — two Marbles on one journal, as two desktop logins
# (or two people sharing a folder) run them: two processes, each with its
# own home, settings and session bus, on one data folder. Marbles works
# side by side with another Marbles (data/README-journal.md, "One journal
# on two machines"): there is no lock, so neither is told to wait.
#  - Both open the same conversation. The first login types in the notes
#    of its step; the second takes that in live, adds an agreement, goes
#    to the next step and types there, then to the reflection and answers
#    there. The first goes on typing: its keys still land where its cursor
#    was, after what it typed before.
#  - Each starts a conversation with someone new at about the same time:
#    both people are kept.
#  - Quit with Ctrl+Q, the journal holds everything both typed, in order,
#    with no conflict copy or temporary file left, and each login starts
#    again and reads every file of it.
# What each app took in is seen in what it prints with G_MESSAGES_DEBUG.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool and dbus-daemon.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
. "$(dirname "$0")/app-util.sh"
declare -A app_pids app_windows
bus_pids=()
trap 'for pid in "$app_pid" "${app_pids[@]}" "${bus_pids[@]}"; do [ -n "$pid" ] && kill -9 $pid 2>/dev/null; done; rm -rf "$tmp"' EXIT

export G_MESSAGES_DEBUG=mb-window,mb-journal

# login NAME: what a login of its own has — a home, settings and a
# session bus (a second Marbles on the same bus would only hand its
# window to the first) — on the journal of the first login's home.
login() {
  export HOME=$tmp/$1 XDG_CONFIG_HOME=$tmp/$1/config XDG_CACHE_HOME=$tmp/$1/cache XDG_STATE_HOME=$tmp/$1/state
  if [ ! -s "$HOME/bus" ]; then
    mkdir -p "$HOME"
    dbus-daemon --session --nofork --nopidfile --print-address=3 3>"$HOME/bus" 2>/dev/null &
    bus_pids+=($!)
    wait_for 20000 test -s "$HOME/bus" || fail "$1: the session bus did not start"
    gsettings set io.github.marblesapp.Marbles window-width 1000
    gsettings set io.github.marblesapp.Marbles window-height 700
    gsettings set io.github.marblesapp.Marbles section conversations
  fi
  DBUS_SESSION_BUS_ADDRESS=$(head -n 1 "$HOME/bus")
  export DBUS_SESSION_BUS_ADDRESS
  app_pid=${app_pids[$1]:-}
  app_window=${app_windows[$1]:-}
}

# use NAME: the keys go to that login's window from now on.
use() {
  login "$1"
  timeout 20 xdotool windowactivate --sync "$app_window" 2>/dev/null
  wait_for 10000 app_active || fail "$1: its window did not get the keyboard"
}

start_login() {
  login "$1"
  start_app "$marbles"
  app_pids[$1]=$app_pid
  app_windows[$1]=$app_window
  open_first_conversation
}

# took_in NAME: that login's journal has the version of the conversation
# now on disk (read it, or wrote it itself).
took_in() {
  local hash

  hash=$(sha256sum "$conversation_file" | cut -c 1-8)
  wait_for 20000 grep -q "$(basename "$conversation_file") is known as $hash" "$tmp/$1/probe"
}

# noticed NAME: that login's window said quietly that changes came in
# (a debug message of mb-window.c says what it showed).
noticed() { grep -qF "Shown quietly: Changes from another device taken in" "$tmp/$1/probe"; }

# The texts of the conversation on disk, to say what went wrong.
texts() {
  python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); print(c["steps"], c["reflection"])' \
    "$conversation_file"
}

dialog_active() {
  local window

  window=$(xdotool getactivewindow 2>/dev/null) && [ "$window" != "$app_window" ] &&
    [ "$(xdotool getwindowpid "$window" 2>/dev/null)" = "$app_pid" ]
}

# new_conversation NAME PERSON: that login starts a conversation with
# someone new, from the keyboard.
new_conversation() {
  use "$1"
  xdotool key ctrl+n
  wait_for 10000 dialog_active || fail "$1: the new conversation dialog did not open"
  xdotool type --delay 20 "$2"
  xdotool key Return
  wait_for 10000 app_active || fail "$1: the new conversation dialog did not close"
}

in_people() { grep -qF "\"$1\"" "$XDG_DATA_HOME/marbles/people.json"; }

new_home "$tmp/first"
start_login first
start_login second
[ "${app_pids[first]}" != "${app_pids[second]}" ] && kill -0 "${app_pids[first]}" 2>/dev/null \
  || fail "the second Marbles did not run beside the first"
echo "ok: two Marbles run on one journal, each with its own window"

# The first types; the second takes it in.
use first
xdotool type --delay 20 "The first login: Sanne worries about the deadline."
wait_for 20000 in_conversation_file "Sanne worries about the deadline." \
  || fail "what the first login typed did not reach the disk"
took_in second || fail "the second login did not take in what the first typed"
noticed second || fail "the second login's window did not say that changes came in"

# The second adds an agreement, types in the next step and in the
# reflection.
use second
xdotool key alt+a
xdotool type --delay 20 "We talk again on Friday"
xdotool key Return Escape ctrl+Page_Down
xdotool type --delay 20 "The second login: she asks for help."
xdotool key ctrl+3
xdotool type --delay 20 "I listened without judging."
wait_for 20000 in_conversation_file "I listened without judging." \
  || fail "what the second login typed did not reach the disk"
took_in first || fail "the first login did not take in what the second typed"
noticed first || fail "the first login's window did not say that changes came in"

# The first goes on where it was.
use first
xdotool type --delay 20 " She asks for help."
wait_for 20000 in_conversation_file "the deadline. She asks for help." \
  || fail "the first login's keys did not land after what it typed before: $(texts)"
took_in second || fail "the second login did not take in what the first typed next"
echo "ok: each took in what the other typed, and went on typing where it was"

# Someone new on each side, at about the same time.
new_conversation first "Noor Jansen"
new_conversation second "Ahmed Benali"
wait_for 20000 in_people "Noor Jansen" && wait_for 20000 in_people "Ahmed Benali" \
  || fail "the people added on both sides are not all in people.json: $(cat "$XDG_DATA_HOME/marbles/people.json")"

for name in second first; do
  use "$name"
  xdotool key ctrl+q
  wait_for 20000 app_gone || fail "$name: did not quit on Ctrl+Q"
  wait "$app_pid" || fail "$name: quit with status $?"
  app_pids[$name]=
  app_pid=
done
echo "ok: both quit"

python3 - "$XDG_DATA_HOME/marbles" "$(basename "$conversation_file" .json)" <<'PY' || exit 1
import json, os, sys

folder, first = sys.argv[1:]
def fail(message):
    sys.exit(f"FAIL: {message}")

with open(os.path.join(folder, "people.json")) as f:
    people = {person["name"]: person["id"] for person in json.load(f)["people"]}
if sorted(people) != ["Ahmed Benali", "Noor Jansen", "Sanne"]:
    fail(f"people.json holds {sorted(people)}")

with open(os.path.join(folder, "conversations", first + ".json")) as f:
    conversation = json.load(f)
expected = {
    "notes of the first step": (conversation["steps"]["open"]["notes"],
                                "The first login: Sanne worries about the deadline. She asks for help."),
    "notes of the second step": (conversation["steps"]["close"]["notes"], "The second login: she asks for help."),
    "reflection": (conversation["reflection"]["answers"]["listened"], "I listened without judging."),
    "agreements": ([agreement["text"] for agreement in conversation["agreements"]], ["We talk again on Friday"]),
}
for what, (found, wanted) in expected.items():
    if found != wanted:
        fail(f"the {what}: {found!r}, not {wanted!r}")

# Nothing else but the conversations (and the file of format version 1
# the first save kept): no conflict copy, no temporary file.
with_people = set()
for name in sorted(os.listdir(os.path.join(folder, "conversations"))):
    if name in ("scripts", first + ".json", first + ".json.v1.bak"):
        continue
    if name.startswith(".") or not name.endswith(".json"):
        fail(f"left in the folder: {name}")
    with open(os.path.join(folder, "conversations", name)) as f:
        with_people.add(json.load(f)["person"])
if with_people != {people["Noor Jansen"], people["Ahmed Benali"]}:
    fail(f"the new conversations are with {with_people}")
PY
echo "ok: the journal holds what both typed, both new people and their conversations, and nothing else"

# Each login starts again and reads every file of the journal.
for name in first second; do
  login "$name"
  MARBLES_STARTUP_PROBE=loaded timeout 60 "$marbles" > "$HOME/again" || fail "$name: did not start again"
  for file in people.json $(ls "$XDG_DATA_HOME/marbles/conversations" | grep '\.json$'); do
    grep -qF "$file is known as" "$HOME/again" || fail "$name: did not read $file when started again"
  done
done
echo "ok: both logins start again and read every file"
