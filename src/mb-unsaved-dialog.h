/* mb-unsaved-dialog.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MB_TYPE_UNSAVED_DIALOG (mb_unsaved_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbUnsavedDialog, mb_unsaved_dialog, MB, UNSAVED_DIALOG, AdwMessageDialog)

/* Quits: called with the owner given to mb_unsaved_dialog_new(). */
typedef void (*MbLeaveFunc) (GObject *owner);

MbUnsavedDialog *mb_unsaved_dialog_new (GtkWindow   *parent,
                                        GPtrArray   *journals,
                                        MbLeaveFunc  leave,
                                        GObject     *owner);

G_END_DECLS
