/* mb-text-field.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"
#include "mb-lens-marks.h"

G_BEGIN_DECLS

#define MB_TYPE_TEXT_FIELD (mb_text_field_get_type ())

G_DECLARE_FINAL_TYPE (MbTextField, mb_text_field, MB, TEXT_FIELD, AdwBin)

GtkWidget   *mb_text_field_new           (MbConversation *conversation,
                                          MbTextKind      kind,
                                          const char     *key,
                                          const char     *accessible_label,
                                          int             height);
GtkWidget   *mb_text_field_new_read_only (const char     *text,
                                          const char     *accessible_label);
GtkTextView *mb_text_field_get_view      (MbTextField    *self);
MbTextKind   mb_text_field_get_kind      (MbTextField    *self);
const char  *mb_text_field_get_notice    (MbTextField    *self);
MbLensMarks *mb_text_field_get_lens      (MbTextField    *self);
void         mb_text_field_take_text     (MbTextField    *self,
                                          const char     *text);

G_END_DECLS
