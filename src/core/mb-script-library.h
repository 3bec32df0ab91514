/* mb-script-library.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-problem.h"
#include "mb-script.h"

G_BEGIN_DECLS

#define MB_TYPE_SCRIPT_LIBRARY (mb_script_library_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptLibrary, mb_script_library, MB, SCRIPT_LIBRARY, GObject)

MbScriptLibrary *mb_script_library_new          (const char      *bundled_path,
                                                 GFile           *user_dir);
void             mb_script_library_reload       (MbScriptLibrary *self);
gboolean         mb_script_library_is_loaded    (MbScriptLibrary *self);
GFile           *mb_script_library_get_user_dir (MbScriptLibrary *self);
GListModel      *mb_script_library_get_problems (MbScriptLibrary *self);
MbScript        *mb_script_library_lookup       (MbScriptLibrary *self,
                                                 const char      *id);

G_END_DECLS
