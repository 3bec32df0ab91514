#!/usr/bin/env bash
# live-merge-app.sh MARBLES — the real app takes in another device's
# version of the conversation it has open, while the leader types in it.
# The test plays the sync tool: it puts a new version of the file in
# place as Syncthing does (a temporary file, renamed over the old one),
# made on "the laptop" from what is on disk, with a line added at the end
# of the notes the leader types in and something else changed.
#  1. After what was typed is saved: the notes take the line in, the
#     cursor stays where it was, so the next keys land after what was
#     typed before and in front of the laptop's line.
#  2. Made on the laptop before the last keys (both sides changed the
#     notes at once): both versions are kept, the laptop's marked, and
#     nothing typed before or after is lost.
# Each time the window says so quietly (a debug message of mb-window.c
# says what it showed), the laptop's other change is kept, and the talk
# timer, running all along, does not count the time twice.
# Runs inside xvfb-run and with-openbox.sh; needs xdotool.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
. "$(dirname "$0")/app-util.sh"

export G_MESSAGES_DEBUG=mb-window

# said TITLE: the window showed a quiet notice that says TITLE.
said() { sed -n 's/.*mb-window-DEBUG: [0-9:.]*: Shown quietly: //p' "$HOME/probe" | grep -qxF -e "$1"; }

# laptop_version STEP-NOTE OTHER: writes the laptop's version of the
# conversation, made from the one on disk, beside it under the name
# Syncthing gives a file it is receiving, and prints that name. The notes
# of the first step get the line STEP-NOTE at the end; OTHER is
# "agreement" (one is added) or "close" (the notes of the last step are
# written). The new version names the one it comes from in "revisions",
# as Marbles on the laptop would.
laptop_version() {
  python3 - "$conversation_file" "$1" "$2" <<'PY'
import json, os, secrets, sys

path, line, other = sys.argv[1:]
with open(path) as f:
    conversation = json.load(f)
conversation["steps"]["open"]["notes"] += "\n" + line
if other == "agreement":
    conversation["agreements"].append({"id": "b7f3c2d1-0000-4000-8000-00000000000a",
                                       "text": "We talk again after the holiday",
                                       "promised_by": "both", "status": "open"})
else:
    conversation["steps"]["close"]["notes"] = "Noted on the laptop: ask about Friday again."
conversation["revisions"] = [secrets.token_hex(8)] + conversation.get("revisions", [])[:31]

folder, name = os.path.split(path)
temporary = os.path.join(folder, ".syncthing." + name + ".tmp")
with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
    json.dump(conversation, f, indent=2, ensure_ascii=False)
    f.flush()
    os.fsync(f.fileno())
print(temporary)
PY
}

# As the sync tool does once the file is whole: renamed over the old one.
deliver() { mv -T -f "$1" "$conversation_file"; }

quit_app() {
  xdotool key ctrl+q
  wait_for 20000 app_gone || fail "$1: the app did not quit on Ctrl+Q"
  wait $app_pid || fail "$1: the app quit with status $?"
  app_pid=
  check_talk_time "$1"
}

# The talk's timer counted no more than the time the conversation was
# open, though the laptop's version came in while it ran.
check_talk_time() {
  local most=$(( (${EPOCHREALTIME/./} - opened_at) / 1000000 )) seconds

  seconds=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["talk"]["seconds"])' "$conversation_file")
  [ "$seconds" -le "$most" ] || fail "$1: the talk lasted $seconds s on the timer, in $most s"
}

# check_file WHAT NOTES [AGREEMENT|CLOSE-NOTES]: the conversation file
# holds exactly NOTES in the first step, and the laptop's other change.
check_file() {
  python3 - "$conversation_file" "$@" <<'PY'
import json, sys

path, what, notes, other = sys.argv[1:]
with open(path) as f:
    conversation = json.load(f)
found = conversation["steps"]["open"]["notes"]
if found != notes:
    sys.exit(f"FAIL: {what}: the notes are\n{found!r}\nand should be\n{notes!r}")
if other == "agreement":
    texts = [agreement["text"] for agreement in conversation["agreements"]]
    if texts != ["We talk again after the holiday"]:
        sys.exit(f"FAIL: {what}: the laptop's agreement is not kept: {texts}")
elif conversation["steps"]["close"]["notes"] != other:
    sys.exit(f"FAIL: {what}: the laptop's notes of the last step are not kept: "
             f"{conversation['steps']['close']['notes']!r}")
PY
}

# The leader types two lines into the notes of the conversation's step,
# and waits until they are on disk.
start_typing() {
  new_home "$tmp/$1"
  start_app "$marbles"
  opened_at=${EPOCHREALTIME/./}
  open_first_conversation
  xdotool type --delay 20 "Sanne worries about the deadline."
  xdotool key Return
  xdotool type --delay 20 "She asks for help"
  wait_for 20000 in_conversation_file 'deadline.\nShe asks for help"' \
    || fail "$1: what was typed did not reach the disk"
}

laptop_line="From the laptop: she wants a day off on Friday."

# 1. The laptop's version comes in after what was typed is saved.
start_typing after-save
deliver "$(laptop_version "$laptop_line" agreement)"
wait_for 20000 said "Changes from another device taken in" \
  || fail "after a save: the window did not say that the laptop's changes came in"
! said "Changes from another device taken in; both versions of a text are kept" \
  || fail "after a save: the window said that a text was changed on both sides"
xdotool type --delay 20 ", and for time to learn."
wait_for 20000 in_conversation_file "for time to learn." \
  || fail "after a save: what was typed after the laptop's version came in did not reach the disk"
notes="Sanne worries about the deadline.
She asks for help, and for time to learn.
$laptop_line"
check_file "after a save" "$notes" agreement || exit 1
quit_app "after a save"
check_file "after a save, quit" "$notes" agreement || exit 1
echo "ok: the laptop's line came in behind the cursor, its agreement too, and the window said so"

# 2. The laptop's version was made from the version before the last
# keys, so both sides changed the notes at once. It comes in once those
# keys are on disk: the app has them for certain, and merges the same
# whether they are saved or not (the base is the version both come
# from); the journal's tests cover a version found while a save is due.
start_typing unsaved
laptop=$(laptop_version "$laptop_line" close)
xdotool type --delay 20 " with the planning"
wait_for 20000 in_conversation_file "help with the planning" \
  || fail "typed at once: what was typed did not reach the disk"
deliver "$laptop"
wait_for 20000 said "Changes from another device taken in; both versions of a text are kept" \
  || fail "typed at once: the window did not say that both versions of the notes are kept"
xdotool type --delay 20 ", this week."
wait_for 20000 in_conversation_file "planning, this week." \
  || fail "typed at once: what was typed after the laptop's version came in did not reach the disk"
# Both versions, the one that sorts first first (mb-merge.c), the second
# marked as the other one; the cursor stayed at the end of the leader's.
notes="Sanne worries about the deadline.
She asks for help
$laptop_line
— Changed on two devices at once; the other version: —
She asks for help with the planning, this week."
check_file "typed at once" "$notes" "Noted on the laptop: ask about Friday again." || exit 1
quit_app "typed at once"
check_file "typed at once, quit" "$notes" "Noted on the laptop: ask about Friday again." || exit 1
echo "ok: typed at once, both versions of the notes are kept, the laptop's marked, and the window said so"

# Nothing else is left in the folder: no temporary file, no conflict
# copy; only the file of format version 1 that the first save kept.
name=$(basename "$conversation_file")
leftover=$(ls -A "$(dirname "$conversation_file")" | grep -v -x -e scripts -e "$name" -e "$name.v1.bak")
[ -z "$leftover" ] || fail "left in the folder: $leftover"
echo "ok: nothing else is left in the folder"
