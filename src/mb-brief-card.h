/* mb-brief-card.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_BRIEF_CARD (mb_brief_card_get_type ())

G_DECLARE_FINAL_TYPE (MbBriefCard, mb_brief_card, MB, BRIEF_CARD, GtkBox)

GtkWidget *mb_brief_card_new (MbBrief *brief);

G_END_DECLS
