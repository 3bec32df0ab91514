/* mb-person-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-person.h"

G_BEGIN_DECLS

#define MB_TYPE_PERSON_ROW (mb_person_row_get_type ())

G_DECLARE_FINAL_TYPE (MbPersonRow, mb_person_row, MB, PERSON_ROW, AdwActionRow)

GtkWidget *mb_person_row_new        (MbPerson    *person);
MbPerson  *mb_person_row_get_person (MbPersonRow *self);
void       mb_person_row_set_counts (MbPersonRow *self,
                                     GDateTime   *last,
                                     GDateTime   *next,
                                     guint        open);

G_END_DECLS
