#!/usr/bin/env bash
# keyring-app.sh MARBLES PROTECT-JOURNAL KEYRING-SHIM — "Remember on this
# computer" in the real app: libsecret's password calls are replaced by
# KEYRING-SHIM (preloaded, a file for a keyring); the rest is real.
# 1. The journal starts on the unlock page; in Preferences the key is
#    remembered (the data key, not the passphrase); the next start opens
#    it without the passphrase.
# 2. Forgotten in Preferences: the next start asks again.
# 3. A remembered key that no longer opens the journal is removed, and
#    the passphrase asked; so is it without a keyring.
# 4. Turning the protection off removes the remembered key.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
protect_journal=$2
shim=$3
. "$(dirname "$0")/app-util.sh"
export G_MESSAGES_DEBUG="mb-unlock-page mb-application mb-preferences-window"
# The shim is not built with AddressSanitizer's runtime first in line.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

said() { grep -qF -- "$1" "$HOME/probe"; }
loaded() { grep -qs '^loaded ' "$HOME/probe"; }
active_other_than() {
  active=$(xdotool getactivewindow 2>/dev/null)
  [ -n "$active" ] && [ "$active" != "$1" ]
}
kept() { grep -qs "^$key_id " "$keyring"; }
not_kept() { ! kept; }

# start KEYRING: the app, with KEYRING for the keyring.
start() {
  MARBLES_TEST_KEYRING=$1 LD_PRELOAD=$shim MARBLES_STARTUP_PROBE=ready "$marbles" > "$HOME/probe" \
    2> >(tee "$HOME/stderr" >&2) &
  app_pid=$!
  wait_for 30000 app_window_active || fail "the window did not get the keyboard"
}

# unlock_with_passphrase: on the unlock page, the passphrase typed opens it.
unlock_with_passphrase() {
  wait_for 30000 said "Unlock page shown" || fail "the unlock page was not shown"
  loaded && fail "the journal was read before the passphrase was typed"
  xdotool type --delay 20 "right horse"
  xdotool key Return
  wait_for 30000 loaded || fail "the passphrase did not open the journal"
  said "Unlocked" || fail "the journal was read without the unlock page"
  wait_for 10000 app_window_active || fail "the window did not keep the keyboard"
}

# switch_remember WHAT: in Preferences, the switch turned; WHAT is said.
switch_remember() {
  xdotool key ctrl+comma
  wait_for 10000 active_other_than "$app_window" || fail "Preferences did not open"
  wait_for 10000 said "Key looked up" || fail "Preferences did not look the key up"
  xdotool key alt+r
  wait_for 10000 said "$1" || fail "the key was not $1"
  xdotool key Escape
  wait_for 10000 app_window_active || fail "Preferences did not close on Escape"
}

quit_app() {
  xdotool key ctrl+q
  wait_for 20000 app_gone || fail "the app did not quit on Ctrl+Q"
  wait $app_pid || fail "the app quit with status $?"
  app_pid=
}

new_home "$tmp/home"
data=$XDG_DATA_HOME/marbles
keyring=$tmp/keyring
"$protect_journal" "$data" "right horse" > /dev/null || fail "could not protect the journal"
key_id=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["key-id"])' "$data/journal-key.json")

# 1. Off by default; remembered in Preferences; the next start opens it.
start "$keyring"
unlock_with_passphrase
switch_remember "Key remembered"
kept || fail "the keyring does not hold the journal's key"
grep -qF "right horse" "$keyring" && fail "the keyring holds the passphrase"
grep -q "^$key_id [0-9a-f]\{64\} Marbles journal key$" "$keyring" || fail "the keyring holds something else: $(cat "$keyring")"
quit_app
echo "ok: the key is remembered in Preferences: the data key, labelled, not the passphrase"

start "$keyring"
wait_for 30000 loaded || fail "the remembered key did not open the journal"
said "Unlocked with the key remembered on this computer" || fail "the journal was not opened with the remembered key"
said "Unlock page shown" && fail "the unlock page was shown, if only for a moment"
echo "ok: the next start opens the journal without the passphrase"

# 2. Forgotten: asked again.
wait_for 10000 app_window_active || fail "the window did not keep the keyboard"
switch_remember "Key forgotten"
not_kept || fail "the key is still in the keyring"
quit_app
start "$keyring"
unlock_with_passphrase
echo "ok: forgotten in Preferences, the passphrase is asked again"

# 3. A stale key is removed, and the passphrase asked; no keyring, asked.
printf '%s %s Marbles journal key\n' "$key_id" "$(printf 'ab%.0s' $(seq 32))" > "$keyring"
quit_app
start "$keyring"
wait_for 10000 not_kept || fail "the key that does not open the journal was not removed"
unlock_with_passphrase
grep -qF "Not opened with a remembered key" "$HOME/stderr" || fail "the reason was not logged"
quit_app
start "$tmp/keyring.fail"
unlock_with_passphrase
quit_app
echo "ok: a remembered key that does not open the journal is removed; without a keyring the passphrase is asked"

# 4. The protection turned off removes the remembered key.
start "$keyring"
unlock_with_passphrase
switch_remember "Key remembered"
kept || fail "the key was not remembered again"
xdotool key ctrl+comma
wait_for 10000 active_other_than "$app_window" || fail "Preferences did not open"
xdotool key alt+p
wait_for 10000 active_other_than "$active" || fail "no question on switching the protection off"
xdotool type --delay 20 "right horse"
xdotool key Return
wait_for 60000 said "Converted: plain" || fail "the protection was not turned off"
wait_for 10000 not_kept || fail "the key is still in the keyring after the protection was turned off"
quit_app
echo "ok: turning the protection off removes the remembered key"
