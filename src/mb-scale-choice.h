/* mb-scale-choice.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"

G_BEGIN_DECLS

#define MB_TYPE_SCALE_CHOICE (mb_scale_choice_get_type ())

G_DECLARE_FINAL_TYPE (MbScaleChoice, mb_scale_choice, MB, SCALE_CHOICE, AdwBin)

GtkWidget *mb_scale_choice_new        (MbConversation   *conversation,
                                       MbScriptQuestion *question);
guint      mb_scale_choice_get_value  (MbScaleChoice    *self);

G_END_DECLS
