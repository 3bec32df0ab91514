#!/usr/bin/env bash
# draft-app.sh MARBLES — an agreement half typed in Talk is never lost:
# the real app, with real keys, types half an agreement, is killed with
# SIGKILL once the autosave has written it, and started again; in the
# conversation opened again the text is back in the agreement's entry,
# and Enter adds it and takes it out of the file as a draft. The Add
# Agreement dialog shares the draft: it starts from it, saves what is
# typed in it, and puts it back on Escape.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
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

# Started again: the draft is back in the conversation. The Add
# Agreement dialog (Ctrl+Shift+A) starts from it; what is typed there is
# saved as the draft too, and Escape puts the draft back as it was.
start_app "$marbles"
open_first_conversation
dialog_active() {
  local active
  active=$(xdotool getactivewindow 2>/dev/null) && [ "$active" != "$app_window" ]
}
xdotool key ctrl+shift+a
wait_for 10000 dialog_active || fail "Ctrl+Shift+A did not open the Add Agreement dialog"
xdotool key ctrl+a
xdotool type --delay 20 "Call Ahmed"
wait_for 5000 in_conversation_file '"agreement_draft" : "Call Ahmed"' \
  || fail "what is typed in the Add Agreement dialog is not saved as the draft: $(grep -F agreement "$conversation_file")"
xdotool key Escape
wait_for 10000 app_active || fail "the window did not get the keyboard back from the dialog"
wait_for 5000 in_conversation_file '"agreement_draft" : "Send the new pl"' \
  || fail "Escape in the Add Agreement dialog did not put the draft back"
echo "ok: the Add Agreement dialog types into the draft, and Escape puts it back"

# In Talk the draft is back in the entry: Alt+A, End and two more
# letters make the agreement whole only if it is; Enter adds it.
xdotool key alt+a End
xdotool type --delay 20 "an"
xdotool key Return
wait_for 5000 added_not_drafted \
  || fail "the agreement is not the one half typed before the kill, or its draft stayed in the file"
echo "ok: started again, the agreement half typed is back in its entry, and Enter adds it"

# A draft typed in Talk is in the dialog, which adds it; the entry in
# Talk is then empty: what is typed next there is the whole draft.
xdotool type --delay 20 "Book a room"
wait_for 5000 in_conversation_file '"agreement_draft" : "Book a room"' || fail "the next draft is not saved"
xdotool key ctrl+shift+a
wait_for 10000 dialog_active || fail "Ctrl+Shift+A did not open the Add Agreement dialog"
# Typed at once, as a leader would: the dialog starts after the draft,
# not with all of it selected, to be replaced by the first key.
xdotool type --delay 20 " for Friday"
xdotool key Return
wait_for 10000 app_active || fail "the window did not get the keyboard back from the dialog"
wait_for 5000 bash -c 'grep -qF "\"text\" : \"Book a room for Friday\"" "$0" && ! grep -qF agreement_draft "$0"' \
  "$conversation_file" || fail "the dialog did not add the draft as the agreement and empty it"
xdotool key alt+a End
xdotool type --delay 20 "Next"
wait_for 5000 in_conversation_file '"agreement_draft" : "Next"' \
  || fail "the entry in Talk still held the draft the dialog added"
echo "ok: a draft from Talk is added in the dialog, and the entry in Talk empties"

xdotool key ctrl+q
wait_for 20000 app_gone || fail "the app did not quit on Ctrl+Q"
wait $app_pid || fail "the app quit with status $?"
app_pid=
in_conversation_file '"text" : "Send the new plan"' && in_conversation_file '"agreement_draft" : "Next"' \
  || fail "quitting lost an agreement or the draft"
echo "ok: quitting keeps the agreements and the draft"
