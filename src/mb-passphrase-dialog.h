/* mb-passphrase-dialog.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MB_TYPE_PASSPHRASE_DIALOG (mb_passphrase_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbPassphraseDialog, mb_passphrase_dialog, MB, PASSPHRASE_DIALOG, AdwMessageDialog)

MbPassphraseDialog *mb_passphrase_dialog_new         (GtkWindow             *parent,
                                                      const char            *heading,
                                                      const char            *body,
                                                      gboolean               ask_current,
                                                      gboolean               ask_new,
                                                      const char            *response,
                                                      const char            *label,
                                                      AdwResponseAppearance  appearance);
const char         *mb_passphrase_dialog_get_current (MbPassphraseDialog    *self);
const char         *mb_passphrase_dialog_get_new     (MbPassphraseDialog    *self);

void                mb_wipe_string                   (char                  *string);

G_END_DECLS
