/* mb-document.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MB_BLOCK_HEADING,
  MB_BLOCK_PARAGRAPH,
  MB_BLOCK_LABEL,
  MB_BLOCK_ITEM,
} MbBlockKind;

typedef struct _MbBlock MbBlock;

MbBlockKind         mb_block_get_kind  (const MbBlock *block);
guint               mb_block_get_level (const MbBlock *block);
const char         *mb_block_get_lead  (const MbBlock *block);
const char * const *mb_block_get_texts (const MbBlock *block);
char               *mb_block_dup_text  (const MbBlock *block);

#define MB_TYPE_DOCUMENT (mb_document_get_type ())

G_DECLARE_FINAL_TYPE (MbDocument, mb_document, MB, DOCUMENT, GObject)

MbDocument    *mb_document_new           (void);
guint          mb_document_get_n_blocks  (MbDocument         *self);
const MbBlock *mb_document_get_block     (MbDocument         *self,
                                          guint               index);
void           mb_document_add_heading   (MbDocument         *self,
                                          guint               level,
                                          const char         *text);
void           mb_document_add_paragraph (MbDocument         *self,
                                          const char         *text);
void           mb_document_add_label     (MbDocument         *self,
                                          const char         *text);
void           mb_document_add_item      (MbDocument         *self,
                                          const char         *lead,
                                          const char * const *fields);
void           mb_document_add_text      (MbDocument         *self,
                                          const char         *text);
void           mb_document_append        (MbDocument         *self,
                                          MbDocument         *other);

G_END_DECLS
