#!/usr/bin/env bash
# lock-app.sh MARBLES PROTECT-JOURNAL — the app lock of a journal
# protected with a passphrase, in the real app, with real keys.
# 1. Ctrl+L in the middle of a note: what was typed is saved, the journal
#    and the conversation that was open are no longer in memory, and the
#    unlock page asks for the passphrase; once typed, the same
#    conversation is open again with the cursor in the same field, and
#    the leader types on where they left off; an agreement typed and not
#    yet added is back in its entry.
# 2. After the idle time the settings give: not while the leader types,
#    but once they stop.
# 3. While the disk does not take the note, Ctrl+L does not lock (the
#    journal would be lost with it) and says so; once it does, it locks.
# 4. When the screen locks (a session bus of the test's own, with a fake
#    GNOME session manager and screen saver).
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
protect_journal=$2
fake_session=$3
. "$(dirname "$0")/app-util.sh"
bus_pid=
trap '[ -n "$app_pid" ] && kill -9 $app_pid 2>/dev/null; [ -n "$bus_pid" ] && kill $bus_pid; rm -rf "$tmp"' EXIT
export G_MESSAGES_DEBUG="mb-unlock-page mb-application"

said() { grep -qF -- "$1" "$HOME/probe"; }
times_said() { grep -cF -- "$1" "$HOME/probe"; }
# dropped: once locked, nothing keeps the journal or the conversation
# that was open in memory.
dropped() {
  wait_for 10000 said "Locked: the journal is no longer in memory" \
    || fail "something keeps the journal in memory"
  wait_for 10000 said "Locked: the conversation that was open is no longer in memory" \
    || fail "something keeps the conversation that was open in memory"
}

# unlock N: types the passphrase on the unlock page and waits for the
# journal to be read for the Nth time.
unlock() {
  wait_for 30000 app_window_active || fail "the unlock page did not get the keyboard"
  xdotool type --delay 20 "right horse"
  xdotool key Return
  wait_for 30000 bash -c '[ "$(grep -c "Journal read" "$0")" -ge "$1" ]' "$HOME/probe" "$1" \
    || fail "the passphrase did not open the journal (time $1)"
  wait_for 10000 app_window_active || fail "the window did not keep the keyboard"
}

quit_app() {
  xdotool key ctrl+q
  wait_for 20000 app_gone || fail "the app did not quit on Ctrl+Q"
  wait $app_pid || fail "the app quit with status $?"
  app_pid=
}

# The note as it is on disk, from the decrypted copy in DIR.
note_in() {
  echo "right horse" | "$marbles" --decrypt-journal "$1" >/dev/null || fail "--decrypt-journal failed"
  grep -hoE 'Sanne said [A-Za-z ]+' "$1/conversations/"*.json
}

new_home "$tmp/home"
data=$XDG_DATA_HOME/marbles
"$protect_journal" "$data" "right horse" >/dev/null || fail "could not protect the journal"
gsettings set io.github.marblesapp.Marbles lock-after 0

# 1. Ctrl+L, and back to the same place.
MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" 2>&1 &
app_pid=$!
unlock 1
open_first_conversation
xdotool type --delay 20 "Sanne said the plan "
# An agreement typed, not added yet.
xdotool key alt+a
xdotool type --delay 20 "Send the new plan"
old_window=$app_window
xdotool key ctrl+l
wait_for 20000 said "Locked" || fail "Ctrl+L did not lock the journal"
dropped
# The window that showed the note is gone; the one in its place asks.
window_gone() { ! xdotool getwindowname "$old_window" >/dev/null 2>&1; }
wait_for 10000 window_gone || fail "the window with the note is still there"
[ "$(note_in "$tmp/plain1")" = "Sanne said the plan " ] || fail "what was typed was not saved on locking"
echo "ok: Ctrl+L saves what was typed and drops the journal from memory"

unlock 2
[ "$(times_said 'Unlocked')" -ge 2 ] || fail "the journal was read again without the passphrase"
xdotool type --delay 20 "is too big"
# The agreement is back in its entry: Alt+A and Enter add it.
xdotool key alt+a Return
quit_app
[ "$(note_in "$tmp/plain2")" = "Sanne said the plan is too big" ] \
  || fail "after unlocking, typing did not go on in the same note: $(note_in "$tmp/plain3")"
grep -qF '"Send the new plan"' "$tmp/plain2/conversations/"*.json \
  || fail "the agreement typed before the lock was lost"
echo "ok: unlocked, the same conversation is open, the agreement not added yet back in its entry, and the leader types on"

# 2. Idle: two seconds without a key.
gsettings set io.github.marblesapp.Marbles lock-after 2
MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" 2>&1 &
app_pid=$!
unlock 1
open_first_conversation
# Typing for about four seconds, a key every 150 ms, keeps it open.
xdotool type --delay 150 "and the team knows it"
said "Locked" && fail "the journal locked while the leader typed"
wait_for 20000 said "Locked" || fail "the journal did not lock after two seconds without a key"
dropped
echo "ok: the journal locks once the leader stops typing for the time chosen, not before"

unlock 2
quit_app

# 3. The conversations' folder made impossible to write to, as a full
#    disk would (chmod does not stop root): a file stands in its place.
before=$(note_in "$tmp/plain3")
locks() { grep -c ': Locked$' "$HOME/probe"; }
gsettings set io.github.marblesapp.Marbles lock-after 0
MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" 2>&1 &
app_pid=$!
unlock 1
open_first_conversation
xdotool type --delay 20 " by Friday"
folder=$data/conversations
mv "$folder" "$folder-aside"
echo "in the way" > "$folder"
xdotool key ctrl+l
wait_for 20000 said "Not locked: not everything could be saved" || fail "a lock that would lose the note was not refused"
[ "$(locks)" -eq 0 ] || fail "the journal was locked with a note not saved"
wait_for 10000 bash -c '! xdotool getactivewindow getwindowname | grep -qx Marbles' \
  || fail "the question did not get the keyboard"
rm "$folder"
mv "$folder-aside" "$folder"
xdotool key Escape
wait_for 10000 app_window_active || fail "the window did not get the keyboard back"
xdotool key ctrl+l
wait_for 20000 bash -c '[ "$(grep -c ": Locked$" "$0")" -ge 1 ]' "$HOME/probe" \
  || fail "the journal did not lock once the note could be saved"
unlock 2
quit_app
[ "$(note_in "$tmp/plain4")" = "$before by Friday" ] \
  || fail "the note typed before a refused lock was lost: $(note_in "$tmp/plain5")"
echo "ok: while the note cannot be saved, the journal is not locked, and says so; then it locks"

# 4. The screen locks.
bus=$(dbus-daemon --config-file="$(dirname "$0")/session-bus.conf" --fork --nopidfile --print-address=1 --print-pid=1) \
  || fail "no session bus"
export DBUS_SESSION_BUS_ADDRESS=${bus%%$'\n'*}
bus_pid=${bus##*$'\n'}
"$fake_session" > "$tmp/session" &
wait_for 10000 grep -q ready "$tmp/session" || fail "the fake session did not start"
screen() {
  gdbus call --session --dest org.gnome.ScreenSaver --object-path /org/gnome/ScreenSaver \
    --method org.gnome.ScreenSaver.SetActive "$1" >/dev/null || fail "the screen could not be locked"
}
MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" 2>&1 &
app_pid=$!
unlock 1
open_first_conversation
xdotool type --delay 20 " at the latest"
screen true
wait_for 20000 bash -c '[ "$(grep -c ": Locked$" "$0")" -ge 1 ]' "$HOME/probe" \
  || fail "the journal did not lock with the screen"
dropped
screen false
unlock 2
quit_app
[ "$(note_in "$tmp/plain6")" = "$before by Friday at the latest" ] \
  || fail "the note typed before the screen locked was lost: $(note_in "$tmp/plain7")"
echo "ok: the journal locks with the screen"
