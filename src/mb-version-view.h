/* mb-version-view.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_VERSION_VIEW (mb_version_view_get_type ())

G_DECLARE_FINAL_TYPE (MbVersionView, mb_version_view, MB, VERSION_VIEW, AdwBin)

GtkWidget *mb_version_view_new             (MbJournal     *journal,
                                            MbVersions    *versions,
                                            MbVersionSide  side);
GtkWidget *mb_version_view_get_keep_button (MbVersionView *self);

G_END_DECLS
