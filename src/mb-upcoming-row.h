/* mb-upcoming-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"
#include "mb-person.h"

G_BEGIN_DECLS

#define MB_TYPE_UPCOMING_ROW (mb_upcoming_row_get_type ())

G_DECLARE_FINAL_TYPE (MbUpcomingRow, mb_upcoming_row, MB, UPCOMING_ROW, AdwActionRow)

GtkWidget      *mb_upcoming_row_new              (MbConversation *conversation,
                                                  MbPerson       *person);
MbConversation *mb_upcoming_row_get_conversation (MbUpcomingRow  *self);

G_END_DECLS
