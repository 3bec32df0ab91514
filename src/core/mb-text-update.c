/* mb-text-update.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A text shown in a field and changed elsewhere (on another machine,
 * then merged): what to replace in the field so that it shows the new
 * text, and where the cursor and the selection go then.
 *
 * Only the part that differs is replaced: the text in front of it and
 * behind it stays, with every place in it. A place inside that part,
 * or at one of its ends, stays with the words around it when they are
 * still there, in front of it and behind it, else the most of those in
 * front of it (what was just typed), else of those behind it, at least
 * a few characters; the part is then
 * replaced in two pieces, one on each side of the place. A place whose
 * words are gone goes to the end of the piece that replaced them.
 */

#define G_LOG_DOMAIN "mb-text-update"

#include "config.h"

#include <string.h>

#include "mb-text-update.h"

/* How many characters on each side of a place are looked for, at most
 * and at least.
 */
#define CONTEXT_CHARS     24
#define MIN_CONTEXT_CHARS 6

/* The length in bytes of what @a and @b start with alike, in whole
 * characters.
 */
static gsize
common_prefix (const char *a,
               gsize       a_size,
               const char *b,
               gsize       b_size)
{
  gsize n = 0;

  while (n < a_size && n < b_size && a[n] == b[n])
    n++;
  while (n > 0 && n < a_size && ((guchar) a[n] & 0xc0) == 0x80)
    n--;

  return n;
}

/* The length in bytes of what @a and @b end with alike, in whole
 * characters, at most @most.
 */
static gsize
common_suffix (const char *a,
               gsize       a_size,
               const char *b,
               gsize       b_size,
               gsize       most)
{
  gsize n = 0;

  while (n < most && n < a_size && n < b_size && a[a_size - 1 - n] == b[b_size - 1 - n])
    n++;
  while (n > 0 && ((guchar) a[a_size - n] & 0xc0) == 0x80)
    n--;

  return n;
}

static const char *
back_chars (const char *start,
            const char *p,
            guint       n)
{
  while (n-- > 0 && p > start)
    p = g_utf8_prev_char (p);

  return p;
}

static const char *
forward_chars (const char *p,
               const char *end,
               guint       n)
{
  while (n-- > 0 && p < end)
    p = g_utf8_next_char (p);

  return p;
}

static gsize
distance (gsize a,
          gsize b)
{
  return a > b ? a - b : b - a;
}

/* Where @context, with the place @before bytes into it, is in @text so
 * that the place is between @lo and @hi; the one nearest @near, or -1.
 */
static gssize
find_context (const char *text,
              gsize       size,
              const char *context,
              gsize       length,
              gsize       before,
              gsize       lo,
              gsize       hi,
              gsize       near)
{
  gsize p = lo > before ? lo - before : 0;
  gssize best = -1;
  const char *found;

  if (length == 0 || hi < before)
    return -1;

  while (p <= hi - before && p + length <= size &&
         (found = memmem (text + p, MIN (size, hi - before + length) - p, context, length)) != NULL)
    {
      gsize place = found - text + before;

      if (best >= 0 && distance (place, near) >= distance (best, near))
        break;
      best = place;
      p = found - text + 1;
    }

  return best;
}

/* Where the place at @p in @old is in @text, between @lo and @hi,
 * found by the longest run of characters in front of it (@in_front) or
 * behind it that is there, of at least MIN_CONTEXT_CHARS; -1 for none.
 */
static gssize
find_by_one_side (const char *old,
                  gsize       old_size,
                  const char *p,
                  gboolean    in_front,
                  const char *text,
                  gsize       size,
                  gsize       lo,
                  gsize       hi)
{
  guint shortest = MIN_CONTEXT_CHARS;
  guint longest = CONTEXT_CHARS;
  gssize best = -1;

  /* A shorter run is there wherever a longer one is. */
  while (shortest <= longest)
    {
      guint n = (shortest + longest) / 2;
      const char *start = in_front ? back_chars (old, p, n) : p;
      const char *end = in_front ? p : forward_chars (p, old + old_size, n);
      gssize found = -1;

      if (g_utf8_strlen (start, end - start) == n)
        found = find_context (text, size, start, end - start, p - start, lo, hi, MIN ((gsize) (p - old), hi));
      if (found >= 0)
        {
          best = found;
          shortest = n + 1;
        }
      else
        {
          longest = n - 1;
        }
    }

  return best;
}

/* Where @place, between @from and @old_to in @old, is in @text, between
 * @from and @new_to, found by the words around it, else those in front
 * of it, else those behind it; -1 when they are gone.
 */
static gssize
find_place (const char *old,
            gsize       old_size,
            gsize       place,
            const char *text,
            gsize       size,
            gsize       from,
            gsize       new_to)
{
  const char *p = old + place;
  const char *left = back_chars (old, p, CONTEXT_CHARS);
  const char *right = forward_chars (p, old + old_size, CONTEXT_CHARS);
  gssize found = -1;

  if (left < p && p < right && g_utf8_strlen (left, right - left) >= MIN_CONTEXT_CHARS)
    found = find_context (text, size, left, right - left, p - left, from, new_to, MIN (place, new_to));
  if (found < 0)
    found = find_by_one_side (old, old_size, p, TRUE, text, size, from, new_to);
  if (found < 0)
    found = find_by_one_side (old, old_size, p, FALSE, text, size, from, new_to);

  return found;
}

/* Adds the edit that turns the bytes from @old_from to @old_to of @old
 * into those from @new_from to @new_to of @text, less what they start
 * and end with alike; none when they are the same.
 */
static guint
add_edit (MbTextEdit *edits,
          guint       n_edits,
          const char *old,
          gsize       old_from,
          gsize       old_to,
          const char *text,
          gsize       new_from,
          gsize       new_to)
{
  gsize prefix = common_prefix (old + old_from, old_to - old_from, text + new_from, new_to - new_from);
  gsize suffix = common_suffix (old + old_from, old_to - old_from, text + new_from, new_to - new_from,
                                MIN (old_to - old_from, new_to - new_from) - prefix);

  if (old_from + prefix == old_to - suffix && new_from + prefix == new_to - suffix)
    return n_edits;

  edits[n_edits] = (MbTextEdit) { old_from + prefix, old_to - suffix, new_from + prefix, new_to - suffix };
  return n_edits + 1;
}

/* Where @place of the old text is in the new one, after @edits: in
 * front of an edit, and at its start, it stays; inside one, it goes to
 * the end of what replaced it.
 */
static gsize
map_place (gsize             place,
           const MbTextEdit *edits,
           guint             n_edits)
{
  gsize old_base = 0;
  gsize new_base = 0;

  for (guint i = 0; i < n_edits && place > edits[i].old_from; i++)
    {
      if (place < edits[i].old_to)
        return edits[i].new_to;
      old_base = edits[i].old_to;
      new_base = edits[i].new_to;
    }

  return place - old_base + new_base;
}

/**
 * mb_text_update_plan:
 * @old: the text shown, @old_size bytes of valid UTF-8
 * @text: the text to show instead, @size bytes of valid UTF-8
 * @places: (inout) (array length=n_places): places in @old, in bytes, at
 *   the start of a character: the cursor and the other end of the
 *   selection; set to where they are in @text
 * @n_places: at most 2
 * @edits: (out caller-allocates): room for MB_TEXT_UPDATE_MAX_EDITS
 *
 * Returns: how many edits turn @old into @text, in order and not
 *   overlapping: applied from the last to the first, the places of each
 *   in @old stay right; 0 when the texts are the same
 */
guint
mb_text_update_plan (const char *old,
                     gsize       old_size,
                     const char *text,
                     gsize       size,
                     gsize      *places,
                     guint       n_places,
                     MbTextEdit *edits)
{
  gsize from = common_prefix (old, old_size, text, size);
  gsize suffix = common_suffix (old, old_size, text, size, MIN (old_size, size) - from);
  gsize old_to = old_size - suffix;
  gsize new_to = size - suffix;
  gsize cut_old = from, cut_new = from;
  gssize found[2] = { -1, -1 };
  guint order[2] = { 0, 1 };
  guint n_edits = 0;

  g_return_val_if_fail (n_places <= 2, 0);

  if (from == old_size && from == size)
    return 0;

  /* Places in the part that differs, or at its ends, by the words
   * around them, from the first to the last.
   */
  if (n_places == 2 && places[1] < places[0])
    {
      order[0] = 1;
      order[1] = 0;
    }
  for (guint k = 0; k < n_places; k++)
    {
      guint i = order[k];

      if (places[i] < from || places[i] > old_to)
        continue;
      if (places[i] == cut_old && cut_old > from)
        found[i] = cut_new;
      else if ((found[i] = find_place (old, old_size, places[i], text, size, from, new_to)) < 0 ||
               (gsize) found[i] < cut_new)
        found[i] = -1;
      else
        {
          n_edits = add_edit (edits, n_edits, old, cut_old, places[i], text, cut_new, found[i]);
          cut_old = places[i];
          cut_new = found[i];
        }
    }
  n_edits = add_edit (edits, n_edits, old, cut_old, old_to, text, cut_new, new_to);

  for (guint i = 0; i < n_places; i++)
    places[i] = found[i] >= 0 ? (gsize) found[i] : map_place (places[i], edits, n_edits);

  return n_edits;
}
