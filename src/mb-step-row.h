/* mb-step-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MB_TYPE_STEP_ROW (mb_step_row_get_type ())

G_DECLARE_FINAL_TYPE (MbStepRow, mb_step_row, MB, STEP_ROW, GtkListBoxRow)

GtkWidget *mb_step_row_new           (const char *title);
void       mb_step_row_set_current   (MbStepRow  *self,
                                      gboolean    current);
gboolean   mb_step_row_get_current   (MbStepRow  *self);
void       mb_step_row_set_has_notes (MbStepRow  *self,
                                      gboolean    has_notes);
gboolean   mb_step_row_get_has_notes (MbStepRow  *self);

G_END_DECLS
