/* mb-compare-dialog.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_COMPARE_DIALOG (mb_compare_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MbCompareDialog, mb_compare_dialog, MB, COMPARE_DIALOG, AdwWindow)

MbCompareDialog *mb_compare_dialog_new          (GtkWindow       *parent,
                                                 MbJournal       *journal,
                                                 MbProblem       *problem);
MbVersions      *mb_compare_dialog_get_versions (MbCompareDialog *self);

G_END_DECLS
