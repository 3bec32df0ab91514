#!/usr/bin/env bash
# check-json-corpus.sh MARBLES CORPUS_DIR — runs marbles --validate-script
# over every file of the JSON parser corpus (tests/json-corpus, named as
# in JSONTestSuite), one process a file, and over files nested 100,000
# deep made here:
#   every file: no crash (exit status 0, 1 or 2, never a signal);
#   n_ files (not JSON): refused as JSON, “FILE:LINE:COLUMN: …”;
#   y_ files (JSON): past the JSON check, refused as a script only
#     (“FILE: …”, without a line and column);
#   i_ files (implementation-defined): either, as long as the message
#     names the file.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
corpus=$2
failures=0
counted=0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What JSONTestSuite keeps as big files, made here: 100,000 levels.
deep() {
  yes "$2" | head -n "$3" | tr -d '\n' > "$tmp/$1.json"
}
deep n_structure_100000_opening_arrays '[' 100000
deep n_structure_100000_opening_objects '{"a":' 100000
deep n_structure_open_array_object '[{"":' 50000
cat "$tmp/n_structure_100000_opening_arrays.json" > "$tmp/i_structure_100000_nested_arrays.json"
tr '[' ']' < "$tmp/n_structure_100000_opening_arrays.json" >> "$tmp/i_structure_100000_nested_arrays.json"

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# The messages are looked at in the shell itself: a grep for each would
# start more programs than the validator does.

# Whether every line of $out starts with "$file:".
every_line_names_file() {
  local line

  while IFS= read -r line; do
    [[ $line == "$file:"* ]] || return 1
  done <<<"$out"
}

# names_file_then REGEX: whether a line of $out is "$file" followed by
# what REGEX matches.
names_file_then() {
  local line

  while IFS= read -r line; do
    [[ $line == "$file"* && ${line#"$file"} =~ ^$1 ]] && return 0
  done <<<"$out"
  return 1
}

for file in "$corpus"/*.json "$tmp"/*.json; do
  name=${file##*/}
  out=$("$marbles" --validate-script "$file" 2>&1)
  status=$?
  counted=$((counted + 1))

  if [ $status -gt 2 ]; then
    fail "$name: exit status $status (a crash?): $out"
    continue
  fi

  # Every line of the message names the file.
  if [ -n "$out" ] && ! every_line_names_file; then
    fail "$name: a message without the file's name: $out"
  fi

  case $name in
    n_*)
      [ $status -eq 1 ] || fail "$name: not JSON, but exit status $status: $out"
      names_file_then ':[0-9]+:[0-9]+: .' || fail "$name: not JSON, but accepted as JSON: $out"
      ;;
    y_*)
      [ $status -eq 1 ] || fail "$name: exit status $status: $out"
      names_file_then ': .' || fail "$name: no message about the script: $out"
      names_file_then ':[0-9]' && fail "$name: JSON, but refused as JSON: $out"
      ;;
    i_*)
      ;;
    *)
      fail "$name: not named y_, n_ or i_"
      ;;
  esac
done

[ $counted -ge 300 ] || fail "only $counted files in the corpus"
[ $failures -eq 0 ] || exit 1
echo "ok: $counted files"
