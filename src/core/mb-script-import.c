/* mb-script-import.c
 *
 * Copyright 2026 The Marbles developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A script file the user picked, read and checked, on its way into the
 * user's scripts folder: the script, the exact bytes that will be
 * written, where they go, and whether a file is there already. Made by
 * mb_script_library_prepare_import_async(); written by
 * mb_script_library_import_async().
 */

#define G_LOG_DOMAIN "mb-script-import"

#include "config.h"

#include "mb-script-import.h"

struct _MbScriptImport
{
  GObject   parent_instance;

  MbScript *script;
  GBytes   *bytes;
  GFile    *target;
  gboolean  replaces;
};

G_DEFINE_FINAL_TYPE (MbScriptImport, mb_script_import, G_TYPE_OBJECT)

/**
 * mb_script_import_new:
 * @script: the script read from @bytes
 * @bytes: the file's content, written as it is
 * @target: the file in the user's scripts folder it goes to
 * @replaces: whether @target was there already
 */
MbScriptImport *
mb_script_import_new (MbScript *script,
                      GBytes   *bytes,
                      GFile    *target,
                      gboolean  replaces)
{
  MbScriptImport *self;

  g_return_val_if_fail (MB_IS_SCRIPT (script), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (target), NULL);

  self = g_object_new (MB_TYPE_SCRIPT_IMPORT, NULL);
  self->script = g_object_ref (script);
  self->bytes = g_bytes_ref (bytes);
  self->target = g_object_ref (target);
  self->replaces = replaces;
  return self;
}

static void
mb_script_import_finalize (GObject *object)
{
  MbScriptImport *self = MB_SCRIPT_IMPORT (object);

  g_clear_object (&self->script);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->target);

  G_OBJECT_CLASS (mb_script_import_parent_class)->finalize (object);
}

static void
mb_script_import_class_init (MbScriptImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mb_script_import_finalize;
}

static void
mb_script_import_init (MbScriptImport *self)
{
}

/**
 * mb_script_import_get_script:
 *
 * Returns: (transfer none): the script as read from the picked file
 */
MbScript *
mb_script_import_get_script (MbScriptImport *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_IMPORT (self), NULL);

  return self->script;
}

/**
 * mb_script_import_get_bytes:
 *
 * Returns: (transfer none): the content that will be written
 */
GBytes *
mb_script_import_get_bytes (MbScriptImport *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_IMPORT (self), NULL);

  return self->bytes;
}

/**
 * mb_script_import_get_target:
 *
 * Returns: (transfer none): the file in the user's scripts folder, named
 *   after the script's id
 */
GFile *
mb_script_import_get_target (MbScriptImport *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_IMPORT (self), NULL);

  return self->target;
}

/**
 * mb_script_import_get_replaces:
 *
 * Returns: whether the target file was there when the picked file was
 *   checked, so that importing replaces it
 */
gboolean
mb_script_import_get_replaces (MbScriptImport *self)
{
  g_return_val_if_fail (MB_IS_SCRIPT_IMPORT (self), FALSE);

  return self->replaces;
}
