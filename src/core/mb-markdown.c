/* mb-markdown.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A document (mb-document.c) as Markdown. Every text in it is escaped,
 * so it reads as written in any Markdown viewer: a note that starts with
 * “#” stays a line of text, not a heading.
 */

#define G_LOG_DOMAIN "mb-markdown"

#include "config.h"

#include <string.h>

#include "mb-markdown.h"

/* Characters that mean something anywhere in a line. */
#define INLINE_SPECIALS "\\`*_[]<>~"

static gboolean
starts_block (const char *line)
{
  const char *p = line;

  switch (*line)
    {
    case '#':
    case '>':
    case '-':
    case '+':
    case '=':
    case '|':
      return TRUE;
    default:
      break;
    }

  /* “1.” and “1)” start a numbered list. */
  while (g_ascii_isdigit (*p))
    p++;
  return p > line && p - line <= 9 && (*p == '.' || *p == ')') &&
         (p[1] == '\0' || p[1] == ' ');
}

/**
 * mb_markdown_escape:
 * @text: one line of text, as the user typed it
 *
 * Returns: (transfer full): @text as Markdown that shows it as typed:
 *   not a heading, list, quote or emphasis; line breaks become spaces,
 *   and white space at either end goes
 */
char *
mb_markdown_escape (const char *text)
{
  g_autofree char *line = NULL;
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  line = g_strstrip (g_strdelimit (g_strdup (text), "\r\n\t", ' '));
  out = g_string_sized_new (strlen (line) + 8);
  p = line;

  if (starts_block (line))
    {
      /* Escape the mark itself: “\#”, “\-”, and the dot of “1\.” */
      while (g_ascii_isdigit (*p))
        g_string_append_c (out, *p++);
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }

  for (; *p != '\0'; p++)
    {
      if (strchr (INLINE_SPECIALS, *p) != NULL ||
          (*p == '&' && (g_ascii_isalnum (p[1]) || p[1] == '#')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Each of @texts escaped, with @separator between them. */
static void
append_escaped (GString            *out,
                const char * const *texts,
                const char         *separator)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *escaped = mb_markdown_escape (texts[i]);

      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, escaped);
    }
}

/* “## Heading”, a paragraph whose lines end in a hard break (two
 * spaces), “**Label**”, or “- In: field · field”; each but an item
 * followed by the blank line that ends it.
 */
static void
write_block (GString       *out,
             const MbBlock *block)
{
  const char * const *texts = mb_block_get_texts (block);
  const char *lead = mb_block_get_lead (block);

  switch (mb_block_get_kind (block))
    {
    case MB_BLOCK_HEADING:
      for (guint i = 0; i < mb_block_get_level (block); i++)
        g_string_append_c (out, '#');
      g_string_append_c (out, ' ');
      append_escaped (out, texts, "");
      break;
    case MB_BLOCK_LABEL:
      g_string_append (out, "**");
      append_escaped (out, texts, "");
      g_string_append (out, "**");
      break;
    case MB_BLOCK_ITEM:
      g_string_append (out, "- ");
      if (lead != NULL)
        {
          g_autofree char *escaped = mb_markdown_escape (lead);

          g_string_append_printf (out, "%s ", escaped);
        }
      append_escaped (out, texts, " · ");
      g_string_append_c (out, '\n');
      return;
    case MB_BLOCK_PARAGRAPH:
    default:
      append_escaped (out, texts, "  \n");
      break;
    }

  g_string_append (out, "\n\n");
}

/**
 * mb_markdown_write:
 *
 * Returns: (transfer full): @document as Markdown, every text in it
 *   escaped, ending in one line break
 */
char *
mb_markdown_write (MbDocument *document)
{
  GString *out;
  guint n;

  g_return_val_if_fail (MB_IS_DOCUMENT (document), NULL);

  out = g_string_new (NULL);
  n = mb_document_get_n_blocks (document);
  for (guint i = 0; i < n; i++)
    {
      const MbBlock *block = mb_document_get_block (document, i);

      write_block (out, block);
      /* A blank line after the last item of a list */
      if (mb_block_get_kind (block) == MB_BLOCK_ITEM &&
          (i + 1 == n || mb_block_get_kind (mb_document_get_block (document, i + 1)) != MB_BLOCK_ITEM))
        g_string_append_c (out, '\n');
    }

  /* One line break at the end, not the blank line of the last block. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
