/* mb-application.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mb-data-folder.h"
#include "mb-journal.h"
#include "mb-script-library.h"

G_BEGIN_DECLS

#define MB_TYPE_APPLICATION (mb_application_get_type ())

G_DECLARE_FINAL_TYPE (MbApplication, mb_application, MB, APPLICATION, AdwApplication)

MbApplication   *mb_application_new                (const char        *application_id,
                                                    GApplicationFlags  flags);
GSettings       *mb_application_get_settings       (MbApplication *self);
MbScriptLibrary *mb_application_get_script_library (MbApplication *self);
MbJournal       *mb_application_get_journal        (MbApplication *self);
MbDataFolder    *mb_application_get_data_folder    (MbApplication *self);
gboolean         mb_application_close_window       (MbApplication *self,
                                                    GtkWindow     *window);

G_END_DECLS
