#!/usr/bin/env bash
# unlock-app.sh MARBLES PROTECT-JOURNAL — a journal protected with a
# passphrase, in the real app, with real keys.
# 1. It starts on the unlock page: a wrong passphrase is refused and
#    nothing is read; the right one opens the journal. A note typed in it
#    is nowhere in plain text under the data folder, and
#    marbles --decrypt-journal gives it back.
#    The recovery key opens it too, and sets a new passphrase.
# 2. In Preferences, the passphrase is changed; the protection is turned
#    off (the passphrase asked), then on again (a new one, twice; the
#    recovery key shown), the journal intact each time.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
protect_journal=$2
. "$(dirname "$0")/app-util.sh"
export G_MESSAGES_DEBUG="mb-unlock-page mb-application mb-preferences-window"

note="Sanne asked for time off 4711"
said() { grep -qF -- "$1" "$HOME/probe"; }
loaded() { grep -qs '^loaded ' "$HOME/probe"; }
encrypted() { [ "$(head -c 11 "$1")" = "MARBLES-ENC" ]; }

# active_other_than WINDOW: another window than WINDOW has the keyboard;
# it is then $active.
active_other_than() {
  active=$(xdotool getactivewindow 2>/dev/null)
  [ -n "$active" ] && [ "$active" != "$1" ]
}

# open_question: Preferences opened, the protection switched, and the
# question that asks the passphrase has the keyboard.
open_question() {
  xdotool key ctrl+comma
  wait_for 10000 active_other_than "$app_window" || fail "Preferences did not open"
  xdotool key alt+p
  wait_for 10000 active_other_than "$active" || fail "no question on switching the protection"
}

quit_app() {
  xdotool key ctrl+q
  wait_for 20000 app_gone || fail "the app did not quit on Ctrl+Q"
  wait $app_pid || fail "the app quit with status $?"
  app_pid=
}

new_home "$tmp/home"
data=$XDG_DATA_HOME/marbles
"$protect_journal" "$data" "right horse" > "$tmp/recovery" || fail "could not protect the journal"
encrypted "$conversation_file" || fail "the conversation was not encrypted to begin with"

# start_locked: starts the app, on the unlock page with the keyboard.
start_locked() {
  MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" &
  app_pid=$!
  wait_for 30000 app_window_active || fail "the unlock page did not get the keyboard"
}

start_locked
xdotool type --delay 20 "wrong horse"
xdotool key Return
wait_for 30000 said "Not unlocked: That is not the passphrase" || fail "a wrong passphrase was not refused"
loaded && fail "the journal was read with a wrong passphrase"
echo "ok: a wrong passphrase is refused, and nothing is read"

# The wrong one is selected: typing replaces it.
xdotool type --delay 20 "right horse"
xdotool key Return
wait_for 30000 loaded || fail "the right passphrase did not open the journal"
said "Unlocked" || fail "the journal was read without being unlocked"
echo "ok: the right passphrase opens the journal"

wait_for 10000 app_window_active || fail "the window did not keep the keyboard"
open_first_conversation
xdotool type --delay 20 "$note"
quit_app
grep -rqF -- "$note" "$data" && fail "the note is in plain text under the data folder"
grep -rqF -- "Sanne" "$data" && fail "a name is in plain text under the data folder"
encrypted "$conversation_file" || fail "the conversation is not encrypted"
echo "ok: nothing of the note is in plain text under the data folder"

echo "right horse" | "$marbles" --decrypt-journal "$tmp/plain" >/dev/null || fail "--decrypt-journal failed"
grep -qF -- "$note" "$tmp/plain/conversations/"*.json || fail "the decrypted copy does not hold the note"
echo "ok: marbles --decrypt-journal gives the note back"

# The recovery key opens it too, and sets a new passphrase.
start_locked
xdotool key alt+r
wait_for 10000 said "Asking for the recovery key" || fail "the recovery key was not asked for"
xdotool type --delay 20 "$(cat "$tmp/recovery")"
xdotool key Return
xdotool type --delay 20 "other horse"
xdotool key Return
xdotool type --delay 20 "other horse"
xdotool key Return
wait_for 30000 loaded || fail "the recovery key did not open the journal"
quit_app
echo "other horse" | "$marbles" --decrypt-journal "$tmp/plain1" >/dev/null || fail "the new passphrase was not set"
echo "ok: the recovery key opens the journal and sets a new passphrase"

# 2. Preferences: the passphrase changed, the protection off, then on again.
start_locked
xdotool type --delay 20 "other horse"
xdotool key Return
wait_for 30000 loaded || fail "the journal did not open again"
wait_for 10000 app_window_active || fail "the window did not keep the keyboard"
xdotool key ctrl+comma
wait_for 10000 active_other_than "$app_window" || fail "Preferences did not open"
preferences=$active
xdotool key alt+h
wait_for 10000 active_other_than "$active" || fail "no question on changing the passphrase"
for words in "other horse" "right horse" "right horse"; do
  xdotool type --delay 20 "$words"
  xdotool key Return
done
wait_for 30000 said "Passphrase changed" || fail "the passphrase was not changed"
wait_for 10000 bash -c '[ "$(xdotool getactivewindow)" = "$0" ]' "$preferences" \
  || fail "Preferences did not get the keyboard back"
xdotool key Escape
wait_for 10000 app_window_active || fail "Preferences did not close on Escape"
echo "ok: the passphrase changed in Preferences"
open_question
xdotool type --delay 20 "right horse"
xdotool key Return
wait_for 60000 said "Converted: plain" || fail "the protection was not turned off"
[ -e "$data/journal-key.json" ] && fail "the key file is still there"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$conversation_file" \
  || fail "the conversation is not plain JSON"
grep -qF -- "$note" "$conversation_file" || fail "the note is not in the plain conversation"
echo "ok: turned off in Preferences, every file is plain again, the note in it"

wait_for 10000 app_window_active || fail "the window did not get the keyboard back"
open_question
xdotool type --delay 20 "new horse"
xdotool key Return
xdotool type --delay 20 "new horse"
xdotool key Return
wait_for 60000 said "Converted: protected" || fail "the protection was not turned on"
said "Recovery key shown" || fail "the recovery key was not shown"
encrypted "$conversation_file" || fail "the conversation is not encrypted again"
grep -rqF -- "$note" "$data" && fail "the note is in plain text after protecting"
# Continue is there only once the key is kept.
xdotool key alt+c
wait_for 1000 app_window_active && fail "the recovery key dialog closed before the key was kept"
xdotool key alt+h alt+c
wait_for 10000 app_window_active || fail "the recovery key dialog did not close once kept"
quit_app
echo "new horse" | "$marbles" --decrypt-journal "$tmp/plain2" >/dev/null || fail "the new passphrase does not open it"
grep -qF -- "$note" "$tmp/plain2/conversations/"*.json || fail "the note was lost"
echo "ok: turned on in Preferences, the recovery key shown, the journal intact"
