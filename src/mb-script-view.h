/* mb-script-view.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-script.h"

G_BEGIN_DECLS

#define MB_TYPE_SCRIPT_VIEW (mb_script_view_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptView, mb_script_view, MB, SCRIPT_VIEW, AdwBin)

MbScript  *mb_script_view_get_script     (MbScriptView *self);
void       mb_script_view_set_script     (MbScriptView *self,
                                          MbScript     *script);
void       mb_script_view_add_step_guide (GtkWidget    *box,
                                          MbScriptStep *step);
GtkWidget *mb_add_label                  (GtkWidget    *box,
                                          const char   *text,
                                          const char   *style_class);
GtkWidget *mb_add_section                (GtkWidget    *parent,
                                          const char   *title,
                                          const char   *title_class,
                                          const char   *description,
                                          int           spacing);

G_END_DECLS
