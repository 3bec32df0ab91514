#!/usr/bin/env bash
# check-validator.sh MARBLES SCRIPTS_DIR — marbles --validate-script
# reports like a compiler and exits 0 only when every file is valid.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
dir=$2
fail() { echo "FAIL: $*"; exit 1; }

out=$("$marbles" --validate-script "$dir/good/minimal.json" "$dir/good/full.json" 2>&1)
[ $? -eq 0 ] || fail "valid scripts: exit status not 0"
[ -z "$out" ] || fail "valid scripts: printed $out"

out=$("$marbles" --validate-script "$dir/good/full.json" "$dir/bad/syntax-trailing-comma.json" \
      "$dir/bad/duplicate-step-id.json" 2>&1)
[ $? -eq 1 ] || fail "invalid scripts: exit status not 1"
grep -qx "$dir/bad/syntax-trailing-comma.json:51:18: .*" <<<"$out" || fail "no FILE:LINE:COLUMN line: $out"
grep -qx "$dir/bad/duplicate-step-id.json: steps\[1\].id: .*" <<<"$out" || fail "no FILE: path line: $out"
grep -q "good/full.json" <<<"$out" && fail "a valid file was reported: $out"

"$marbles" --validate-script "$dir/no-such-file.json" >/dev/null 2>&1
[ $? -eq 1 ] || fail "a missing file: exit status not 1"

"$marbles" --validate-script >/dev/null 2>&1
[ $? -eq 2 ] || fail "no files: exit status not 2"

echo "ok"
