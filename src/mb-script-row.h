/* mb-script-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-script.h"

G_BEGIN_DECLS

#define MB_TYPE_SCRIPT_ROW (mb_script_row_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptRow, mb_script_row, MB, SCRIPT_ROW, AdwActionRow)

GtkWidget *mb_script_row_new        (MbScript    *script);
MbScript  *mb_script_row_get_script (MbScriptRow *self);

G_END_DECLS
