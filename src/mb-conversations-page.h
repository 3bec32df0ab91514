/* mb-conversations-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-section-page.h"

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_CONVERSATIONS_PAGE (mb_conversations_page_get_type ())

G_DECLARE_FINAL_TYPE (MbConversationsPage, mb_conversations_page, MB, CONVERSATIONS_PAGE, MbSectionPage)

void            mb_conversations_page_open                  (MbConversationsPage *self,
                                                             MbConversation      *conversation);
void            mb_conversations_page_read                  (MbConversationsPage *self,
                                                             MbConversation      *conversation);
void            mb_conversations_page_show                  (MbConversationsPage *self,
                                                             MbConversation      *conversation);
GtkWidget      *mb_conversations_page_get_open              (MbConversationsPage *self);
MbConversation *mb_conversations_page_get_open_conversation (MbConversationsPage *self);
void            mb_conversations_page_focus                 (MbConversationsPage *self);

G_END_DECLS
