/* mb-agreement.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mb-enums.h"

G_BEGIN_DECLS

typedef enum
{
  MB_PROMISED_BY_ME,
  MB_PROMISED_BY_THEM,
  MB_PROMISED_BY_BOTH,
} MbPromisedBy;

typedef enum
{
  MB_AGREEMENT_OPEN,
  MB_AGREEMENT_KEPT,
  MB_AGREEMENT_NOT_KEPT,
} MbAgreementStatus;

#define MB_TYPE_AGREEMENT (mb_agreement_get_type ())
G_DECLARE_FINAL_TYPE (MbAgreement, mb_agreement, MB, AGREEMENT, GObject)

const char        *mb_agreement_get_id          (MbAgreement *self);
const char        *mb_agreement_get_text        (MbAgreement *self);
MbPromisedBy       mb_agreement_get_promised_by (MbAgreement *self);
GDate             *mb_agreement_get_due         (MbAgreement *self);
MbAgreementStatus  mb_agreement_get_status      (MbAgreement *self);
void               mb_agreement_set_status      (MbAgreement       *self,
                                                 MbAgreementStatus  status);
GDateTime         *mb_agreement_get_status_changed (MbAgreement    *self);
guint              mb_agreement_get_n_history   (MbAgreement       *self);
gboolean           mb_agreement_get_history     (MbAgreement        *self,
                                                 guint               i,
                                                 MbAgreementStatus  *status,
                                                 GDateTime         **changed);

G_END_DECLS
