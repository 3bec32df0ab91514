#!/usr/bin/env bash
# with-openbox.sh COMMAND [ARG…] — runs COMMAND on the display xvfb-run
# made, with openbox managing the windows, so that keyboard focus goes to
# new windows and dialogs and comes back to their parent as on a desktop.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

openbox --sm-disable >/dev/null 2>&1 &
wm=$!
trap 'kill $wm 2>/dev/null; wait $wm 2>/dev/null' EXIT

# Ready once it has said on the root window that it manages the screen.
for _ in $(seq 200); do
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
  kill -0 $wm 2>/dev/null || { echo "Bail out! openbox did not start"; exit 1; }
  sleep 0.05
done

"$@"
