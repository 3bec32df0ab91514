/* mb-agreement-dialog.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-conversation.h"

G_BEGIN_DECLS

AdwMessageDialog *mb_agreement_dialog_present (GtkWidget      *parent,
                                               MbConversation *conversation);

G_END_DECLS
