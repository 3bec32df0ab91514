#!/usr/bin/env bash
# draft-app.sh MARBLES — an agreement half typed in Talk is never lost:
# the real app, with real keys, types half an agreement, is killed with
# SIGKILL once the autosave has written it, and started again; in the
# conversation opened again the text is back in the agreement's entry,
# and Enter adds it and takes it out of the file as a draft.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
tmp=$(mktemp -d)
app_pid=
trap '[ -n "$app_pid" ] && kill -9 $app_pid 2>/dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/app-util.sh"

added_not_drafted() {
  in_conversation_file '"text" : "Send the new plan"' && ! in_conversation_file '"agreement_draft"'
}

new_home "$tmp"
start_app "$marbles"
open_first_conversation
# Alt+A: the agreement's entry; half an agreement, not added.
xdotool key alt+a
xdotool type --delay 20 "Send the new pl"
wait_for 5000 in_conversation_file '"agreement_draft" : "Send the new pl"' \
  || fail "the agreement typed is not saved in the conversation as its draft"
in_conversation_file '"agreements" : []' || fail "the agreement not added yet was saved as an agreement"
kill -9 $app_pid
wait $app_pid 2>/dev/null
app_pid=
echo "ok: the agreement half typed is in the file when the app is killed"

# Started again: the draft is back in the entry. Alt+A, End and two
# more letters make the agreement whole only if it is; Enter adds it.
start_app "$marbles"
open_first_conversation
xdotool key alt+a End
xdotool type --delay 20 "an"
xdotool key Return
wait_for 5000 added_not_drafted \
  || fail "the agreement is not the one half typed before the kill, or its draft stayed in the file"
xdotool key ctrl+q
wait_for 20000 app_gone || fail "the app did not quit on Ctrl+Q"
wait $app_pid || fail "the app quit with status $?"
app_pid=
added_not_drafted || fail "quitting changed the agreement or its draft"
echo "ok: started again, the agreement half typed is back in its entry, and Enter adds it"
