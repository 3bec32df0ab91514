/* mb-conversation-row.h
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

#define MB_TYPE_CONVERSATION_ROW (mb_conversation_row_get_type ())

G_DECLARE_FINAL_TYPE (MbConversationRow, mb_conversation_row, MB, CONVERSATION_ROW, GtkBox)

GtkWidget      *mb_conversation_row_new              (void);
MbConversation *mb_conversation_row_get_conversation (MbConversationRow *self);
void            mb_conversation_row_set_conversation (MbConversationRow *self,
                                                      MbConversation    *conversation);
MbPerson       *mb_conversation_row_get_person       (MbConversationRow *self);
void            mb_conversation_row_set_person       (MbConversationRow *self,
                                                      MbPerson          *person);

G_END_DECLS
