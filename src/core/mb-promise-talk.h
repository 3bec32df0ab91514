/* mb-promise-talk.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-conversation.h"

G_BEGIN_DECLS

/* The bundled scripts for a conversation about a promise of the leader's. */
#define MB_SCRIPT_OWN_A_MISTAKE        "own-a-mistake"
#define MB_SCRIPT_RENEGOTIATE_A_PROMISE "renegotiate-a-promise"

/* Whether the conversation about a promise took place. */
typedef enum
{
  MB_REPAIR_NONE,    /* there is no conversation about it */
  MB_REPAIR_PLANNED, /* there is one, not held yet */
  MB_REPAIR_HELD,    /* one was held */
} MbRepair;

gboolean            mb_promise_talk_offered    (MbAgreement    *agreement);
gboolean            mb_promise_talk_was_held   (MbPhase         phase,
                                                gboolean        finished,
                                                GDateTime      *scheduled,
                                                GDateTime      *now);
MbConversation     *mb_promise_talk_find       (GPtrArray      *conversations,
                                                MbAgreement    *agreement,
                                                const char     *agreed_in_id,
                                                GDateTime      *now,
                                                MbRepair       *repair);
const char * const *mb_promise_talk_scripts    (void);
const char         *mb_promise_talk_script     (MbAgreement    *agreement,
                                                GDate          *today);
char               *mb_promise_talk_note       (MbAgreement    *agreement);
MbTextKind          mb_promise_talk_put        (MbConversation *conversation,
                                                MbAgreement    *agreement,
                                                const char    **key);

G_END_DECLS
