/* mb-recovery-key-dialog.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MB_TYPE_RECOVERY_KEY_DIALOG (mb_recovery_key_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbRecoveryKeyDialog, mb_recovery_key_dialog, MB, RECOVERY_KEY_DIALOG, AdwMessageDialog)

MbRecoveryKeyDialog *mb_recovery_key_dialog_new (GtkWindow  *parent,
                                                 const char *recovery_key);

G_END_DECLS
