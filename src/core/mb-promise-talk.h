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

gboolean            mb_promise_talk_offered    (MbAgreement    *agreement);
const char * const *mb_promise_talk_scripts    (void);
const char         *mb_promise_talk_script     (MbAgreement    *agreement,
                                                GDate          *today);
char               *mb_promise_talk_note       (MbAgreement    *agreement);
MbTextKind          mb_promise_talk_put        (MbConversation *conversation,
                                                MbAgreement    *agreement,
                                                const char    **key);

G_END_DECLS
