/* mb-merge-names.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The names sync tools give the copies they make of a file that two
 * machines changed at once.
 */

#define G_LOG_DOMAIN "mb-merge"

#include "config.h"

#include <string.h>

#include "mb-merge.h"

static gboolean
digits (const char *text,
        gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }
  return TRUE;
}

/* Syncthing: NAME.sync-conflict-20261205-101010-ABCDEFG */
static gboolean
strip_syncthing (char *stem)
{
  char *tag = g_strrstr (stem, ".sync-conflict-");
  const char *p;

  if (tag == NULL || tag == stem)
    return FALSE;
  p = tag + strlen (".sync-conflict-");
  if (!digits (p, 8) || p[8] != '-' || !digits (p + 9, 6) || p[15] != '-' || p[16] == '\0')
    return FALSE;
  for (p += 16; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }
  *tag = '\0';
  return TRUE;
}

/* Nextcloud and ownCloud: NAME (conflicted copy 2026-12-05 101010),
 * with a user's name before the date, or none; Dropbox: NAME (Laptop's
 * conflicted copy 2026-12-05), with " (1)" before the last parenthesis
 * for a second one that day.
 */
static gboolean
strip_conflicted_copy (char *stem)
{
  gsize len = strlen (stem);
  const char *inner;
  int depth = 0;
  gsize open = 0;

  if (len == 0 || stem[len - 1] != ')')
    return FALSE;
  for (gsize i = len; i-- > 0 && open == 0;)
    {
      if (stem[i] == ')')
        depth++;
      else if (stem[i] == '(' && --depth == 0)
        open = i;
    }
  if (open < 2 || stem[open - 1] != ' ')
    return FALSE;

  inner = stem + open + 1;
  if (!g_str_has_prefix (inner, "conflicted copy ") &&
      !g_str_has_prefix (inner, "conflicted copy)") &&
      strstr (inner, "'s conflicted copy") == NULL &&
      strstr (inner, "’s conflicted copy") == NULL)
    return FALSE;
  stem[open - 1] = '\0';
  return TRUE;
}

/* Older ownCloud and Nextcloud: NAME_conflict-20261205-101010, or
 * NAME_conflict_USER-20261205-101010
 */
static gboolean
strip_owncloud (char *stem)
{
  char *tag = g_strrstr (stem, "_conflict");
  const char *user;
  const char *date;

  if (tag == NULL || tag == stem || strlen (tag) < strlen ("_conflict-20261205-101010"))
    return FALSE;
  user = tag + strlen ("_conflict");
  date = tag + strlen (tag) - strlen ("-20261205-101010");
  if (date[0] != '-' || !digits (date + 1, 8) || date[9] != '-' || !digits (date + 10, 6))
    return FALSE;
  /* Nothing between, or "_" and a user's name. */
  if (date != user && (user[0] != '_' || date == user + 1))
    return FALSE;
  *tag = '\0';
  return TRUE;
}

static gboolean
strip_mark (char *stem)
{
  return strip_syncthing (stem) || strip_conflicted_copy (stem) || strip_owncloud (stem);
}

/* " (2)" after a mark, as some tools add when the name is taken. */
static gboolean
strip_number (char *stem)
{
  char *open = strrchr (stem, '(');
  g_autofree char *rest = NULL;
  gsize n;

  if (open == NULL || open - stem < 2 || open[-1] != ' ')
    return FALSE;
  n = strspn (open + 1, "0123456789");
  if (n == 0 || !g_str_equal (open + 1 + n, ")"))
    return FALSE;
  rest = g_strndup (stem, open - 1 - stem);
  if (!strip_mark (rest))
    return FALSE;
  open[-1] = '\0';
  return TRUE;
}

/**
 * mb_merge_parse_conflict_name:
 * @basename: the name of a file, without a folder
 * @original_id: (out) (optional) (transfer full): the name of the file
 *   it is a copy of, without ".json": a conversation's id, or "people"
 *
 * Recognises a copy that a sync tool made of `NAME.json` when two
 * machines changed it at once: Syncthing's
 * `NAME.sync-conflict-20261205-101010-ABCDEFG.json`, Nextcloud's and
 * ownCloud's `NAME (conflicted copy 2026-12-05 101010).json` (also with
 * a user's name, or without a date) and `NAME_conflict-20261205-101010.json`,
 * and Dropbox's `NAME (Laptop's conflicted copy 2026-12-05).json` (also
 * with " (1)"); a copy of a copy too. The name found is not checked:
 * the caller checks it as any id read from a file.
 *
 * Returns: whether @basename is such a copy
 */
gboolean
mb_merge_parse_conflict_name (const char  *basename,
                              char       **original_id)
{
  g_autofree char *stem = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (basename != NULL, FALSE);

  if (!g_str_has_suffix (basename, ".json") || strchr (basename, '/') != NULL)
    return FALSE;

  stem = g_strndup (basename, strlen (basename) - strlen (".json"));
  while (strip_number (stem) || strip_mark (stem))
    found = TRUE;
  if (!found)
    return FALSE;

  if (original_id != NULL)
    *original_id = g_steal_pointer (&stem);
  return TRUE;
}
