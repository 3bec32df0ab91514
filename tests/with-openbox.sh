#!/usr/bin/env bash
# with-openbox.sh COMMAND [ARG…] — runs COMMAND on the display xvfb-run
# made, with openbox managing the windows, so that keyboard focus goes to
# new windows and dialogs and comes back to their parent as on a desktop.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

log=$(mktemp)
wm=
trap '[ -n "$wm" ] && { kill $wm 2>/dev/null; wait $wm 2>/dev/null; }; rm -f "$log"' EXIT

# Starts openbox and waits until it has said on the root window that it
# manages the screen. Openbox is not ours: it runs without the warnings
# made fatal and the malloc checks the tests set for Marbles.
start_openbox() {
  env -u G_DEBUG -u MALLOC_CHECK_ -u G_ENABLE_DIAGNOSTIC openbox --sm-disable >"$log" 2>&1 &
  wm=$!
  for _ in $(seq 200); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && return 0
    if ! kill -0 $wm 2>/dev/null; then
      wait $wm
      echo "# openbox ended with status $? before it managed the screen:"
      sed 's/^/#   /' "$log"
      wm=
      return 1
    fi
    sleep 0.05
  done
  echo "# openbox did not manage the screen within 10 s"
  kill $wm 2>/dev/null
  wait $wm 2>/dev/null
  wm=
  return 1
}

# A second try for a start that failed, with what openbox said above.
start_openbox || start_openbox || { echo "Bail out! openbox did not start"; exit 1; }

"$@"
