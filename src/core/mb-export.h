/* mb-export.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-conversation.h"
#include "mb-journal.h"
#include "mb-person.h"

G_BEGIN_DECLS

char *mb_export_conversation (MbConversation *conversation,
                              MbPerson       *person);
char *mb_export_person       (MbJournal      *journal,
                              MbPerson       *person);
char *mb_export_unsaved      (MbJournal      *journal);
char *mb_markdown_escape     (const char     *text);

G_END_DECLS
