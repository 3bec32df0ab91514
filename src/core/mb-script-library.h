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
#include "mb-script-import.h"

G_BEGIN_DECLS

#define MB_SCRIPT_LIBRARY_ERROR (mb_script_library_error_quark ())

typedef enum
{
  MB_SCRIPT_LIBRARY_ERROR_ALREADY_IN_FOLDER,
  MB_SCRIPT_LIBRARY_ERROR_NOT_IN_FOLDER,
} MbScriptLibraryError;

#define MB_TYPE_SCRIPT_LIBRARY (mb_script_library_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptLibrary, mb_script_library, MB, SCRIPT_LIBRARY, GObject)

GQuark           mb_script_library_error_quark           (void);

MbScriptLibrary *mb_script_library_new                   (const char           *bundled_path,
                                                          GFile                *user_dir);
void             mb_script_library_reload                (MbScriptLibrary      *self);
gboolean         mb_script_library_is_loaded             (MbScriptLibrary      *self);
GFile           *mb_script_library_get_user_dir          (MbScriptLibrary      *self);
GListModel      *mb_script_library_get_problems          (MbScriptLibrary      *self);
MbScript        *mb_script_library_lookup                (MbScriptLibrary      *self,
                                                          const char           *id);

void             mb_script_library_prepare_import_async  (MbScriptLibrary      *self,
                                                          GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
MbScriptImport  *mb_script_library_prepare_import_finish (MbScriptLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void             mb_script_library_import_async          (MbScriptLibrary      *self,
                                                          MbScriptImport       *import,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean         mb_script_library_import_finish         (MbScriptLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
void             mb_script_library_remove_async          (MbScriptLibrary      *self,
                                                          MbScript             *script,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean         mb_script_library_remove_finish         (MbScriptLibrary      *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
