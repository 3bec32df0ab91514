/* mb-document.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A document to keep or print, as a list of blocks of plain text: what
 * the export makes of a conversation or a person, and what the Markdown
 * writer (mb-markdown.c) and the print layout (mb-document-print.c)
 * both show, each in its own way.
 *
 * A block is one of:
 *  - a heading, of level 1 (the document's title) to 6;
 *  - a paragraph: one or more lines, each kept on a line of its own;
 *  - a label: a short line in bold that belongs to the block after it,
 *    such as a question before its answer;
 *  - a list item: fields shown one after the other with “ · ” between
 *    them, after a lead word if it has one (“In: kept the promise”).
 * Consecutive items are one list.
 *
 * Every text is one line, plain: line breaks and tabs in it become
 * spaces, and white space at either end goes. Nothing in it is markup.
 */

#define G_LOG_DOMAIN "mb-document"

#include "config.h"

#include "mb-document.h"

struct _MbBlock
{
  MbBlockKind  kind;
  guint        level;
  char        *lead;
  GStrv        texts;
};

struct _MbDocument
{
  GObject    parent_instance;

  GPtrArray *blocks;
};

G_DEFINE_FINAL_TYPE (MbDocument, mb_document, G_TYPE_OBJECT)

/* The separator between the fields of an item. */
#define FIELD_SEPARATOR " · "

static void
block_free (MbBlock *block)
{
  g_free (block->lead);
  g_strfreev (block->texts);
  g_free (block);
}

/* @text as one plain line. */
static char *
to_line (const char *text)
{
  return g_strstrip (g_strdelimit (g_strdup (text), "\r\n\t", ' '));
}

/**
 * mb_block_get_kind:
 *
 * Returns: what @block is: a heading, a paragraph, a label or an item
 */
MbBlockKind
mb_block_get_kind (const MbBlock *block)
{
  g_return_val_if_fail (block != NULL, MB_BLOCK_PARAGRAPH);

  return block->kind;
}

/**
 * mb_block_get_level:
 *
 * Returns: the level of a heading, from 1 for the title to 6; 0 for
 *   other blocks
 */
guint
mb_block_get_level (const MbBlock *block)
{
  g_return_val_if_fail (block != NULL, 0);

  return block->level;
}

/**
 * mb_block_get_lead:
 *
 * Returns: (nullable): the word that leads an item, before its fields
 */
const char *
mb_block_get_lead (const MbBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->lead;
}

/**
 * mb_block_get_texts:
 *
 * Returns: (transfer none): the texts of @block: the lines of a
 *   paragraph, the fields of an item, the one text of a heading or a
 *   label; each a plain line
 */
const char * const *
mb_block_get_texts (const MbBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return (const char * const *) block->texts;
}

/**
 * mb_block_dup_text:
 *
 * Returns: (transfer full): @block as text to read: the lines of a
 *   paragraph one under the other (joined by “\n”), the fields of an
 *   item after its lead and a space, with “ · ” between them
 */
char *
mb_block_dup_text (const MbBlock *block)
{
  g_autofree char *joined = NULL;

  g_return_val_if_fail (block != NULL, NULL);

  joined = g_strjoinv (block->kind == MB_BLOCK_PARAGRAPH ? "\n" : FIELD_SEPARATOR, block->texts);
  if (block->lead == NULL)
    return g_steal_pointer (&joined);
  return g_strconcat (block->lead, " ", joined, NULL);
}

static void
mb_document_finalize (GObject *object)
{
  MbDocument *self = MB_DOCUMENT (object);

  g_ptr_array_unref (self->blocks);

  G_OBJECT_CLASS (mb_document_parent_class)->finalize (object);
}

static void
mb_document_class_init (MbDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mb_document_finalize;
}

static void
mb_document_init (MbDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
}

/**
 * mb_document_new:
 *
 * Returns: (transfer full): a document without blocks
 */
MbDocument *
mb_document_new (void)
{
  return g_object_new (MB_TYPE_DOCUMENT, NULL);
}

guint
mb_document_get_n_blocks (MbDocument *self)
{
  g_return_val_if_fail (MB_IS_DOCUMENT (self), 0);

  return self->blocks->len;
}

/**
 * mb_document_get_block:
 *
 * Returns: (transfer none): the block at @index, from the top
 */
const MbBlock *
mb_document_get_block (MbDocument *self,
                       guint       index)
{
  g_return_val_if_fail (MB_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

/* A block of @kind holding @texts, each made a plain line. */
static void
add_block (MbDocument         *self,
           MbBlockKind         kind,
           guint               level,
           const char         *lead,
           const char * const *texts)
{
  MbBlock *block = g_new0 (MbBlock, 1);
  guint n = g_strv_length ((GStrv) texts);

  block->kind = kind;
  block->level = level;
  block->lead = lead != NULL ? to_line (lead) : NULL;
  block->texts = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    block->texts[i] = to_line (texts[i]);
  g_ptr_array_add (self->blocks, block);
}

void
mb_document_add_heading (MbDocument *self,
                         guint       level,
                         const char *text)
{
  g_return_if_fail (MB_IS_DOCUMENT (self));
  g_return_if_fail (level >= 1 && level <= 6);
  g_return_if_fail (text != NULL);

  add_block (self, MB_BLOCK_HEADING, level, NULL, (const char *[]) { text, NULL });
}

/**
 * mb_document_add_paragraph:
 *
 * Adds @text as a paragraph of one line.
 */
void
mb_document_add_paragraph (MbDocument *self,
                           const char *text)
{
  g_return_if_fail (MB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, MB_BLOCK_PARAGRAPH, 0, NULL, (const char *[]) { text, NULL });
}

void
mb_document_add_label (MbDocument *self,
                       const char *text)
{
  g_return_if_fail (MB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, MB_BLOCK_LABEL, 0, NULL, (const char *[]) { text, NULL });
}

/**
 * mb_document_add_item:
 * @lead: (nullable): a word before the fields, such as “In:”
 * @fields: (array zero-terminated=1): at least one
 *
 * Adds a list item; items added one after the other are one list.
 */
void
mb_document_add_item (MbDocument         *self,
                      const char         *lead,
                      const char * const *fields)
{
  g_return_if_fail (MB_IS_DOCUMENT (self));
  g_return_if_fail (fields != NULL && fields[0] != NULL);

  add_block (self, MB_BLOCK_ITEM, 0, lead, fields);
}

/* Adds @lines (a paragraph), if there are any, and empties them. */
static void
end_paragraph (MbDocument *self,
               GPtrArray  *lines)
{
  if (lines->len == 0)
    return;

  g_ptr_array_add (lines, NULL);
  add_block (self, MB_BLOCK_PARAGRAPH, 0, NULL, (const char * const *) lines->pdata);
  g_ptr_array_set_size (lines, 0);
}

/**
 * mb_document_add_text:
 * @text: several lines, as the user typed them
 *
 * Adds @text as paragraphs: a line of nothing but white space starts a
 * new one, and every other line is a line of its paragraph.
 */
void
mb_document_add_text (MbDocument *self,
                      const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) paragraph = g_ptr_array_new_with_free_func (g_free);

  g_return_if_fail (MB_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = to_line (lines[i]);

      if (*line == '\0')
        {
          g_free (line);
          end_paragraph (self, paragraph);
        }
      else
        {
          g_ptr_array_add (paragraph, line);
        }
    }
  end_paragraph (self, paragraph);
}

/**
 * mb_document_append:
 *
 * Adds every block of @other at the end of @self.
 */
void
mb_document_append (MbDocument *self,
                    MbDocument *other)
{
  g_return_if_fail (MB_IS_DOCUMENT (self));
  g_return_if_fail (MB_IS_DOCUMENT (other));
  g_return_if_fail (self != other);

  for (guint i = 0; i < other->blocks->len; i++)
    {
      MbBlock *block = g_ptr_array_index (other->blocks, i);

      add_block (self, block->kind, block->level, block->lead, (const char * const *) block->texts);
    }
}
