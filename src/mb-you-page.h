/* mb-you-page.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mb-document.h"
#include "mb-mirror.h"
#include "mb-section-page.h"

G_BEGIN_DECLS

#define MB_TYPE_YOU_PAGE (mb_you_page_get_type ())

G_DECLARE_FINAL_TYPE (MbYouPage, mb_you_page, MB, YOU_PAGE, MbSectionPage)

MbMirrorPeriod mb_you_page_get_period (MbYouPage      *self);
void           mb_you_page_set_period (MbYouPage      *self,
                                       MbMirrorPeriod  period);
MbDocument    *mb_you_page_export_document (MbYouPage *self);

G_END_DECLS
