/* mb-conversation-read.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_CONVERSATION_READ (mb_conversation_read_get_type ())

G_DECLARE_FINAL_TYPE (MbConversationRead, mb_conversation_read, MB, CONVERSATION_READ, AdwBin)

GtkWidget      *mb_conversation_read_new              (MbJournal          *journal,
                                                       MbConversation     *conversation);
MbConversation *mb_conversation_read_get_conversation (MbConversationRead *self);
void            mb_conversation_read_show_place       (MbConversationRead *self,
                                                       MbPhase             phase,
                                                       guint               step,
                                                       const char * const *words);

G_END_DECLS
