/* mb-timeline-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"

G_BEGIN_DECLS

#define MB_TYPE_TIMELINE_ROW (mb_timeline_row_get_type ())

G_DECLARE_FINAL_TYPE (MbTimelineRow, mb_timeline_row, MB, TIMELINE_ROW, AdwActionRow)

GtkWidget      *mb_timeline_row_new              (MbConversation *conversation);
MbConversation *mb_timeline_row_get_conversation (MbTimelineRow  *self);

G_END_DECLS
