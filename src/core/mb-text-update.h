/* mb-text-update.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One part of a text replaced: the bytes from @old_from to @old_to of
 * the old text by those from @new_from to @new_to of the new one.
 */
typedef struct
{
  gsize old_from;
  gsize old_to;
  gsize new_from;
  gsize new_to;
} MbTextEdit;

/* At most this many edits, for at most two places kept. */
#define MB_TEXT_UPDATE_MAX_EDITS 3

guint mb_text_update_plan (const char *old,
                           gsize       old_size,
                           const char *text,
                           gsize       size,
                           gsize      *places,
                           guint       n_places,
                           MbTextEdit *edits);

G_END_DECLS
