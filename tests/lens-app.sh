#!/usr/bin/env bash
# lens-app.sh MARBLES — the judgement lens counts, in the real app, with
# real keys: the leader writes a judgement in the notes of a step, then
# writes it again as an observation. The conversation file then says the
# lens flagged one phrase and the leader rephrased one; opened again and
# written on, the phrase that is still there is not counted twice.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
. "$(dirname "$0")/app-util.sh"

# has NOTES FLAGGED REPHRASED: the file holds NOTES in the first step and
# those counts of the lens.
has() {
  python3 - "$conversation_file" "$@" <<'PY'
import json, sys

path, notes, flagged, rephrased = sys.argv[1:]
with open(path) as f:
    conversation = json.load(f)
lens = conversation.get("lens", {})
sys.exit(conversation.get("steps", {}).get("open", {}).get("notes") != notes
         or lens.get("flagged", 0) != int(flagged) or lens.get("rephrased", 0) != int(rephrased))
PY
}

# check NOTES FLAGGED REPHRASED WHAT: has, or says what the file holds.
check() {
  wait_for 20000 has "$1" "$2" "$3" && return
  python3 -c 'import json, sys; c = json.load(open(sys.argv[1])); print(c.get("steps", {}).get("open", {}).get("notes"), c.get("lens"))' \
    "$conversation_file"
  fail "$4: the file should hold the notes “$1”, $2 flagged and $3 rephrased"
}

quit_app() {
  xdotool key ctrl+q
  wait_for 20000 app_gone || fail "the app did not quit on Ctrl+Q"
  wait $app_pid || fail "the app quit with status $?"
  app_pid=
}

new_home "$tmp/home"
start_app "$marbles"
open_first_conversation
xdotool type --delay 20 "Sanne is always late on Mondays."
check "Sanne is always late on Mondays." 1 0 "typed"
echo "ok: a judgement typed is counted as flagged"

# From the start of the line, two words on, “always ” selected and gone.
xdotool key --delay 40 Home ctrl+Right ctrl+Right ctrl+shift+Right Delete
check "Sanne is late on Mondays." 1 1 "rephrased"
echo "ok: written again as an observation, it is counted as rephrased"

xdotool key --delay 40 End
xdotool type --delay 20 " I think she is lazy"
check "Sanne is late on Mondays. I think she is lazy" 2 1 "typed again"
quit_app
check "Sanne is late on Mondays. I think she is lazy" 2 1 "quit"

# Opened again: what is there is not counted again.
start_app "$marbles"
open_first_conversation
xdotool key --delay 40 ctrl+End
xdotool type --delay 20 " today."
check "Sanne is late on Mondays. I think she is lazy today." 2 1 "opened again"
quit_app
check "Sanne is late on Mondays. I think she is lazy today." 2 1 "opened again, quit"
echo "ok: opened again, what was flagged before is not counted again"
