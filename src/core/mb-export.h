/* mb-export.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-conversation.h"
#include "mb-document.h"
#include "mb-journal.h"
#include "mb-markdown.h"
#include "mb-person.h"

G_BEGIN_DECLS

MbDocument *mb_export_conversation_document (MbConversation *conversation,
                                             MbPerson       *person);
MbDocument *mb_export_person_document       (MbJournal      *journal,
                                             MbPerson       *person);
MbDocument *mb_export_unsaved_document      (MbJournal      *journal);
char       *mb_export_conversation          (MbConversation *conversation,
                                             MbPerson       *person);
char       *mb_export_person                (MbJournal      *journal,
                                             MbPerson       *person);
char       *mb_export_unsaved               (MbJournal      *journal);

G_END_DECLS
