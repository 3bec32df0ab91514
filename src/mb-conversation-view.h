/* mb-conversation-view.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_CONVERSATION_VIEW (mb_conversation_view_get_type ())

G_DECLARE_FINAL_TYPE (MbConversationView, mb_conversation_view, MB, CONVERSATION_VIEW, AdwBin)

GtkWidget      *mb_conversation_view_new              (MbJournal          *journal,
                                                       MbConversation     *conversation);
MbConversation *mb_conversation_view_get_conversation (MbConversationView *self);
void            mb_conversation_view_focus_field      (MbConversationView *self);

G_END_DECLS
