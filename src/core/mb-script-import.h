/* mb-script-import.h
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mb-script.h"

G_BEGIN_DECLS

#define MB_TYPE_SCRIPT_IMPORT (mb_script_import_get_type ())

G_DECLARE_FINAL_TYPE (MbScriptImport, mb_script_import, MB, SCRIPT_IMPORT, GObject)

MbScriptImport *mb_script_import_new          (MbScript       *script,
                                               GBytes         *bytes,
                                               GFile          *target,
                                               gboolean        replaces);
MbScript       *mb_script_import_get_script   (MbScriptImport *self);
GBytes         *mb_script_import_get_bytes    (MbScriptImport *self);
GFile          *mb_script_import_get_target   (MbScriptImport *self);
gboolean        mb_script_import_get_replaces (MbScriptImport *self);

G_END_DECLS
