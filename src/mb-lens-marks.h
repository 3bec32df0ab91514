/* mb-lens-marks.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mb-lens.h"

G_BEGIN_DECLS

#define MB_TYPE_LENS_MARKS (mb_lens_marks_get_type ())

G_DECLARE_FINAL_TYPE (MbLensMarks, mb_lens_marks, MB, LENS_MARKS, GObject)

MbLensMarks *mb_lens_marks_new             (GtkTextView       *view);
gboolean     mb_lens_marks_get_span_at     (MbLensMarks       *self,
                                            const GtkTextIter *iter,
                                            MbLensCategory    *category,
                                            GtkTextIter       *start,
                                            GtkTextIter       *end);
gboolean     mb_lens_marks_is_checking     (MbLensMarks       *self);
void         mb_lens_marks_hold_count      (MbLensMarks       *self,
                                            gboolean           hold);

G_END_DECLS
