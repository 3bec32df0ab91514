/* mb-open-agreement-row.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"
#include "mb-promise-talk.h"

G_BEGIN_DECLS

#define MB_TYPE_OPEN_AGREEMENT_ROW (mb_open_agreement_row_get_type ())

G_DECLARE_FINAL_TYPE (MbOpenAgreementRow, mb_open_agreement_row, MB, OPEN_AGREEMENT_ROW, AdwActionRow)

GtkWidget   *mb_open_agreement_row_new           (MbAgreement        *agreement,
                                                  MbConversation     *agreed_in);
MbAgreement    *mb_open_agreement_row_get_agreement (MbOpenAgreementRow *self);
MbConversation *mb_open_agreement_row_get_agreed_in (MbOpenAgreementRow *self);
void            mb_open_agreement_row_set_repair    (MbOpenAgreementRow *self,
                                                     MbRepair            repair,
                                                     MbConversation     *conversation);

G_END_DECLS
