/* mb-script-choice-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-script.h"

G_BEGIN_DECLS

#define MB_TYPE_SCRIPT_CHOICE_ROW (mb_script_choice_row_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptChoiceRow, mb_script_choice_row, MB, SCRIPT_CHOICE_ROW, AdwActionRow)

GtkWidget      *mb_script_choice_row_new        (MbScript          *script);
MbScript       *mb_script_choice_row_get_script (MbScriptChoiceRow *self);
GtkCheckButton *mb_script_choice_row_get_check  (MbScriptChoiceRow *self);

G_END_DECLS
