/* mb-result-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_RESULT_ROW (mb_result_row_get_type ())

G_DECLARE_FINAL_TYPE (MbResultRow, mb_result_row, MB, RESULT_ROW, GtkBox)

GtkWidget *mb_result_row_new  (void);
void       mb_result_row_show (MbResultRow        *self,
                               MbSearchResult     *result,
                               const char * const *words,
                               MbPerson           *person);

G_END_DECLS
