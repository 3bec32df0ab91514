/* mb-new-conversation-dialog.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"
#include "mb-script-library.h"

G_BEGIN_DECLS

#define MB_TYPE_NEW_CONVERSATION_DIALOG (mb_new_conversation_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbNewConversationDialog, mb_new_conversation_dialog, MB, NEW_CONVERSATION_DIALOG, AdwWindow)

MbNewConversationDialog *mb_new_conversation_dialog_new (GtkWindow       *parent,
                                                         MbJournal       *journal,
                                                         MbScriptLibrary *library,
                                                         const char      *script_id);
MbConversation          *mb_new_conversation_dialog_start (MbNewConversationDialog *self);

void                     mb_new_conversation_dialog_set_person (MbNewConversationDialog *self,
                                                                MbPerson                *person);
void                     mb_new_conversation_dialog_set_promise (MbNewConversationDialog *self,
                                                                 MbPerson                *person,
                                                                 MbAgreement             *agreement);

G_END_DECLS
