/* mb-preferences-window.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-journal.h"

G_BEGIN_DECLS

#define MB_TYPE_PREFERENCES_WINDOW (mb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MbPreferencesWindow, mb_preferences_window, MB, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *mb_preferences_window_new (GtkWindow *parent,
                                      GSettings *settings,
                                      MbJournal *journal);

G_END_DECLS
