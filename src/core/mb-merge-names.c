/* mb-merge-names.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The names sync tools give the copies they make of a file that two
 * machines changed at once, and what such a name tells: which tool made
 * the copy, from which device or user, and when.
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

static int
number (const char *text,
        gsize       n)
{
  int value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (text[i] - '0');
  return value;
}

/* The local time of @day (“20261205”), at @time (“101010”) or at the
 * start of the day for NULL; NULL when they are not a real moment.
 */
static GDateTime *
make_time (const char *day,
           const char *time)
{
  int year = number (day, 4);
  int month = number (day + 4, 2);
  int mday = number (day + 6, 2);
  int hour = time != NULL ? number (time, 2) : 0;
  int minute = time != NULL ? number (time + 2, 2) : 0;
  int second = time != NULL ? number (time + 4, 2) : 0;

  if (year < 1 || month < 1 || month > 12 || mday < 1 || mday > g_date_get_days_in_month (month, year) ||
      hour > 23 || minute > 59 || second > 59)
    return NULL;
  return g_date_time_new_local (year, month, mday, hour, minute, second);
}

/* @text starts with a day as “2026-12-05”, maybe followed by a time as
 * “ 101010”: that moment, with *@length set to the characters it took;
 * otherwise NULL.
 */
static GDateTime *
parse_dashed (const char *text,
              gsize      *length)
{
  char day[9];

  if (!digits (text, 4) || text[4] != '-' || !digits (text + 5, 2) || text[7] != '-' || !digits (text + 8, 2))
    return NULL;
  memcpy (day, text, 4);
  memcpy (day + 4, text + 5, 2);
  memcpy (day + 6, text + 8, 2);
  day[8] = '\0';
  if (text[10] == ' ' && digits (text + 11, 6) && !g_ascii_isdigit (text[17]))
    {
      *length = 17;
      return make_time (day, text + 11);
    }
  *length = 10;
  return make_time (day, NULL);
}

/* Fills @about, when it is not NULL and not filled yet, with what the
 * name of a copy said; takes @source and @when.
 */
static void
describe (MbConflictName *about,
          MbSyncTool      tool,
          char           *source,
          GDateTime      *when,
          gboolean        at_time)
{
  if (about == NULL || about->filled)
    {
      g_free (source);
      g_clear_pointer (&when, g_date_time_unref);
      return;
    }

  about->filled = TRUE;
  about->tool = tool;
  if (source != NULL)
    g_strstrip (source);
  if (source != NULL && *source == '\0')
    g_clear_pointer (&source, g_free);
  about->source = source;
  about->when = when;
  about->has_time = when != NULL && at_time;
}

/* Syncthing: NAME.sync-conflict-20261205-101010-ABCDEFG, the last part
 * the short id of the device that changed it.
 */
static gboolean
strip_syncthing (char           *stem,
                 MbConflictName *about)
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
  p = tag + strlen (".sync-conflict-");
  describe (about, MB_SYNC_TOOL_SYNCTHING, g_strdup (p + 16), make_time (p, p + 9), TRUE);
  *tag = '\0';
  return TRUE;
}

/* What follows “conflicted copy” in Nextcloud's mark, up to its ')':
 * a user's name, maybe, and a moment.
 */
static void
describe_nextcloud (MbConflictName *about,
                    const char     *rest)
{
  g_autofree char *text = g_strndup (rest, strlen (rest) - 1);
  GDateTime *when = NULL;
  gsize length = 0;

  /* The moment ends the mark; the user's name is before it. */
  for (char *at = text; *at != '\0'; at++)
    {
      if (at[0] != ' ' || (when = parse_dashed (at + 1, &length)) == NULL)
        continue;
      if (at[1 + length] == '\0')
        {
          *at = '\0';
          break;
        }
      g_clear_pointer (&when, g_date_time_unref);
    }
  describe (about, MB_SYNC_TOOL_NEXTCLOUD, g_strdup (text), when, length > 10);
}

/* Dropbox's mark: the device's name before @mark, “'s conflicted copy”,
 * then a day.
 */
static void
describe_dropbox (MbConflictName *about,
                  const char     *inner,
                  const char     *mark)
{
  const char *day = strstr (mark, "conflicted copy") + strlen ("conflicted copy");
  gsize length = 0;
  GDateTime *when = *day == ' ' ? parse_dashed (day + 1, &length) : NULL;

  describe (about, MB_SYNC_TOOL_DROPBOX, g_strndup (inner, mark - inner), when, length > 10);
}

/* Nextcloud and ownCloud: NAME (conflicted copy 2026-12-05 101010),
 * with a user's name before the date, or none; Dropbox: NAME (Laptop's
 * conflicted copy 2026-12-05), with " (1)" before the last parenthesis
 * for a second one that day.
 */
static gboolean
strip_conflicted_copy (char           *stem,
                       MbConflictName *about)
{
  gsize len = strlen (stem);
  const char *inner;
  const char *mark;
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
  if (g_str_has_prefix (inner, "conflicted copy ") || g_str_has_prefix (inner, "conflicted copy)"))
    describe_nextcloud (about, inner + strlen ("conflicted copy"));
  else if ((mark = strstr (inner, "'s conflicted copy")) != NULL ||
           (mark = strstr (inner, "’s conflicted copy")) != NULL)
    describe_dropbox (about, inner, mark);
  else
    return FALSE;
  stem[open - 1] = '\0';
  return TRUE;
}

/* Older ownCloud and Nextcloud: NAME_conflict-20261205-101010, or
 * NAME_conflict_USER-20261205-101010
 */
static gboolean
strip_owncloud (char           *stem,
                MbConflictName *about)
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
  describe (about, MB_SYNC_TOOL_NEXTCLOUD, date != user ? g_strndup (user + 1, date - user - 1) : NULL,
            make_time (date + 1, date + 10), TRUE);
  *tag = '\0';
  return TRUE;
}

static gboolean
strip_mark (char           *stem,
            MbConflictName *about)
{
  return strip_syncthing (stem, about) || strip_conflicted_copy (stem, about) || strip_owncloud (stem, about);
}

/* " (2)" after a mark, as some tools add when the name is taken. */
static gboolean
strip_number (char           *stem,
              MbConflictName *about)
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
  if (!strip_mark (rest, about))
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
  while (strip_number (stem, NULL) || strip_mark (stem, NULL))
    found = TRUE;
  if (!found)
    return FALSE;

  if (original_id != NULL)
    *original_id = g_steal_pointer (&stem);
  return TRUE;
}

/**
 * mb_merge_describe_conflict_name:
 * @basename: the name of a file, without a folder
 * @about: (out caller-allocates): what the name tells of the copy;
 *   clear it with mb_conflict_name_clear()
 *
 * Tells what the name of a sync tool's conflict copy (see
 * mb_merge_parse_conflict_name()) says of it: the tool, the device or
 * user it came from and when it was made, as far as the name says; for
 * a copy of a copy, of the copy made last.
 *
 * Returns: whether @basename is such a copy
 */
gboolean
mb_merge_describe_conflict_name (const char     *basename,
                                 MbConflictName *about)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (basename != NULL, FALSE);
  g_return_val_if_fail (about != NULL, FALSE);

  *about = (MbConflictName) { FALSE, MB_SYNC_TOOL_SYNCTHING, NULL, NULL, FALSE };
  if (!mb_merge_parse_conflict_name (basename, NULL))
    return FALSE;

  stem = g_strndup (basename, strlen (basename) - strlen (".json"));
  if (!strip_number (stem, about))
    strip_mark (stem, about);
  return about->filled;
}

/**
 * mb_conflict_name_clear:
 *
 * Frees what mb_merge_describe_conflict_name() put in @about.
 */
void
mb_conflict_name_clear (MbConflictName *about)
{
  g_clear_pointer (&about->source, g_free);
  g_clear_pointer (&about->when, g_date_time_unref);
  about->filled = FALSE;
}
