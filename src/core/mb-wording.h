/* mb-wording.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-conversation.h"

G_BEGIN_DECLS

char        *mb_wording_day             (GDateTime         *when);
char        *mb_wording_moment          (GDateTime         *when);
char        *mb_wording_date            (GDate             *date);
const char  *mb_wording_promiser        (MbPromisedBy       promised_by);
const char **mb_wording_promisers       (void);
MbPromisedBy mb_wording_promiser_at     (guint              position);
const char  *mb_wording_status          (MbAgreementStatus  status);
const char **mb_wording_statuses        (void);
const char  *mb_wording_status_in_line  (MbAgreementStatus  status);
GStrv        mb_wording_agreement_parts (MbAgreement       *agreement,
                                         GDateTime         *agreed,
                                         gboolean           with_status);
char        *mb_wording_agreement       (MbAgreement       *agreement,
                                         GDateTime         *agreed,
                                         gboolean           with_status);

G_END_DECLS
