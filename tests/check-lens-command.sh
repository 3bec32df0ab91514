#!/usr/bin/env bash
# check-lens-command.sh MARBLES — marbles --lens FILE prints each phrase
# the judgement lens flags as LINE:COLUMN-COLUMN: CATEGORY: "phrase" and
# exits 0; columns count characters from 1, the last one included.
#
# Copyright 2026 The Marbles developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
marbles=$1
fail() { echo "FAIL: $*"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config

cat >"$tmp/note.txt" <<'NOTE'
Één ding: hij is lui.

Sorry dat ik te laat was, maar de trein had vertraging.
Ze zei: „hij komt nooit op tijd”.
Mehmet komt nooit op tijd en het kan hem niks schelen.
NOTE

expected='1:18-20: label: "lui"
3:1-30: cancelling-but: "Sorry dat ik te laat was, maar"
5:13-17: absolute: "nooit"
5:34-53: mind-reading: "kan hem niks schelen"'

out=$("$marbles" --lens "$tmp/note.txt" --language nl 2>"$tmp/err")
[ $? -eq 0 ] || fail "exit status not 0"
[ "$out" = "$expected" ] || fail "output:
$out"
[ -s "$tmp/err" ] && fail "printed on standard error: $(cat "$tmp/err")"

# The language comes from the locale when not given.
out=$(LANGUAGE=nl "$marbles" --lens "$tmp/note.txt")
[ "$out" = "$expected" ] || fail "Dutch from the locale: $out"
printf 'He never listens, and he is lazy.\n' >"$tmp/en.txt"
out=$(LANGUAGE=C "$marbles" --lens "$tmp/en.txt")
[ "$out" = '1:4-8: absolute: "never"
1:29-32: label: "lazy"' ] || fail "English from the locale: $out"

# The user's own file: a word added and one silenced.
mkdir -p "$tmp/config/marbles"
cat >"$tmp/config/marbles/lens-en.json" <<'RULES'
{ "format": "marbles-lens", "version": 1,
  "rules": [ { "id": "slowcoach", "category": "label", "patterns": [ "slowcoach" ] } ],
  "silence": [ "never" ] }
RULES
printf 'He never listens; a slowcoach.\n' >"$tmp/en.txt"
out=$("$marbles" --lens "$tmp/en.txt" --language en)
[ "$out" = '1:21-29: label: "slowcoach"' ] || fail "user file: $out"

# A broken one is reported by name and reason; the bundled rules work.
printf '{ "format": "marbles-lens", "version": 1, "rules": 3 }' >"$tmp/config/marbles/lens-en.json"
out=$("$marbles" --lens "$tmp/en.txt" --language en 2>"$tmp/err")
[ $? -eq 0 ] || fail "broken user file: exit status not 0"
[ "$out" = '1:4-8: absolute: "never"' ] || fail "broken user file: $out"
grep -qx "$tmp/config/marbles/lens-en.json: rules: .*" "$tmp/err" || fail "broken user file: $(cat "$tmp/err")"

"$marbles" --lens "$tmp/en.txt" --language fr >/dev/null 2>&1
[ $? -eq 2 ] || fail "unknown language: exit status not 2"
"$marbles" --lens "$tmp/no-such-file.txt" --language en >/dev/null 2>&1
[ $? -eq 1 ] || fail "a missing file: exit status not 1"
printf '\xff lui\n' >"$tmp/bad.txt"
"$marbles" --lens "$tmp/bad.txt" --language nl >/dev/null 2>&1
[ $? -eq 1 ] || fail "not UTF-8: exit status not 1"
"$marbles" --language nl >/dev/null 2>&1
[ $? -eq 2 ] || fail "--language without --lens: exit status not 2"

echo "ok"
