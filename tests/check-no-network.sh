#!/usr/bin/env bash
# check-no-network.sh TEST-JOURNAL TEST-WINDOW — Marbles never uses the
# network: runs the journal's load-and-save tests and the window tests
# (a whole conversation held, saved and read back) under strace, and
# fails on any socket that is not local: only Unix sockets (the X server,
# D-Bus) and netlink (the kernel's own, used by dbus-daemon) may appear.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
journal_test=$1
window_test=$2
log=$(mktemp)
trap 'rm -f "$log"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

# --seccomp-bpf: only the socket calls stop the traced programs, so they
# run at nearly their own speed.
strace -f -qq --seccomp-bpf -e trace=socket -o "$log" "$journal_test" >/dev/null 2>&1 \
  || fail "the journal tests failed under strace"
strace -f -qq --seccomp-bpf -e trace=socket -o "$log.window" \
  xvfb-run -a -s '-screen 0 1280x1024x24 -nolisten tcp' "$window_test" >/dev/null 2>&1 \
  || fail "the window tests failed under strace"
cat "$log.window" >> "$log"
rm -f "$log.window"

grep -q 'socket(' "$log" || fail "strace saw no socket at all: is it tracing?"
if grep 'socket(' "$log" | grep -vE 'socket\((AF_UNIX|AF_LOCAL|AF_NETLINK),'; then
  fail "a socket other than a local one was opened (above)"
fi

echo "ok: $(grep -c 'socket(' "$log") sockets, all local"
