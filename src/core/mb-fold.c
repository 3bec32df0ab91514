/* mb-fold.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Folding for search: text in a form in which case, accents and the
 * other ways of writing the same letter no longer count, so that a plain
 * strstr() finds "Café" for "cafe", "ΟΔΟΣ" for "οδός" and "שָׁלוֹם" for
 * "שלום".
 *
 * Each character folds on its own, the same wherever it stands:
 *  - Latin letters and the signs all scripts share (punctuation,
 *    symbols, digits) are spelled in ASCII where GLib knows how
 *    (g_str_to_ascii() of their case fold), in lower case: "É" is "e",
 *    "ß" is "ss", "Ø" is "o", "’" is "'", as before; the Turkish
 *    dotless "ı" is "i", as its upper case "I" is;
 *  - every other character is case folded and decomposed (NFKD), and
 *    its combining marks are dropped: accents, Hebrew points, Arabic
 *    vowel signs (the characters of a canonical combining class above 0),
 *    and variation selectors. The Japanese voicing marks stay, as が and
 *    か are different letters. This is repeated until nothing changes,
 *    so that folded text folds to itself.
 * No character folds to "?" unless it is a question mark.
 *
 * As each character folds on its own, a place in the folded text leads
 * back to the character it came from (mb_fold_origin()). The folds are
 * worked out once per block of 256 code points, the first time one of
 * them is met, and kept; plain ASCII never needs them.
 */

#define G_LOG_DOMAIN "mb-fold"

#include "config.h"

#include <string.h>

#include "mb-fold.h"

#define BLOCK_SIZE 256
#define N_BLOCKS   ((0x10FFFF + 1) / BLOCK_SIZE)

typedef struct
{
  guint16 starts[BLOCK_SIZE + 1]; /* where each character's fold starts in data */
  char    data[];
} Block;

static Block *blocks[N_BLOCKS];

static gboolean
is_dropped (gunichar c)
{
  if (c == 0x3099 || c == 0x309A)
    return FALSE;
  return g_unichar_combining_class (c) != 0 ||
         (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0100 && c <= 0xE01EF);
}

/* One round of the folding of the characters outside Latin. */
static char *
fold_once (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  GString *kept = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_dropped (c))
        g_string_append_unichar (kept, c);
    }

  return g_string_free (kept, FALSE);
}

/* @utf8 spelled in ASCII, in lower case, when it is Latin or common to
 * all scripts, in lower case too, and GLib knows how; otherwise NULL.
 * ("µ" is a Greek letter in lower case.)
 */
static char *
spell_in_ascii (const char *utf8)
{
  g_autofree char *lower = g_utf8_casefold (utf8, -1);
  g_autofree char *ascii = NULL;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script != G_UNICODE_SCRIPT_LATIN && script != G_UNICODE_SCRIPT_COMMON)
        return NULL;
    }

  ascii = g_str_to_ascii (lower, "C");
  if (ascii[0] == '\0' || strchr (ascii, '?') != NULL)
    return NULL;
  return g_ascii_strdown (ascii, -1);
}

/* The fold of @text, repeated until it folds to itself. Some fold back
 * and forth (Cherokee folds to upper case, which lowers to lower case):
 * of the two, the first.
 */
static char *
fold_until_stable (const char *text)
{
  g_autofree char *before = g_strdup (text);
  char *folded = fold_once (text);

  while (!g_str_equal (folded, before))
    {
      char *again = fold_once (folded);

      if (g_str_equal (again, before))
        {
          if (strcmp (again, folded) < 0)
            {
              g_free (folded);
              folded = g_steal_pointer (&again);
            }
          g_free (again);
          break;
        }
      g_free (before);
      before = folded;
      folded = again;
    }

  return folded;
}

static char *
fold_char (gunichar c,
           guint    depth)
{
  char utf8[8] = { 0 };
  g_autofree char *folded = NULL;
  GString *spelled;

  /* Turkish dotless i is an i as its upper case I is. */
  if (c == 0x0131)
    return g_strdup ("i");

  g_unichar_to_utf8 (c, utf8);
  if ((folded = spell_in_ascii (utf8)) != NULL)
    return g_steal_pointer (&folded);

  folded = fold_until_stable (utf8);
  if (depth > 1 || g_str_equal (folded, utf8))
    return g_steal_pointer (&folded);

  /* What it folds to may be spelled in ASCII: "ᴭ" folds to "æ", "ae". */
  spelled = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *one = fold_char (g_utf8_get_char (p), depth + 1);

      g_string_append (spelled, one);
    }
  return g_string_free (spelled, FALSE);
}

static Block *
make_block (guint index)
{
  GString *data = g_string_new (NULL);
  guint16 starts[BLOCK_SIZE + 1];
  Block *block;

  for (guint i = 0; i < BLOCK_SIZE; i++)
    {
      gunichar c = index * BLOCK_SIZE + i;

      starts[i] = data->len;
      if (c != 0 && g_unichar_validate (c))
        {
          g_autofree char *folded = fold_char (c, 0);

          g_string_append (data, folded);
        }
    }
  g_assert (data->len <= G_MAXUINT16);
  starts[BLOCK_SIZE] = data->len;

  block = g_malloc (sizeof (Block) + data->len);
  memcpy (block->starts, starts, sizeof starts);
  memcpy (block->data, data->str, data->len);
  g_string_free (data, TRUE);
  return block;
}

/* The fold of @c and its length, from its block; made at first use. */
static const char *
lookup (gunichar  c,
        gsize    *len)
{
  guint index = c / BLOCK_SIZE;
  Block *block = g_atomic_pointer_get (&blocks[index]);

  if (G_UNLIKELY (block == NULL))
    {
      Block *made = make_block (index);

      /* Another thread may have made it meanwhile: theirs is the same. */
      if (g_atomic_pointer_compare_and_exchange (&blocks[index], NULL, made))
        block = made;
      else
        {
          g_free (made);
          block = g_atomic_pointer_get (&blocks[index]);
        }
    }

  *len = block->starts[c % BLOCK_SIZE + 1] - block->starts[c % BLOCK_SIZE];
  return block->data + block->starts[c % BLOCK_SIZE];
}

/* The character at @p, before @end, and where the next one starts; a
 * byte that is not UTF-8 is a character that folds to nothing.
 */
static const char *
next_char (const char *p,
           const char *end,
           gunichar   *c)
{
  gunichar got = g_utf8_get_char_validated (p, end - p);

  if (got == (gunichar) -1 || got == (gunichar) -2)
    {
      *c = 0;
      return p + 1;
    }

  *c = got;
  return g_utf8_next_char (p);
}

/* The length of a run of plain ASCII at @p, before @end. */
static gsize
ascii_run (const char *p,
           const char *end)
{
  const char *q = p;

  while (q < end && (guchar) *q < 0x80)
    q++;
  return q - p;
}

/**
 * mb_fold_append:
 *
 * Appends @text to @out folded as mb_fold_for_search() does.
 */
void
mb_fold_append (GString    *out,
                const char *text)
{
  gsize len = strlen (text);
  const char *end = text + len;

  for (const char *p = text; p < end;)
    {
      gsize run = ascii_run (p, end);
      gunichar c;

      if (run > 0)
        {
          char *to;

          g_string_set_size (out, out->len + run);
          to = out->str + out->len - run;
          for (gsize i = 0; i < run; i++)
            to[i] = p[i] >= 'A' && p[i] <= 'Z' ? p[i] + ('a' - 'A') : p[i];
          p += run;
        }
      else
        {
          gsize n;
          const char *one;

          p = next_char (p, end, &c);
          if (c != 0)
            {
              one = lookup (c, &n);
              g_string_append_len (out, one, n);
            }
        }
    }
}

/**
 * mb_fold_for_search:
 *
 * Returns: (transfer full): @text in lower case without accents, in any
 *   script, so "Één" and "een", "ΟΔΟΣ" and "οδός" compare equal
 */
char *
mb_fold_for_search (const char *text)
{
  GString *folded = g_string_sized_new (strlen (text));

  mb_fold_append (folded, text);
  return g_string_free (folded, FALSE);
}

/**
 * mb_fold_origin:
 * @folded_at: a byte offset in mb_fold_for_search (@text)
 *
 * Returns: the byte offset in @text of the character that folds to the
 *   byte at @folded_at, or of the end of @text
 */
gsize
mb_fold_origin (const char *text,
                gsize       folded_at)
{
  const char *end = text + strlen (text);
  const char *p = text;
  gsize folded = 0;

  while (p < end)
    {
      gsize run = ascii_run (p, end);
      gunichar c;
      gsize n = 0;
      const char *next;

      if (run > 0)
        {
          if (folded + run > folded_at)
            return p - text + (folded_at - folded);
          folded += run;
          p += run;
          continue;
        }

      next = next_char (p, end, &c);
      if (c != 0)
        lookup (c, &n);
      if (folded + n > folded_at)
        break;
      folded += n;
      p = next;
    }

  return p - text;
}
