/* mb-text.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A text of a conversation, changed in place as it is typed. A text
 * field reports each change by its place in characters; counting
 * characters from the start of 10 MB of notes for every key would take
 * longer than a frame, so the text keeps the place of the last change
 * and counts from there, eight bytes at a time while they are ASCII.
 */

#define G_LOG_DOMAIN "mb-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/mman.h>

#include "mb-text.h"

G_DEFINE_QUARK (mb-text-error-quark, mb_text_error)

/* Texts packed: see mb_text_begin_packing(). A block starts with this,
 * and the texts follow it one after the other.
 */
typedef struct
{
  gint   refs;    /* the texts in it, and the thread packing into it */
  void  *map;     /* what was mapped for it, and how much */
  gsize  mapped;
} Block;

typedef struct
{
  Block *block;   /* being filled, or NULL */
  char  *at;
  char  *end;
} Packing;

static void packing_free (gpointer data);

static GPrivate packing_key = G_PRIVATE_INIT (packing_free);
static gint n_blocks;  /* alive, for tests */

/* The first block of a thread is small, for a journal of a few
 * conversations; the next ones are large, in the kernel's huge pages.
 */
#define FIRST_BLOCK_SIZE ((gsize) 256 << 10)
#define BLOCK_SIZE       ((gsize) 16 << 20)
#define HUGE_PAGE_SIZE   ((gsize) 2 << 20)

struct _MbText
{
  char  *str;
  gsize  len;
  gsize  allocated;   /* exactly the text at first: a journal holds thousands */
  gsize  mark_chars;  /* a place in the text, in characters… */
  gsize  mark_bytes;  /* …and the byte where it is */
  Block *block;       /* that holds str, when packed; else str is its own */
};

#define ASCII_MASK G_GUINT64_CONSTANT (0x8080808080808080)

static gboolean
ascii_word (const char *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return (word & ASCII_MASK) == 0;
}

/* The byte @n characters after byte @at of @s, which is @len long. */
static gsize
skip_forward (const char *s,
              gsize       len,
              gsize       at,
              gsize       n)
{
  while (n > 0 && at < len)
    {
      if (n >= 8 && at + 8 <= len && ascii_word (s + at))
        {
          at += 8;
          n -= 8;
        }
      else
        {
          at = g_utf8_next_char (s + at) - s;
          n--;
        }
    }

  return MIN (at, len);
}

/* The byte @n characters before byte @at of @s. */
static gsize
skip_backward (const char *s,
               gsize       at,
               gsize       n)
{
  while (n > 0 && at > 0)
    {
      if (n >= 8 && at >= 8 && ascii_word (s + at - 8))
        {
          at -= 8;
          n -= 8;
        }
      else
        {
          at = g_utf8_prev_char (s + at) - s;
          n--;
        }
    }

  return at;
}

/* The byte where character @position is, from the mark, or from the
 * start when that is nearer; the mark moves there.
 */
static gsize
locate (MbText *self,
        gsize   position)
{
  const char *s = self->str;

  if (position >= self->mark_chars)
    self->mark_bytes = skip_forward (s, self->len, self->mark_bytes, position - self->mark_chars);
  else if (self->mark_chars - position < position)
    self->mark_bytes = skip_backward (s, self->mark_bytes, self->mark_chars - position);
  else
    self->mark_bytes = skip_forward (s, self->len, 0, position);
  self->mark_chars = position;
  return self->mark_bytes;
}

static void
block_unref (Block *block)
{
  if (g_atomic_int_dec_and_test (&block->refs))
    {
      munmap (block->map, block->mapped);
      g_atomic_int_add (&n_blocks, -1);
    }
}

/* A block of @size bytes, aligned to huge pages and given to them when
 * @huge; NULL when the system has no memory to map.
 */
static Block *
block_new (gsize    size,
           gboolean huge)
{
  gsize mapped = size + (huge ? HUGE_PAGE_SIZE : 0);
  char *map = mmap (NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  Block *block;

  if (map == MAP_FAILED)
    return NULL;

  block = (Block *) map;
  if (huge)
    {
      block = (Block *) (((guintptr) map + HUGE_PAGE_SIZE - 1) & ~(guintptr) (HUGE_PAGE_SIZE - 1));
#ifdef MADV_HUGEPAGE
      madvise (block, size, MADV_HUGEPAGE);
#endif
    }
  block->refs = 1;
  block->map = map;
  block->mapped = mapped;
  g_atomic_int_inc (&n_blocks);
  return block;
}

/* Room for @size bytes in this thread's block (*@block), which then
 * holds one text more; NULL when the text is better on its own: when it
 * would take much of a block, or no block can be had.
 */
static char *
pack (Packing *packing,
      gsize    size,
      Block  **block)
{
  if (size > BLOCK_SIZE / 8)
    return NULL;

  if ((gsize) (packing->end - packing->at) < size)
    {
      gboolean huge = packing->block != NULL;
      gsize block_size = huge ? BLOCK_SIZE : FIRST_BLOCK_SIZE;
      Block *fresh = block_new (block_size, huge);

      if (fresh == NULL)
        return NULL;
      g_clear_pointer (&packing->block, block_unref);
      packing->block = fresh;
      packing->at = (char *) fresh + sizeof (Block);
      packing->end = (char *) fresh + block_size;
      if ((gsize) (packing->end - packing->at) < size)
        return NULL;
    }

  g_atomic_int_inc (&packing->block->refs);
  *block = packing->block;
  packing->at += size;
  return packing->at - size;
}

static void
packing_free (gpointer data)
{
  Packing *packing = data;

  if (packing == NULL)
    return;
  g_clear_pointer (&packing->block, block_unref);
  g_free (packing);
}

/**
 * mb_text_begin_packing:
 *
 * Until mb_text_end_packing(), the texts this thread makes are copied
 * one after the other into large blocks, not each into an allocation of
 * its own; for a load. The texts of a journal, tens of megabytes, then
 * take a page fault of the kernel each 2 MB, in its huge pages, rather
 * than each 4 kB: of a load of 10,000 conversations, that is an eighth.
 * A block is unmapped once the last text in it goes; a text changed is
 * copied out of it first.
 */
void
mb_text_begin_packing (void)
{
  if (g_private_get (&packing_key) == NULL)
    g_private_set (&packing_key, g_new0 (Packing, 1));
}

void
mb_text_end_packing (void)
{
  g_private_replace (&packing_key, NULL);
}

/* For tests: how many blocks hold texts (or are being filled). */
guint
_mb_text_count_blocks (void)
{
  return g_atomic_int_get (&n_blocks);
}

/* Takes leave of what holds self->str. */
static void
release_str (MbText *self)
{
  if (self->block != NULL)
    g_clear_pointer (&self->block, block_unref);
  else
    g_free (self->str);
  self->str = NULL;
}

static void
take (MbText     *self,
      const char *text)
{
  Packing *packing = g_private_get (&packing_key);

  self->len = strlen (text);
  self->allocated = self->len + 1;
  self->str = packing != NULL ? pack (packing, self->allocated, &self->block) : NULL;
  if (self->str != NULL)
    memcpy (self->str, text, self->allocated);
  else
    self->str = g_memdup2 (text, self->allocated);
}

MbText *
mb_text_new (const char *text)
{
  MbText *self = g_new0 (MbText, 1);

  take (self, text);
  return self;
}

void
mb_text_free (MbText *self)
{
  release_str (self);
  g_free (self);
}

const char *
mb_text_get (MbText *self)
{
  return self->str;
}

/**
 * mb_text_get_size:
 *
 * Returns: the length of the text in bytes
 */
gsize
mb_text_get_size (MbText *self)
{
  return self->len;
}

void
mb_text_set (MbText     *self,
             const char *text)
{
  release_str (self);
  take (self, text);
  self->mark_chars = 0;
  self->mark_bytes = 0;
}

/**
 * mb_text_measure:
 * @position: where, in characters from the start
 * @n_chars: how many characters
 *
 * Returns: how many bytes @n_chars characters from @position take up
 */
gsize
mb_text_measure (MbText *self,
                 gsize   position,
                 gsize   n_chars)
{
  gsize start = locate (self, position);

  return skip_forward (self->str, self->len, start, n_chars) - start;
}

/**
 * mb_text_splice:
 * @position: where, in characters from the start
 * @n_removed: how many characters to take out there
 * @inserted: what to put in their place, @length bytes of UTF-8
 */
void
mb_text_splice (MbText     *self,
                gsize       position,
                gsize       n_removed,
                const char *inserted,
                gsize       length)
{
  gsize start = locate (self, position);
  gsize removed = skip_forward (self->str, self->len, start, n_removed) - start;
  gsize len = self->len - removed + length;

  if (self->block != NULL)
    {
      /* Out of its block: it grows and shrinks as it is typed. */
      char *own = g_malloc (MAX (len + 1, self->allocated));

      memcpy (own, self->str, self->len + 1);
      release_str (self);
      self->str = own;
      self->allocated = MAX (len + 1, self->allocated);
    }
  else if (len + 1 > self->allocated)
    {
      self->allocated = MAX (len + 1, self->allocated + self->allocated / 2);
      self->str = g_realloc (self->str, self->allocated);
    }

  /* The rest moves once; the mark stays valid, as nothing before it changes. */
  memmove (self->str + start + length, self->str + start + removed, self->len - start - removed + 1);
  memcpy (self->str + start, inserted, length);
  self->len = len;
}

/* The length of the paragraph break at @p, before @end: "\n", "\r" or
 * U+2029, as GTK breaks paragraphs; 0 when there is none.
 */
static gsize
break_at (const char *p,
          const char *end)
{
  if (*p == '\n' || *p == '\r')
    return 1;
  if ((guchar) p[0] == 0xe2 && end - p >= 3 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xa9)
    return 3;
  return 0;
}

/* Counts paragraphs as text goes by, in pieces. */
typedef struct
{
  gsize longest;
  gsize chars;    /* of the paragraph so far */
} Counter;

static void
count (Counter    *counter,
       const char *text,
       gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p < end;)
    {
      gsize n = break_at (p, end);

      if (n > 0)
        {
          counter->longest = MAX (counter->longest, counter->chars);
          counter->chars = 0;
          p += n;
        }
      else
        {
          counter->chars += ((guchar) *p & 0xc0) != 0x80;
          p++;
        }
    }
}

/**
 * mb_text_longest_paragraph:
 *
 * Returns: how many characters the longest paragraph of @text has
 */
gsize
mb_text_longest_paragraph (const char *text,
                           gsize       length)
{
  Counter counter = { 0, 0 };

  count (&counter, text, length);
  return MAX (counter.longest, counter.chars);
}

/**
 * mb_text_has_long_paragraph:
 *
 * Returns: whether a paragraph of @text has more than @chars characters
 */
gboolean
mb_text_has_long_paragraph (const char *text,
                            gsize       length,
                            gsize       chars)
{
  const char *end = text + length;

  /* Lines of at most @chars bytes cannot have more characters; only
   * longer ones are counted.
   */
  for (const char *p = text; p < end;)
    {
      const char *line_end = memchr (p, '\n', end - p);

      if (line_end == NULL)
        line_end = end;
      if ((gsize) (line_end - p) > chars && mb_text_longest_paragraph (p, line_end - p) > chars)
        return TRUE;
      p = line_end + 1;
    }

  return FALSE;
}

/**
 * mb_text_longest_after_splice:
 * @before: (out): the longest of the paragraphs it changes, before it
 *
 * Returns: the longest of the paragraphs that mb_text_splice() with the
 *   same arguments would change, after it
 */
gsize
mb_text_longest_after_splice (MbText     *self,
                              gsize       position,
                              gsize       n_removed,
                              const char *inserted,
                              gsize       length,
                              gsize      *before)
{
  const char *s = self->str;
  const char *end = s + self->len;
  const char *from = s + locate (self, position);
  const char *to = s + skip_forward (s, self->len, from - s, n_removed);
  const char *start = from;
  const char *stop = to;
  Counter counter = { 0, 0 };

  /* The paragraphs around the change: from the break before it to the
   * break after it.
   */
  while (start > s && start[-1] != '\n' && start[-1] != '\r' &&
         !(start - s >= 3 && break_at (start - 3, end) == 3))
    start--;
  while (stop < end && break_at (stop, end) == 0)
    stop++;

  *before = mb_text_longest_paragraph (start, stop - start);
  count (&counter, start, from - start);
  count (&counter, inserted, length);
  count (&counter, to, stop - to);
  return MAX (counter.longest, counter.chars);
}

/**
 * mb_text_excerpt:
 * @chars: the most characters to keep
 *
 * Returns: (transfer full): @text, or when it has more than @chars
 *   characters, its first @chars and "…"; for a label, which lays out
 *   all it is given, however little of it shows
 */
char *
mb_text_excerpt (const char *text,
                 gsize       chars)
{
  gsize len = strlen (text);
  gsize cut = skip_forward (text, len, 0, chars);
  GString *excerpt;

  if (cut >= len)
    return g_strdup (text);
  excerpt = g_string_new_len (text, cut);
  g_string_append (excerpt, "…");
  return g_string_free (excerpt, FALSE);
}

/**
 * mb_text_set_too_long_error:
 *
 * Sets @error to say that MB_TEXT_MAX_PARAGRAPH_CHARS is the most a
 * paragraph can have.
 */
void
mb_text_set_too_long_error (GError **error)
{
  g_set_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_PARAGRAPH_TOO_LONG,
               /* Translators: %'u is the most characters a paragraph can have, “5000” */
               _("A paragraph can have up to %'u characters; start a new paragraph to go on."),
               (guint) MB_TEXT_MAX_PARAGRAPH_CHARS);
}

/**
 * mb_text_set_too_large_error:
 * @wanted: how large it would be, in bytes
 *
 * Sets @error to say that MB_TEXT_MAX_BYTES is the most there can be.
 */
void
mb_text_set_too_large_error (GError **error,
                             gsize    wanted)
{
  g_autofree char *limit = g_format_size (MB_TEXT_MAX_BYTES);
  g_autofree char *size = g_format_size (wanted);

  g_set_error (error, MB_TEXT_ERROR, MB_TEXT_ERROR_TOO_LARGE,
               /* Translators: the first %s is the most a conversation can hold,
                * “20.0 MB”; the second how much it would hold, “52.4 MB” */
               _("A conversation can hold up to %s of text; with this it would hold %s."),
               limit, size);
}
