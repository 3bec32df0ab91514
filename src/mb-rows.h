/* mb-rows.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *mb_problem_row_new (gpointer   item,
                               gpointer   user_data);
char      *mb_format_day      (GDateTime *when);

G_END_DECLS
