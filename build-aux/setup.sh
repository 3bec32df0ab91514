#!/usr/bin/env bash
# setup.sh — shared by build-aux/run and build-aux/test: installs the
# Debian packages Marbles needs (only the missing ones), configures meson
# in build/ and compiles. Quick when nothing changed.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${MARBLES_BUILDDIR:-$top/build}

packages=(
  build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsodium-dev libsecret-1-dev
  gettext desktop-file-utils appstream libglib2.0-dev-bin libxml2-utils
  xvfb xauth dbus-x11 dbus-daemon python3-jsonschema strace xdotool openbox x11-utils
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$top" "$@"
elif [ $# -gt 0 ]; then
  meson configure "$builddir" "$@"
fi

meson compile -C "$builddir"
