/* mb-settle-button.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"

G_BEGIN_DECLS

#define MB_TYPE_SETTLE_BUTTON (mb_settle_button_get_type ())

G_DECLARE_FINAL_TYPE (MbSettleButton, mb_settle_button, MB, SETTLE_BUTTON, GtkButton)

GtkWidget *mb_settle_button_new      (MbAgreement    *agreement,
                                      gboolean        kept,
                                      GCallback       callback);
gboolean   mb_settle_button_get_kept (MbSettleButton *self);

G_END_DECLS
